"""After the contest: photos into the image library with credit and
licence, CSV exports without personal data, the purge at the end of the
retention period (command and task), and one person's access or erasure
request."""
import csv
import io
import json
from datetime import timedelta

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from extensions.participation.core import confirmations
from extensions.participation.library import COLLECTION_NAME, copy_to_library
from extensions.participation.models import Entry, JuryScore, Vote
from extensions.participation.purge import purge_due
from extensions.participation.tasks import purge_personal_data
from extensions.participation.voting import VOTE
from tests.participation.helpers import make_entry, private_files

COMMUNICATION = {"uses": ["contest", "communication"], "media": ["web"], "territory": "france", "years": 3,
                 "granted_at": "2025-03-01T10:00:00+01:00"}


def test_winners_and_licensed_photos_go_to_the_image_library(contest, users):
    contest.winners_per_category = 1
    winner = make_entry(contest, title="Gagnante", author_name="Inès Moreau")
    Vote.objects.create(contest=contest, entry=winner, voter_key="v", slot=f"e{winner.pk}")
    licensed = make_entry(contest, title="Sous licence", licence=COMMUNICATION)
    make_entry(contest, title="Concours seulement")
    make_entry(contest, title="Refusée", status=Entry.Status.REJECTED, licence=COMMUNICATION)
    assert copy_to_library(contest) == 2
    images = get_image_model().objects.filter(collection__name=COLLECTION_NAME)
    assert sorted(images.values_list("title", flat=True)) == ["Gagnante", "Sous licence"]
    image = images.get(title="Gagnante")
    assert image.credit == "© Inès Moreau" and "Inès Moreau" in image.licence
    assert image.description == winner.description
    with image.open_file() as fh:
        assert b"Exif" not in fh.read()
    assert copy_to_library(contest) == 0, "copied once"


def test_exports_pseudonymise_authors(client_as, contest):
    entry = make_entry(contest, author_name="Inès Moreau", email="ines@exemple.fr", age=12)
    make_entry(contest, author_name="Inès Moreau", email="ines@exemple.fr", title="Deuxième")
    Vote.objects.create(contest=contest, entry=entry, voter_key="v", slot=f"e{entry.pk}", ip_key="abc")
    agent = client_as("agent")
    entries = agent.get(f"/admin/participation/concours/{contest.pk}/export/participations.csv")
    body = entries.content.decode()
    assert "Inès" not in body and "ines@" not in body
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["author"] == rows[1]["author"] != "—", "the same author, the same code"
    assert rows[0]["age_group"] == "<15"
    votes = list(csv.DictReader(io.StringIO(
        agent.get(f"/admin/participation/concours/{contest.pk}/export/votes.csv").content.decode())))
    assert {row["votes"] for row in votes} == {"1", "0"}
    assert PageLogEntry.objects.filter(action="participation.export").count() == 2


def _past_retention(contest):
    return contest.results_date + timedelta(days=contest.retention_days)


def test_the_purge_waits_for_the_end_of_retention(contest):
    make_entry(contest, email="ines@exemple.fr")
    purge_due(_past_retention(contest) - timedelta(seconds=1))
    assert Entry.objects.get().email == "ines@exemple.fr"


def test_the_purge_removes_personal_data_and_keeps_the_credit(contest, users, django_capture_on_commit_callbacks):
    kept = make_entry(contest, email="ines@exemple.fr", author_name="Inès Moreau", parent_email="p@exemple.fr",
                      ip_key="1234")
    gone = make_entry(contest, status=Entry.Status.REJECTED)
    pending = make_entry(contest, status=Entry.Status.PENDING)
    Vote.objects.create(contest=contest, entry=kept, voter_key="k" * 64, slot=f"e{kept.pk}", ip_key="ip")
    JuryScore.objects.create(entry=kept, criterion=contest.criteria.first(), juror=users["elu"], score=7)
    confirmations.create(VOTE, "votant@exemple.fr", page=contest, payload={"entry": kept.pk})
    contest.eligible_voters.create(email="inscrit@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        totals = purge_due(_past_retention(contest))
    assert totals["contests"] == 1
    kept.refresh_from_db()
    assert (kept.email, kept.parent_email, kept.ip_key, kept.age) == ("", "", "", None)
    assert kept.author_name == "Inès Moreau" and kept.personal_data_purged_at
    assert not Entry.objects.filter(pk__in=[gone.pk, pending.pk]).exists()
    vote = Vote.objects.get()
    assert (vote.voter_key, vote.ip_key) == (None, ""), "the count stays, tied to nobody"
    assert not contest.eligible_voters.exists()
    assert private_files() == [kept.photo.name]
    assert PageLogEntry.objects.filter(action="participation.purge").exists()


def test_the_purge_runs_as_a_command_and_as_a_task(contest, monkeypatch):
    make_entry(contest, email="ines@exemple.fr")
    later = _past_retention(contest)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    out = io.StringIO()
    call_command("purge_participation", "--dry-run", stdout=out)
    assert contest.title in out.getvalue()
    assert Entry.objects.get().email
    assert purge_personal_data.enqueue().return_value["contests"] == 1
    assert Entry.objects.get().email == ""
    call_command("purge_participation", stdout=io.StringIO())  # a second run finds nothing to do


def test_unconfirmed_submissions_and_their_photos_are_purged(client, contest, django_capture_on_commit_callbacks):
    from tests.participation.helpers import submit

    submit(client, contest)
    assert len(private_files()) == 1
    confirmation = confirmations.Confirmation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        purge_due(confirmation.created_at + timedelta(days=9))
    assert private_files() == [] and not confirmations.Confirmation.objects.exists()


def test_an_access_request_finds_everything_about_an_address(client_as, contest):
    make_entry(contest, email="ines@exemple.fr", title="Sa photo")
    make_entry(contest, email="enfant@exemple.fr", parent_email="ines@exemple.fr", title="Photo de son enfant")
    other = make_entry(contest, email="autre@exemple.fr")
    from extensions.participation.core.identity import email_key

    Vote.objects.create(contest=contest, entry=other, voter_key=email_key("ines@exemple.fr"), slot=f"e{other.pk}")
    agent = client_as("agent")
    found = agent.post("/admin/participation/donnees/", {"email": "INES@exemple.fr", "action": "find"})
    assert "Sa photo" in found.content.decode() and "Photo de son enfant" in found.content.decode()
    download = agent.post("/admin/participation/donnees/", {"email": "ines@exemple.fr", "action": "download"})
    data = json.loads(download.content)
    assert len(data["entries"]) == 2 and len(data["votes"]) == 1


def test_an_erasure_request_deletes_everything_about_an_address(client_as, contest, django_capture_on_commit_callbacks):
    mine = make_entry(contest, email="ines@exemple.fr")
    other = make_entry(contest, email="autre@exemple.fr")
    from extensions.participation.core.identity import email_key

    Vote.objects.create(contest=contest, entry=other, voter_key=email_key("ines@exemple.fr"), slot=f"e{other.pk}")
    agent = client_as("agent")
    agent.post("/admin/participation/donnees/", {"email": "ines@exemple.fr", "action": "erase"})
    assert Entry.objects.filter(pk=mine.pk).exists(), "Agents may not erase"
    admin = client_as("superuser")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/admin/participation/donnees/", {"email": "ines@exemple.fr", "action": "erase"})
    assert list(Entry.objects.all()) == [other]
    assert not Vote.objects.exists()
    assert private_files() == [other.photo.name]
    log = PageLogEntry.objects.get(action="participation.erasure")
    assert "ines" not in json.dumps(log.data)
