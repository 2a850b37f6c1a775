"""Dates are enforced by the server, at every boundary: a window includes
its opening moment and excludes its closing one."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from extensions.participation.core.models import Confirmation
from extensions.participation.models import ContestPage, Vote
from extensions.participation.rules import is_open
from tests.html import visible_text
from tests.participation.helpers import challenge_payload, last_link, make_entry, submit

MOMENT = timezone.now().replace(microsecond=0) + timedelta(days=30)
TICK = timedelta(microseconds=1)


@pytest.fixture
def at(monkeypatch):
    """at(moment) makes the server's clock read `moment`."""
    def travel(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    return travel


def test_a_window_includes_its_opening_and_excludes_its_closing():
    start, end = MOMENT, MOMENT + timedelta(hours=1)
    assert not is_open(start - TICK, start, end)
    assert is_open(start, start, end)
    assert is_open(end - TICK, start, end)
    assert not is_open(end, start, end)


@pytest.mark.parametrize("offset,accepted", [(-TICK, False), (timedelta(0), True), (TICK, True)])
def test_submissions_open_on_the_dot(client, contest, at, offset, accepted):
    contest.submissions_open = MOMENT
    contest.submissions_close = MOMENT + timedelta(days=5)
    contest.results_date = MOMENT + timedelta(days=10)
    contest.save_revision().publish()
    at(MOMENT + offset)
    response = submit(client, contest)
    assert (response.status_code == 302) is accepted
    assert Confirmation.objects.exists() is accepted


@pytest.mark.parametrize("offset,accepted", [(-TICK, True), (timedelta(0), False), (TICK, False)])
def test_submissions_close_on_the_dot(client, contest, at, offset, accepted):
    contest.submissions_open = MOMENT - timedelta(days=5)
    contest.submissions_close = MOMENT
    contest.results_date = MOMENT + timedelta(days=10)
    contest.save_revision().publish()
    at(MOMENT + offset)
    response = submit(client, contest)
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert response.status_code == 403
        assert "dates" in visible_text(response)


def _vote_contest(contest):
    contest.vote_open = MOMENT
    contest.vote_close = MOMENT + timedelta(days=5)
    contest.results_date = MOMENT + timedelta(days=6)
    contest.save_revision().publish()
    return make_entry(contest)


@pytest.mark.parametrize("offset,open_", [(-TICK, False), (timedelta(0), True)])
def test_the_vote_opens_on_the_dot(client, contest, at, offset, open_):
    entry = _vote_contest(contest)
    at(MOMENT + offset)
    page = client.get(contest.url + f"photo/{entry.pk}/")
    assert ('name="email"' in page.content.decode()) is open_
    client.post(contest.url + f"photo/{entry.pk}/", {"email": "v@exemple.fr", "altcha": challenge_payload(client)})
    assert Confirmation.objects.filter(purpose="vote").exists() is open_


def test_a_vote_confirmed_after_the_close_does_not_count(client, contest, at):
    entry = _vote_contest(contest)
    at(MOMENT + timedelta(days=5) - TICK)
    client.post(contest.url + f"photo/{entry.pk}/", {"email": "v@exemple.fr", "altcha": challenge_payload(client)})
    link = last_link()
    at(MOMENT + timedelta(days=5))
    response = client.post(link)
    assert response.status_code == 400
    assert not Vote.objects.exists()
    at(MOMENT + timedelta(days=5) - TICK)
    assert client.post(link).status_code == 200, "the refused link changed nothing: it still works in time"


def test_results_are_published_on_their_date(client, contest, at):
    make_entry(contest, title="Lever de soleil")
    at(contest.results_date - TICK)
    assert "Lever de soleil" not in visible_text(client.get(contest.url + "resultats/"))
    at(contest.results_date)
    assert "Lever de soleil" in visible_text(client.get(contest.url + "resultats/"))


def test_phases_follow_the_dates(contest):
    assert contest.phase(contest.submissions_open - TICK) == "upcoming"
    assert contest.phase(contest.results_date) == "results"
    assert contest.phase(contest.vote_open) == "vote"


@pytest.mark.parametrize("change,field", [
    ({"submissions_close": MOMENT - timedelta(days=1)}, "submissions_close"),
    ({"vote_close": MOMENT - timedelta(days=1)}, "vote_close"),
    ({"vote_open": None}, "vote_open"),
    ({"results_date": MOMENT + timedelta(days=1)}, "results_date"),
])
def test_inconsistent_dates_are_refused(contest, change, field):
    contest.submissions_open = MOMENT
    contest.submissions_close = MOMENT + timedelta(days=2)
    contest.vote_open = MOMENT + timedelta(days=3)
    contest.vote_close = MOMENT + timedelta(days=5)
    contest.results_date = MOMENT + timedelta(days=6)
    for name, value in change.items():
        setattr(contest, name, value)
    with pytest.raises(ValidationError) as refused:
        contest.full_clean()
    assert field in refused.value.message_dict


def test_a_jury_only_contest_needs_no_vote_dates(contest):
    contest.voting_mode = ContestPage.VotingMode.JURY
    contest.vote_open = contest.vote_close = None
    contest.full_clean()
    assert not contest.accepts_votes()


def test_the_shortlist_shows_from_its_date(client, contest, at):
    contest.shortlist_date = MOMENT
    contest.results_date = MOMENT + timedelta(days=10)
    contest.save_revision().publish()
    make_entry(contest, shortlisted=True)
    at(MOMENT - TICK)
    assert "badge" not in client.get(contest.url + "galerie/").content.decode()
    at(MOMENT)
    assert 'class="badge"' in client.get(contest.url + "galerie/").content.decode()


def test_a_shortlist_voted_on_is_announced_before_the_vote(contest):
    contest.vote_scope = ContestPage.VoteScope.SHORTLIST
    contest.shortlist_date = contest.vote_open + timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        contest.full_clean()
    assert "shortlist_date" in refused.value.message_dict
