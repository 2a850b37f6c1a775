"""Table-driven tests of the séance rules of extensions/deliberations/rules.py
(quorum, majorities, ballots, huis clos, procès-verbal, list of
deliberations, acts, EPCI copies)."""
import datetime

import pytest

from extensions.deliberations import rules
from extensions.deliberations.rules import Ballot, Candidate, Outcome

D = datetime.date


@pytest.mark.parametrize(
    "in_office, present, withdrawn, reconvened, expected",
    [
        (19, 10, 0, False, True),  # 10 of 19: majority
        (19, 9, 0, False, False),  # 9 of 19: not a majority
        (18, 9, 0, False, False),  # exactly half is not a majority
        (18, 10, 0, False, True),
        (19, 12, 2, False, True),  # 12 present, 2 withdrawn: 10 count
        (19, 11, 2, False, False),  # 11 present, 2 withdrawn: 9 count
        (19, 8, 0, True, True),  # reconvened after a failed quorum
        (15, 10, 0, False, True),
        (15, 8, 0, False, True),
        (15, 7, 0, False, False),
        (1, 1, 0, False, True),
    ],
)
def test_quorum(in_office, present, withdrawn, reconvened, expected):
    assert rules.quorum_reached(in_office, present, withdrawn, reconvened) is expected


def test_quorum_after_two_departures():
    # 19 in office, 11 arrived, then two left: 9 remain, the quorum is lost.
    assert rules.quorum_reached(19, 11)
    assert not rules.quorum_reached(19, 11 - 2)


@pytest.mark.parametrize(
    "pour, contre, secret, president, outcome, casting",
    [
        (10, 5, False, None, Outcome.ADOPTED, False),
        (5, 10, False, None, Outcome.REJECTED, False),
        (7, 7, False, "pour", Outcome.ADOPTED, True),  # tie: the président prevails
        (7, 7, False, "contre", Outcome.REJECTED, True),
        (7, 7, False, None, Outcome.REJECTED, False),  # président abstained: no majority
        (7, 7, True, "pour", Outcome.REJECTED, False),  # secret ballot: no casting vote
        (1, 0, False, None, Outcome.ADOPTED, False),  # abstentions do not count
        (0, 0, False, None, Outcome.REJECTED, False),
    ],
)
def test_majority(pour, contre, secret, president, outcome, casting):
    result = rules.vote_result(pour, contre, secret=secret, president_vote=president)
    assert (result.outcome, result.casting_vote, result.votes_cast) == (outcome, casting, pour + contre)


@pytest.mark.parametrize(
    "present, public, secret, nomination, open_by_unanimity, expected",
    [
        (16, 0, 0, False, False, Ballot.ORDINARY),
        (16, 3, 0, False, False, Ballot.ORDINARY),  # 3 < a quarter of 16
        (16, 4, 0, False, False, Ballot.PUBLIC),  # a quarter
        (17, 4, 0, False, False, Ballot.ORDINARY),  # 4 < 17/4
        (18, 0, 6, False, False, Ballot.SECRET),  # a third
        (18, 0, 5, False, False, Ballot.ORDINARY),
        (18, 6, 6, False, False, Ballot.SECRET),  # secret prevails
        (18, 6, 0, True, False, Ballot.SECRET),  # nominations are secret
        (18, 0, 0, True, True, Ballot.ORDINARY),  # ... unless open by unanimity
        (18, 0, 6, True, True, Ballot.SECRET),  # a third still gets it
    ],
)
def test_ballot_kind(present, public, secret, nomination, open_by_unanimity, expected):
    assert rules.ballot_kind(present, public, secret, nomination, open_by_unanimity) is expected


ALICE = Candidate("Alice", 0, D(1960, 1, 1))
BRUNO = Candidate("Bruno", 0, D(1970, 1, 1))


def votes(candidate, n):
    return Candidate(candidate.name, n, candidate.born_on)


@pytest.mark.parametrize(
    "round_number, tallies, cast, expected",
    [
        (1, [(ALICE, 10), (BRUNO, 5)], 15, "Alice"),
        (1, [(ALICE, 7), (BRUNO, 7)], 15, None),  # no absolute majority
        (2, [(ALICE, 7), (BRUNO, 6)], 15, None),
        (3, [(ALICE, 7), (BRUNO, 6)], 15, "Alice"),  # relative majority
        (3, [(ALICE, 7), (BRUNO, 7)], 15, "Alice"),  # tie: the eldest
        (3, [(BRUNO, 8), (ALICE, 7)], 15, "Bruno"),
    ],
)
def test_nomination(round_number, tallies, cast, expected):
    winner = rules.nomination_winner(round_number, [votes(c, n) for c, n in tallies], cast)
    assert (winner.name if winner else None) == expected


@pytest.mark.parametrize(
    "members, president, epci, expected",
    [
        (3, False, False, True),
        (2, False, False, False),
        (0, True, False, True),  # the maire
        (3, False, True, False),  # EPCI: five members
        (5, False, True, True),
        (0, True, True, True),  # the président of the EPCI
    ],
)
def test_huis_clos_request(members, president, epci, expected):
    assert rules.huis_clos_request_valid(members, president, epci) is expected


@pytest.mark.parametrize("votes_for, present_or_represented, expected", [(10, 19, True), (9, 18, False), (10, 18, True)])
def test_huis_clos_decision(votes_for, present_or_represented, expected):
    assert rules.huis_clos_decided(votes_for, present_or_represented) is expected


def test_secretaries():
    assert not rules.secretaries_valid(0)
    assert rules.secretaries_valid(2)


def test_missing_pv_parts():
    parts = {name: "ok" for name in rules.PV_MANDATORY_PARTS}
    assert rules.missing_pv_parts(parts) == []
    parts["discussions"] = ""
    del parts["secretaries"]
    assert rules.missing_pv_parts(parts) == ["secretaries", "discussions"]


@pytest.mark.parametrize(
    "function, start, expected",
    [
        (rules.pv_publication_deadline, D(2026, 12, 28), D(2027, 1, 4)),
        (rules.deliberation_list_deadline, D(2026, 2, 26), D(2026, 3, 5)),
        (rules.earliest_unpublication, D(2026, 12, 31), D(2027, 2, 28)),
        (rules.earliest_unpublication, D(2027, 12, 31), D(2028, 2, 29)),  # leap year
        (rules.earliest_unpublication, D(2026, 3, 15), D(2026, 5, 15)),
        (rules.epci_list_copy_deadline, D(2026, 1, 31), D(2026, 2, 28)),
        (rules.epci_pv_copy_deadline, D(2026, 11, 30), D(2026, 12, 30)),
    ],
)
def test_deadlines(function, start, expected):
    assert function(start) == expected


@pytest.mark.parametrize(
    "online, today, allowed",
    [
        (D(2026, 1, 10), D(2026, 3, 9), False),
        (D(2026, 1, 10), D(2026, 3, 10), True),
        (D(2026, 12, 31), D(2027, 2, 27), False),
    ],
)
def test_unpublication(online, today, allowed):
    assert rules.may_unpublish(online, today) is allowed


def test_days_left():
    assert rules.days_left(D(2026, 3, 5), D(2026, 3, 1)) == 4
    assert rules.days_left(D(2026, 3, 5), D(2026, 3, 7)) == -2
