"""The public vote: a vote counts once its e-mail link is confirmed; one vote
per address per photo, or per category; a vote can be withdrawn before the
close; the one-vote rule is a database constraint that holds under
concurrent requests; nobody, staff included, adds votes by hand."""
import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, connection, transaction
from django.test import Client
from wagtail.snippets.models import get_snippet_models

from extensions.participation.core import confirmations
from extensions.participation.core.identity import email_key
from extensions.participation.core.votes import cast
from extensions.participation.models import ContestPage, Vote
from extensions.participation.voting import VOTE
from tests.html import visible_text
from tests.participation.helpers import challenge_payload, last_link, make_entry


def ask_vote(client, contest, entry, email="votant@exemple.fr"):
    response = client.post(contest.url + f"photo/{entry.pk}/", {"email": email, "altcha": challenge_payload(client)})
    assert response.status_code == 302, visible_text(response)
    return last_link()


def test_a_vote_counts_once_confirmed(client, contest):
    entry = make_entry(contest)
    link = ask_vote(client, contest, entry)
    assert not Vote.objects.exists()
    assert client.post(link).status_code == 200
    vote = Vote.objects.get()
    assert (vote.entry, vote.slot) == (entry, f"e{entry.pk}")
    assert vote.voter_key == email_key("votant@exemple.fr")
    assert "votant" not in vote.voter_key


def test_the_page_explains_the_rule(client, contest):
    entry = make_entry(contest)
    text = visible_text(client.get(contest.url + f"photo/{entry.pk}/"))
    assert str(ContestPage.VoteLimit.PER_ENTRY.label) in text


def test_one_vote_per_address_and_photo(client, contest):
    entry = make_entry(contest)
    first, second = ask_vote(client, contest, entry), ask_vote(client, contest, entry, "VOTANT@exemple.fr")
    assert client.post(first).status_code == 200
    response = client.post(second)
    assert response.status_code == 400
    assert Vote.objects.count() == 1


def test_one_vote_per_address_and_category(client, contest):
    contest.vote_limit = ContestPage.VoteLimit.PER_CATEGORY
    contest.save_revision().publish()
    a, b = make_entry(contest, title="A"), make_entry(contest, title="B")
    other = make_entry(contest, title="C", category="Moins de 18 ans")
    assert client.post(ask_vote(client, contest, a)).status_code == 200
    assert client.post(ask_vote(client, contest, b)).status_code == 400
    assert client.post(ask_vote(client, contest, other)).status_code == 200
    assert Vote.objects.count() == 2


def test_a_vote_can_be_withdrawn_then_cast_again(client, contest, django_capture_on_commit_callbacks):
    entry = make_entry(contest)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_vote(client, contest, entry))
    withdraw = last_link()
    assert "retirer-mon-vote" in withdraw
    assert client.get(withdraw).status_code == 200 and Vote.objects.count() == 1
    assert client.post(withdraw).status_code == 200
    assert not Vote.objects.exists()
    again = client.post(withdraw)
    assert again.status_code == 400, "a withdrawal link works once"
    assert client.post(ask_vote(client, contest, entry)).status_code == 200
    assert Vote.objects.count() == 1


def test_a_vote_cannot_be_withdrawn_after_the_close(client, contest, django_capture_on_commit_callbacks, monkeypatch):
    entry = make_entry(contest)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_vote(client, contest, entry))
    withdraw = last_link()
    after_close = contest.vote_close
    monkeypatch.setattr("django.utils.timezone.now", lambda: after_close)
    assert client.post(withdraw).status_code == 400
    assert Vote.objects.count() == 1


def test_the_database_refuses_a_second_vote(contest):
    entry = make_entry(contest)
    fields = {"contest": contest, "entry": entry, "voter_key": "k" * 64, "slot": f"e{entry.pk}"}
    Vote.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(**fields)
    assert cast(Vote, **fields) is None
    assert Vote.objects.count() == 1


def test_nobody_adds_votes_or_entries_by_hand(client_as, contest):
    assert not Permission.objects.filter(content_type__app_label="participation",
                                         codename__in=["add_vote", "add_entry"]).exists()
    assert Vote not in get_snippet_models()
    admin = client_as("superuser")
    assert admin.get("/admin/snippets/participation/entry/add/").status_code in (302, 403)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql("concurrent writers")
def test_simultaneous_confirmations_count_one_vote(contest):
    """Eight links for the same address and photo, all followed at once:
    exactly one vote, the others told it already counted."""
    entry = make_entry(contest)
    links = [
        confirmations.link(confirmations.create(VOTE, "course@exemple.fr", page=contest, payload={"entry": entry.pk}))
        .removeprefix("http://testserver")
        for _ in range(8)
    ]
    assert _race(links) and Vote.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql("concurrent writers")
def test_one_link_followed_simultaneously_counts_once(contest):
    entry = make_entry(contest)
    link = confirmations.link(
        confirmations.create(VOTE, "double@exemple.fr", page=contest, payload={"entry": entry.pk})
    ).removeprefix("http://testserver")
    statuses = _race([link] * 8)
    assert sorted(statuses) == [200] + [400] * 7
    assert Vote.objects.count() == 1


def _race(links):
    """POSTs every link from its own thread, all released at once; returns
    the status codes."""
    barrier, statuses = threading.Barrier(len(links)), []

    def follow(link):
        client = Client()
        barrier.wait()
        try:
            statuses.append(client.post(link).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=follow, args=(link,)) for link in links]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == len(links) and set(statuses) <= {200, 400}, statuses
    return statuses
