"""E-mail links are signed and expire: an expired, reused or tampered link
gets a clear message and changes nothing."""
import time

import pytest
from django.core import mail

from core.links import INVALID, USED
from extensions.participation.core.confirmations import EXPIRED
from extensions.participation.models import Entry, Vote
from tests.participation.helpers import challenge_payload, last_link, make_entry, says, submit


@pytest.fixture
def submission_link(client, contest):
    submit(client, contest)
    return last_link()


def _later(monkeypatch, seconds):
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + seconds)


def test_an_expired_link_changes_nothing(client, submission_link, monkeypatch):
    _later(monkeypatch, 3 * 24 * 3600 + 60)
    for method in (client.get, client.post):
        response = method(submission_link)
        assert response.status_code == 400
        assert says(response, EXPIRED)
    assert not Entry.objects.exists()


def test_a_link_still_works_just_before_it_expires(client, submission_link, monkeypatch):
    _later(monkeypatch, 3 * 24 * 3600 - 60)
    assert client.post(submission_link).status_code == 200
    assert Entry.objects.count() == 1


def test_a_reused_link_changes_nothing(client, submission_link):
    client.post(submission_link)
    entry = Entry.objects.get()
    response = client.post(submission_link)
    assert response.status_code == 400
    assert says(response, USED)
    assert list(Entry.objects.all()) == [entry]


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    lambda token: token[:10],
    lambda token: "x" + token,
    lambda token: "not-a-token",
])
def test_a_tampered_link_changes_nothing(client, submission_link, tamper):
    token = submission_link.rstrip("/").rsplit("/", 1)[1]
    response = client.post(f"/participation/confirmer/{tamper(token)}/")
    assert response.status_code == 400
    assert says(response, INVALID)
    assert not Entry.objects.exists()


def test_a_link_signed_for_another_purpose_is_refused(client, contest, django_capture_on_commit_callbacks):
    """A vote-withdrawal token is not a confirmation token."""
    entry = make_entry(contest)
    client.post(contest.url + f"photo/{entry.pk}/", {"email": "votant@exemple.fr", "altcha": challenge_payload(client)})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(last_link())
    withdraw_token = last_link().rstrip("/").rsplit("/", 1)[1]
    response = client.post(f"/participation/confirmer/{withdraw_token}/")
    assert response.status_code == 400
    assert Vote.objects.count() == 1


def test_a_mail_scanner_opening_the_link_confirms_nothing(client, submission_link):
    client.get(submission_link)
    client.head(submission_link)
    assert not Entry.objects.exists()
    assert len(mail.outbox) == 1
