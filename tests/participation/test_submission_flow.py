"""From the public form to an entry awaiting moderation: the e-mail
confirmation, the consents kept with their wording and time, the version of
the rules accepted, and the author's later edit or withdrawal."""
from django.core import mail
from wagtail.models import ModelLogEntry

from extensions.participation.core.models import Confirmation
from extensions.participation.models import Entry
from tests.core.mime import assert_standard_headers
from tests.html import visible_text
from tests.participation.helpers import last_link, private_files, submit


def test_the_form_is_on_the_contest_page(client, contest):
    response = client.get(contest.url + "participer/")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Brume" not in text
    assert 'name="altcha"' in response.content.decode()
    assert "data-pow-url" in response.content.decode()


def test_a_submission_waits_for_the_authors_confirmation(client, contest):
    response = submit(client, contest)
    assert response.status_code == 302
    assert response["Location"] == contest.url + "participer/envoye/"
    assert not Entry.objects.exists()
    assert Confirmation.objects.filter(purpose="submission").count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.fr"]
    assert message.alternatives and "text/html" == message.alternatives[0][1]
    assert "http://localhost/participation/confirmer/" in message.body
    assert message.subject == "Confirmez votre participation"
    assert_standard_headers(message, "localhost")


def test_following_the_link_and_confirming_creates_the_entry(client, contest, django_capture_on_commit_callbacks):
    submit(client, contest)
    link = last_link()
    page = client.get(link)
    assert page.status_code == 200
    assert not Entry.objects.exists(), "opening the link does not confirm: only the button does"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)
    assert done.status_code == 200
    entry = Entry.objects.get()
    assert entry.status == Entry.Status.PENDING
    assert entry.title == "Brume sur l'Aurèle"
    assert entry.rules_version.number == 1
    assert entry.licence["uses"] == ["contest", "communication"]
    kinds = {consent.kind: consent for consent in entry.consents.all()}
    assert set(kinds) == {"accept_rules", "accept_licence", "declare_author", "declare_eligible", "people"}
    assert "Version 1" in kinds["accept_rules"].wording or "version 1" in kinds["accept_rules"].wording.lower()
    assert "Camille Dupont" in kinds["accept_licence"].wording
    assert all(consent.accepted_at for consent in kinds.values())
    assert ModelLogEntry.objects.filter(action="participation.submit", object_id=str(entry.pk)).exists()
    assert private_files() == [entry.photo.name]
    # The author receives their personal link to edit or withdraw.
    assert "ma-participation" in mail.outbox[-1].body


def _confirmed_entry(client, contest, capture):
    submit(client, contest)
    with capture(execute=True):
        client.post(last_link())
    return Entry.objects.get()


def test_an_edit_by_the_author_sends_the_entry_back_to_moderation(
    client, contest, django_capture_on_commit_callbacks
):
    entry = _confirmed_entry(client, contest, django_capture_on_commit_callbacks)
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.APPROVED)
    manage = last_link()
    assert client.get(manage).status_code == 200
    response = client.post(manage, {
        "action": "edit", "title": "Brume d'automne", "description": "La rivière dans la brume d'octobre.",
        "category": entry.category_id,
    })
    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.title, entry.status) == ("Brume d'automne", Entry.Status.PENDING)
    assert ModelLogEntry.objects.filter(action="participation.author_edit", object_id=str(entry.pk)).exists()


def test_the_author_can_withdraw_their_entry(client, contest, django_capture_on_commit_callbacks):
    entry = _confirmed_entry(client, contest, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(last_link(), {"action": "withdraw"})
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert private_files() == []


def test_the_form_target_still_checks_the_csrf_token(contest):
    """The view is exempt from the middleware only to check the size first."""
    from django.test import Client

    from tests.participation.helpers import entry_form

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/participation/envoi/{contest.pk}/", entry_form(strict, contest))
    assert response.status_code == 403
    assert not Confirmation.objects.exists() and private_files() == []


def test_an_author_cannot_move_their_entry_into_a_category_closed_to_them(
    client, contest, django_capture_on_commit_callbacks
):
    entry = _confirmed_entry(client, contest, django_capture_on_commit_callbacks)
    young = contest.categories.get(name="Moins de 18 ans")
    response = client.post(last_link(), {
        "action": "edit", "title": entry.title, "description": entry.description, "category": young.pk,
    })
    assert 'id="id_category_error"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.category.name == "Adultes"
