"""Moderation in the Wagtail admin: Agents list, filter and preview
entries, approve in bulk, reject with a reason e-mailed to the author,
shortlist; every action is logged and shown in the entry's history."""
from django.core import mail
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from extensions.participation.models import Entry
from tests.html import visible_text
from tests.participation.helpers import make_entry, private_files

LISTING = "/admin/snippets/participation/entry/"


def bulk(action, *entries):
    ids = "&".join(f"id={entry.pk}" for entry in entries)
    return f"/admin/bulk/participation/entry/{action}/?{ids}&next={LISTING}"


def test_agents_list_and_filter_entries(client_as, contest):
    make_entry(contest, title="En attente", status=Entry.Status.PENDING)
    make_entry(contest, title="Déjà approuvée")
    agent = client_as("agent")
    listing = agent.get(LISTING)
    assert listing.status_code == 200
    assert "En attente" in visible_text(listing) and "Déjà approuvée" in visible_text(listing)
    assert "/admin/participation/apercu/" in listing.content.decode()
    pending = visible_text(agent.get(LISTING + "?status=pending"))
    assert "En attente" in pending and "Déjà approuvée" not in pending


def test_the_editorial_team_does_not_moderate(client_as, contest):
    make_entry(contest)
    assert client_as("redaction").get(LISTING).status_code in (302, 403)


def test_the_inspect_view_previews_the_photo_and_consents(client_as, contest):
    entry = make_entry(contest, status=Entry.Status.PENDING)
    entry.consents.create(kind="accept_rules", wording="J'accepte le règlement.", accepted_at=entry.submitted_at)
    page = client_as("agent").get(f"{LISTING}inspect/{entry.pk}/")
    assert page.status_code == 200
    assert f"/admin/participation/apercu/{entry.pk}/960.jpg" in page.content.decode()
    assert "J'accepte le règlement." in visible_text(page)


def test_bulk_approval_publishes_renditions_and_is_logged(
    client_as, contest, users, django_capture_on_commit_callbacks
):
    entries = [make_entry(contest, title=f"Photo {n}", status=Entry.Status.PENDING) for n in range(3)]
    agent = client_as("agent")
    assert agent.get(bulk("approve", *entries)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = agent.post(bulk("approve", *entries))
    assert response.status_code == 302
    assert set(Entry.objects.values_list("status", flat=True)) == {Entry.Status.APPROVED}
    assert len(private_files()) == 3 * 4  # the clean copy and three renditions each
    logs = ModelLogEntry.objects.filter(action="participation.approve")
    assert logs.count() == 3 and {log.user for log in logs} == {users["agent"]}
    history = agent.get(f"{LISTING}history/{entries[0].pk}/")
    assert gettext("Entry approved") in visible_text(history)


def test_rejection_needs_a_reason_which_is_emailed(client_as, contest, django_capture_on_commit_callbacks):
    entry = make_entry(contest, status=Entry.Status.APPROVED, email="auteur@exemple.fr")
    agent = client_as("agent")
    agent.get(entry.photo_url())  # a public rendition exists
    assert agent.post(bulk("reject", entry), {"reason": ""}).status_code == 200
    assert Entry.objects.get().status == Entry.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        agent.post(bulk("reject", entry), {"reason": "Des personnes reconnaissables sans leur accord."})
    entry.refresh_from_db()
    assert entry.status == Entry.Status.REJECTED
    assert mail.outbox[-1].to == ["auteur@exemple.fr"]
    assert "Des personnes reconnaissables" in mail.outbox[-1].body
    assert private_files() == [entry.photo.name], "renditions are gone, the clean copy stays private"
    log = ModelLogEntry.objects.get(action="participation.reject")
    assert log.data["rejection_reason"] == "Des personnes reconnaissables sans leur accord."
    assert agent.get(entry.photo_url()).status_code == 404


def test_shortlisting_only_takes_approved_entries(client_as, contest):
    approved = make_entry(contest, title="Retenue")
    pending = make_entry(contest, title="Pas encore", status=Entry.Status.PENDING)
    client_as("agent").post(bulk("shortlist", approved, pending))
    assert list(Entry.objects.filter(shortlisted=True)) == [approved]
    assert ModelLogEntry.objects.filter(action="participation.shortlist").count() == 1


def test_staff_edits_are_logged(client_as, contest):
    entry = make_entry(contest)
    client_as("superuser").post(f"{LISTING}edit/{entry.pk}/", {"title": "Titre corrigé", "description": "Texte."})
    entry.refresh_from_db()
    assert entry.title == "Titre corrigé"
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(entry.pk)).exists()
