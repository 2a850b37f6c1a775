"""The CGCT rules of extensions/meetings/rules.py, table by table: délais in
jours francs across month ends and weekends, both population thresholds,
EPCI, urgency, first meeting after renewal, reconvocation; notes de
synthèse; pouvoirs; quorum."""
from datetime import date

import pytest

from extensions.meetings import rules
from extensions.meetings.rules import Body, Circumstances

SMALL = Body(rules.COMMUNE, population=1200)
AT_THRESHOLD = Body(rules.COMMUNE, population=3500)
JUST_BELOW = Body(rules.COMMUNE, population=3499)
LARGE = Body(rules.COMMUNE, population=48000)
SMALL_EPCI = Body(rules.EPCI, population=2000)
EPCI = Body(rules.EPCI, population=60000)
COMMISSION = Body(rules.COMMISSION, commission_notice_days=2)
URGENT = Circumstances(urgency=True, urgency_reason="Délai de dépôt de la subvention")
RENEWAL = Circumstances(first_after_renewal=True)
RECONVENED = Circumstances(reconvocation=True)


@pytest.mark.parametrize(
    "sent_on, meeting_on, expected",
    [
        (date(2026, 3, 2), date(2026, 3, 6), 3),  # Monday → Friday: Tue, Wed, Thu
        (date(2026, 3, 2), date(2026, 3, 3), 0),  # the next day: none
        (date(2026, 3, 2), date(2026, 3, 2), -1),
        (date(2026, 1, 29), date(2026, 2, 3), 4),  # across a month end: 30, 31, 1, 2
        (date(2028, 2, 27), date(2028, 3, 2), 3),  # leap year: 28, 29, 1
        (date(2026, 12, 30), date(2027, 1, 5), 5),  # across a year end
        (date(2026, 3, 6), date(2026, 3, 9), 2),  # Friday → Monday: Saturday and Sunday count
    ],
)
def test_clear_days_count_neither_the_sending_nor_the_meeting_day(sent_on, meeting_on, expected):
    assert rules.clear_days(sent_on, meeting_on) == expected


@pytest.mark.parametrize(
    "body, circumstances, expected, article",
    [
        (SMALL, Circumstances(), 3, "L2121-11"),
        (JUST_BELOW, Circumstances(), 3, "L2121-11"),
        (AT_THRESHOLD, Circumstances(), 5, "L2121-12"),
        (LARGE, Circumstances(), 5, "L2121-12"),
        (SMALL_EPCI, Circumstances(), 5, "L5211-1: always 5 in an EPCI"),
        (EPCI, Circumstances(), 5, "L5211-1"),
        (SMALL, URGENT, 1, "L2121-11 urgency"),
        (LARGE, URGENT, 1, "L2121-12 urgency"),
        (EPCI, URGENT, 1, "L5211-1 urgency"),
        (LARGE, RENEWAL, 3, "first meeting after renewal"),
        (SMALL, RENEWAL, 3, "already 3 below the threshold"),
        (EPCI, RENEWAL, 5, "never 3 in an EPCI"),
        (LARGE, RECONVENED, 3, "L2121-17 failed quorum"),
        (EPCI, RECONVENED, 3, "L2121-17 through L5211-1"),
        (COMMISSION, Circumstances(), 2, "règlement intérieur"),
        (COMMISSION, URGENT, 2, "a commission's délai is its own"),
    ],
)
def test_notice_days(body, circumstances, expected, article):
    assert rules.notice_days(body, circumstances) == expected, article


@pytest.mark.parametrize(
    "body, sent_on, meeting_on, allowed",
    [
        # Large commune, meeting Tuesday 10 March 2026: 5 clear days means
        # sending on Wednesday 4 March at the latest.
        (LARGE, date(2026, 3, 4), date(2026, 3, 10), True),
        (LARGE, date(2026, 3, 5), date(2026, 3, 10), False),
        # Small commune, same meeting: Friday 6 March is the last day.
        (SMALL, date(2026, 3, 6), date(2026, 3, 10), True),
        (SMALL, date(2026, 3, 7), date(2026, 3, 10), False),
        # Over the end of February.
        (EPCI, date(2026, 2, 23), date(2026, 3, 1), True),
        (EPCI, date(2026, 2, 24), date(2026, 3, 1), False),
    ],
)
def test_the_delai_decides_whether_it_may_leave(body, sent_on, meeting_on, allowed):
    refusals = rules.convocation_refusals(body, Circumstances(), sent_on, meeting_on, [], item_count=1)
    assert (refusals == []) is allowed


def test_a_late_convocation_says_the_latest_sending_and_earliest_meeting_dates():
    [refusal] = rules.convocation_refusals(
        LARGE, Circumstances(), date(2026, 3, 5), date(2026, 3, 10), [], item_count=2
    )
    assert refusal.code == "too_late"
    assert refusal.values == {
        "days": 5, "latest_sending": date(2026, 3, 4), "earliest_meeting": date(2026, 3, 11),
    }


@pytest.mark.parametrize(
    "sent_on, days, earliest",
    [(date(2026, 1, 28), 5, date(2026, 2, 3)), (date(2026, 12, 31), 3, date(2027, 1, 4)),
     (date(2026, 3, 6), 1, date(2026, 3, 8))],
)
def test_earliest_and_latest_dates_are_inverse(sent_on, days, earliest):
    assert rules.earliest_meeting_date(sent_on, days) == earliest
    assert rules.latest_sending_date(earliest, days) == sent_on
    assert rules.clear_days(sent_on, earliest) == days


def test_urgency_needs_its_reason():
    refusals = rules.convocation_refusals(
        SMALL, Circumstances(urgency=True, urgency_reason="  "), date(2026, 3, 2), date(2026, 3, 5), [], 1
    )
    assert [r.code for r in refusals] == ["urgency_without_reason"]


def test_an_empty_ordre_du_jour_cannot_be_sent():
    refusals = rules.convocation_refusals(SMALL, Circumstances(), date(2026, 3, 1), date(2026, 3, 20), [], 0)
    assert [r.code for r in refusals] == ["empty_agenda"]


@pytest.mark.parametrize(
    "body, required",
    [(SMALL, False), (JUST_BELOW, False), (AT_THRESHOLD, True), (LARGE, True), (SMALL_EPCI, True),
     (EPCI, True), (COMMISSION, False)],
)
def test_note_de_synthese(body, required):
    assert rules.needs_note_de_synthese(body) is required
    refusals = rules.convocation_refusals(
        body, Circumstances(), date(2026, 3, 1), date(2026, 3, 20), ["Budget primitif"], 1
    )
    assert [r.code for r in refusals] == (["missing_note"] if required else [])


@pytest.mark.parametrize("body, copies", [(EPCI, True), (SMALL_EPCI, True), (LARGE, False), (COMMISSION, False)])
def test_information_copies_only_in_epci(body, copies):
    assert rules.epci_information_copies(body) is copies


VALID_POUVOIR = dict(giver_in_office=True, holder_in_office=True, same_person=False, holder_already_holds=False,
                     consecutive_meetings=1, illness=False)


@pytest.mark.parametrize(
    "change, refusals",
    [
        ({}, []),
        ({"holder_already_holds": True}, ["holder_already_holds"]),  # a second pouvoir for the same holder
        ({"consecutive_meetings": 3}, []),
        ({"consecutive_meetings": 4}, ["too_many_consecutive"]),  # a fourth consecutive meeting
        ({"consecutive_meetings": 4, "illness": True}, []),  # unless illness is established
        ({"holder_in_office": False}, ["holder_not_member"]),
        ({"giver_in_office": False}, ["giver_not_member"]),
        ({"same_person": True}, ["same_person"]),
    ],
)
def test_pouvoir_rules(change, refusals):
    assert rules.pouvoir_refusals(**{**VALID_POUVOIR, **change}) == refusals


@pytest.mark.parametrize(
    "in_office, present, reconvocation, expected",
    [(29, 15, False, True), (29, 14, False, False), (30, 15, False, False), (30, 16, False, True),
     (30, 3, True, True)],
)
def test_quorum_is_a_majority_of_members_in_office(in_office, present, reconvocation, expected):
    assert rules.quorum_expected(in_office, present, reconvocation) is expected
