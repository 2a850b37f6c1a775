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


# Issue 14: the held-out cases of the law on every path --------------------------------
RECONVENED_URGENT = Circumstances(reconvocation=True, urgency=True, urgency_reason="Vote du budget avant le 15 avril")
CLASSIFIED = Circumstances(installation_classee=True)


@pytest.mark.parametrize(
    "body, circumstances, expected, article",
    [
        (SMALL, RECONVENED_URGENT, 3, "L2121-17: urgency never shortens a reconvocation"),
        (LARGE, RECONVENED_URGENT, 3, "L2121-17"),
        (EPCI, RECONVENED_URGENT, 3, "L2121-17 through L5211-1"),
        (SMALL, RECONVENED, 3, "L2121-17 below the threshold"),
        (SMALL, CLASSIFIED, 5, "L2121-12 last al.: installation classée under 3,500"),
        (JUST_BELOW, CLASSIFIED, 5, "L2121-12 last al."),
        (AT_THRESHOLD, CLASSIFIED, 5, "already 5 from 3,500"),
        (EPCI, CLASSIFIED, 5, "L5211-1"),
        (SMALL, Circumstances(installation_classee=True, urgency=True, urgency_reason="x"), 1, "urgency"),
        (COMMISSION, CLASSIFIED, 2, "a commission's délai is its own"),
        (SMALL_EPCI, RENEWAL, 5, "CE 22 July 2015 n° 383072"),
        (AT_THRESHOLD, RENEWAL, 3, "L2121-7 al. 2"),
        (COMMISSION, RECONVENED, 2, "a commission's délai is its own"),
    ],
)
def test_notice_days_of_the_special_cases(body, circumstances, expected, article):
    assert rules.notice_days(body, circumstances) == expected, article


@pytest.mark.parametrize(
    "body, installation_classee, required",
    [(SMALL, True, True), (SMALL, False, False), (LARGE, False, True), (EPCI, False, True),
     (COMMISSION, True, False)],
)
def test_note_de_synthese_of_an_installation_classee(body, installation_classee, required):
    assert rules.needs_note_de_synthese(body, installation_classee) is required


def test_an_installation_classee_without_note_is_refused_under_3500():
    refusals = rules.convocation_refusals(
        SMALL, CLASSIFIED, date(2026, 3, 1), date(2026, 3, 20), ["Budget", "Carrière"], 2,
        classified_without_note=["Carrière"],
    )
    assert [(r.code, r.values) for r in refusals] == [("missing_note", {"items": ["Carrière"]})]


@pytest.mark.parametrize(
    "body, circumstances, sent_on, allowed",
    [
        # Small commune, installation classée, meeting Tuesday 10 March 2026:
        # five clear days, so Wednesday 4 March at the latest.
        (SMALL, CLASSIFIED, date(2026, 3, 4), True),
        (SMALL, CLASSIFIED, date(2026, 3, 5), False),
        # A reconvocation ticked « urgence » still needs three clear days.
        (LARGE, RECONVENED_URGENT, date(2026, 3, 6), True),
        (LARGE, RECONVENED_URGENT, date(2026, 3, 7), False),
        (LARGE, RECONVENED_URGENT, date(2026, 3, 8), False),
    ],
)
def test_the_special_delais_decide_whether_it_may_leave(body, circumstances, sent_on, allowed):
    refusals = rules.convocation_refusals(body, circumstances, sent_on, date(2026, 3, 10), [], 1)
    assert (refusals == []) is allowed


def test_a_reconvocation_needs_no_urgency_reason():
    circumstances = Circumstances(reconvocation=True, urgency=True, urgency_reason="")
    assert rules.convocation_refusals(LARGE, circumstances, date(2026, 3, 1), date(2026, 3, 20), [], 1) == []


MEETING_ON = date(2026, 3, 10)  # a Tuesday


@pytest.mark.parametrize(
    "body, circumstances, sent_on, urgency_accepted, votable",
    [
        (SMALL, Circumstances(), date(2026, 3, 6), False, True),  # three clear days
        (SMALL, Circumstances(), date(2026, 3, 7), False, False),  # a complément two days before
        (SMALL, URGENT, date(2026, 3, 7), True, True),  # urgency accepted by the council
        (SMALL, URGENT, date(2026, 3, 7), False, False),  # urgency refused at the opening
        (SMALL, URGENT, date(2026, 3, 9), True, False),  # not even one clear day
        (SMALL, Circumstances(), date(2026, 3, 7), True, False),  # accepted, but never invoked
        (SMALL, CLASSIFIED, date(2026, 3, 5), False, False),  # installation classée: five days
        (SMALL, CLASSIFIED, date(2026, 3, 4), False, True),
        (LARGE, RECONVENED_URGENT, date(2026, 3, 7), True, False),  # urgency never shortens L2121-17
        (LARGE, RECONVENED, date(2026, 3, 6), False, True),
        (LARGE, Circumstances(), None, True, False),  # never sent with the convocation
    ],
)
def test_item_may_be_voted(body, circumstances, sent_on, urgency_accepted, votable):
    assert rules.item_may_be_voted(body, circumstances, sent_on, MEETING_ON, urgency_accepted) is votable


@pytest.mark.parametrize(
    "facts, refusals",
    [
        ({}, []),
        ({"same_instance": False}, ["other_instance"]),
        ({"earlier": False}, ["not_earlier"]),
        ({"quorum_failed": False}, ["quorum_not_failed"]),
        ({"agenda": ["Budget primitif", "Tarifs"]}, []),
        ({"agenda": ["  tarifs", "BUDGET  primitif"]}, []),  # order, case and spacing aside
        ({"agenda": ["Budget primitif"]}, ["agenda_differs"]),  # an item dropped
        ({"agenda": ["Budget primitif", "Tarifs", "Vente d'un terrain"]}, ["agenda_differs"]),  # one added
        ({"agenda": []}, ["agenda_differs"]),
    ],
)
def test_reconvocation_rules(facts, refusals):
    valid = dict(same_instance=True, earlier=True, quorum_failed=True, failed_agenda=["Budget primitif", "Tarifs"])
    assert rules.reconvocation_refusals(**{**valid, **facts}) == refusals


@pytest.mark.parametrize(
    "kind, renewal_on, meeting_on, since, refusals",
    [
        (rules.COMMUNE, date(2026, 3, 15), date(2026, 3, 20), 0, []),
        (rules.COMMUNE, date(2026, 3, 15), date(2026, 3, 15), 0, []),
        (rules.COMMUNE, date(2026, 3, 15), date(2026, 4, 10), 1, ["not_first"]),
        (rules.COMMUNE, date(2026, 3, 15), date(2026, 3, 14), 0, ["before_renewal"]),
        (rules.COMMUNE, None, date(2026, 3, 20), 0, ["no_renewal_date"]),
        (rules.EPCI, date(2026, 3, 15), date(2026, 4, 2), 0, ["epci"]),  # CE 22 July 2015 n° 383072
        (rules.COMMISSION, date(2026, 3, 15), date(2026, 3, 20), 0, ["not_a_council"]),
    ],
)
def test_first_meeting_after_renewal(kind, renewal_on, meeting_on, since, refusals):
    assert rules.first_after_renewal_refusals(kind=kind, renewal_on=renewal_on, meeting_on=meeting_on,
                                              meetings_since_renewal=since) == refusals


@pytest.mark.parametrize(
    "delegated, position, expected",
    [
        ([True], 0, 1),
        ([True, True, True, False, True], 2, 3),
        ([True, True, True, True], 0, 4),  # the first meeting by date, given last: a run of four
        ([True, True, True, True], 1, 4),
        ([True, False, True, True], 2, 2),
        ([False, True, True], 0, 0),
    ],
)
def test_consecutive_meetings_are_counted_by_date(delegated, position, expected):
    assert rules.consecutive_run(delegated, position) == expected


@pytest.mark.parametrize("meeting_over, revocable", [(False, True), (True, False)])
def test_a_pouvoir_is_revocable_until_the_meeting_is_over(meeting_over, revocable):
    assert rules.pouvoir_revocable(meeting_over) is revocable


@pytest.mark.parametrize(
    "utc, paris_day",
    [
        ("2026-03-05T23:30:00+00:00", date(2026, 3, 6)),  # 00:30 in Paris (winter, UTC+1)
        ("2026-03-05T22:59:59+00:00", date(2026, 3, 5)),
        ("2026-03-29T00:30:00+00:00", date(2026, 3, 29)),  # the night clocks go forward: 01:30
        ("2026-03-28T23:00:00+00:00", date(2026, 3, 29)),  # 00:00 in Paris
        ("2026-06-30T22:15:00+00:00", date(2026, 7, 1)),  # 00:15 in summer (UTC+2)
        ("2026-10-25T00:30:00+00:00", date(2026, 10, 25)),  # the night clocks go back: 02:30 CEST
        ("2026-10-24T22:30:00+00:00", date(2026, 10, 25)),  # 00:30 CEST
        ("2026-12-31T23:05:00+00:00", date(2027, 1, 1)),
    ],
)
def test_days_are_days_in_paris(utc, paris_day):
    from datetime import datetime

    assert rules.local_day(datetime.fromisoformat(utc)) == paris_day


@pytest.mark.parametrize(
    "sent_utc, meeting_utc, expected",
    [
        # Sent on Wednesday 25 March at 23:30 in Paris, meeting on Monday 30
        # March at 00:30 (after the change to summer time): 26, 27, 28, 29.
        ("2026-03-25T22:30:00+00:00", "2026-03-29T22:30:00+00:00", 4),
        # Sent 30 minutes later, at 00:00 on Thursday 26 March in Paris
        # (still the 25th in UTC): one clear day less.
        ("2026-03-25T23:00:00+00:00", "2026-03-29T22:30:00+00:00", 3),
        # Across the change back to winter time (25 October 2026).
        ("2026-10-21T21:59:00+00:00", "2026-10-26T17:30:00+00:00", 4),
        ("2026-10-21T22:00:00+00:00", "2026-10-26T17:30:00+00:00", 3),
    ],
)
def test_jours_francs_are_counted_on_days_in_paris(sent_utc, meeting_utc, expected):
    from datetime import datetime

    sent, meeting = (rules.local_day(datetime.fromisoformat(value)) for value in (sent_utc, meeting_utc))
    assert rules.clear_days(sent, meeting) == expected
