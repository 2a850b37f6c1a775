"""The rules of rules.py, table-driven, each case verified by hand in its
comment."""
from datetime import date

import pytest

from extensions.elections import rules
from extensions.elections.rules import ListVotes


def seats_of(lists, seats, round_number):
    allocation = rules.allocate_seats(lists, seats, round_number)
    return {key: count for key, count in allocation.seats.items()}, allocation


@pytest.mark.parametrize(("seats", "bonus"), [(1, 0), (2, 1), (3, 1), (4, 2), (5, 3), (7, 4), (19, 10), (27, 14),
                                              (29, 15)])
def test_majority_bonus_is_half_rounded_up_above_four_seats_down_below(seats, bonus):
    assert rules.majority_bonus(seats) == bonus


def test_published_worked_example_19_seats():
    """Worked example published at https://o61.fr/?p=1454 (« commune de 1 672
    habitants, 19 sièges », not a real commune's PV: we found no prefecture
    PV through our search tool). By hand: A has 884 of 1,428 votes (61.9 %):
    bonus 10; 9 seats left, quotient 1,428 / 9 = 158.67: A 5, B 3; last seat:
    A 884 / 6 = 147.3 > B 544 / 4 = 136 → A. Published outcome: A 16, B 3."""
    seats, allocation = seats_of([ListVotes("A", "Liste A", 884), ListVotes("B", "Liste B", 544)], 19, 1)
    assert seats == {"A": 16, "B": 3}
    assert allocation.bonus_to == "A"


def test_published_real_result_angers_2020_59_seats():
    """A real result: Angers (Maine-et-Loire), municipales of 15 March 2020,
    first round, 59 seats, as published with its seat allocation (Ministry
    of the Interior's results; reproduced in the encyclopaedia article
    « Élections municipales de 2020 en Maine-et-Loire »): Béchu 17,267
    voix / 49 sièges, Camara-Tombini 5,019 / 5, Aurégan 4,206 / 4,
    Schweitzer 1,529 / 1, Douay 1,422 / 0, L'Huillier 419 / 0; 29,862
    exprimés. By hand: 17,267 > 14,931 (absolute majority): bonus
    ceil(59 / 2) = 30; 5 % of 29,862 = 1,493.1 keeps Douay (4.76 %) and
    L'Huillier out; 29 seats over 28,021 voix, quotient 966.2: 17 + 5 + 4 + 1
    = 27; highest averages: Béchu 17,267 / 18 = 959.3, then 17,267 / 19 =
    908.8 beats Aurégan 4,206 / 5 = 841.2 and Camara-Tombini 5,019 / 6 =
    836.5. Béchu 30 + 19 = 49."""
    lists = [ListVotes("bechu", "Angers pour vous", 17267), ListVotes("camara", "Aimer Angers", 5019),
             ListVotes("auregan", "Angers écologique et solidaire", 4206),
             ListVotes("schweitzer", "Angers citoyenne et populaire", 1529),
             ListVotes("douay", "Choisir Angers", 1422), ListVotes("lhuillier", "Lutte ouvrière", 419)]
    seats, allocation = seats_of(lists, 59, 1)
    assert seats == {"bechu": 49, "camara": 5, "auregan": 4, "schweitzer": 1, "douay": 0, "lhuillier": 0}
    assert allocation.bonus_to == "bechu"


def test_saint_aurele_27_seats_three_lists():
    """Constructed (the demo's figures), verified by hand: 2,461 cast; A
    1,318 (53.6 %) takes the bonus of 14; 13 left, quotient 2,461 / 13 =
    189.3: A 6, B 4, C 1 (11); then A 1,318 / 7 = 188.3 beats B 902 / 5 =
    180.4 and C 241 / 2 = 120.5; then B 180.4 beats A 1,318 / 8 = 164.75.
    A 21, B 5, C 1."""
    lists = [ListVotes("A", "A", 1318), ListVotes("B", "B", 902), ListVotes("C", "C", 241)]
    seats, allocation = seats_of(lists, 27, 1)
    assert seats == {"A": 21, "B": 5, "C": 1}
    assert sum(seats.values()) == 27
    assert "Prime majoritaire : 14 sièges sur 27 à « A »" in allocation.steps[1]


def test_a_list_under_five_percent_gets_no_seat():
    """C: 80 / 1,780 = 4.49 %. A 1,000 (56 %): bonus 14; A and B share 13,
    quotient 1,700 / 13 = 130.8: A 7, B 5; last: A 1,000 / 8 = 125 > B 700
    / 6 = 116.7. A 22, B 5, C 0."""
    lists = [ListVotes("A", "A", 1000), ListVotes("B", "B", 700), ListVotes("C", "C", 80)]
    seats, allocation = seats_of(lists, 27, 1)
    assert seats == {"A": 22, "B": 5, "C": 0}
    assert any("5 %" in step and "C" in step for step in allocation.steps)


@pytest.mark.parametrize(("c_voix", "expected"), [
    # 69 seats (bonus 35, 34 left). C 50 / 1,000 = 5 % exactly, « au moins
    # 5 % » admits it: quotient 1,000 / 34 = 29.4: A 20, B 11, C 1; then
    # B 350 / 12 = 29.2, then A 600 / 21 = 28.6 → A 56, B 12, C 1.
    (50, {"A": 56, "B": 12, "C": 1}),
    # C 49 / 999 = 4.9 %: out; quotient 950 / 34 = 27.9: A 21, B 12; last:
    # A 600 / 22 = 27.3 > B 350 / 13 = 26.9 → A 57, B 12.
    (49, {"A": 57, "B": 12, "C": 0}),
])
def test_five_percent_threshold(c_voix, expected):
    lists = [ListVotes("A", "A", 600), ListVotes("B", "B", 350), ListVotes("C", "C", c_voix)]
    seats, _allocation = seats_of(lists, 69, 1)
    assert seats == expected


def test_tie_at_the_highest_average_goes_to_the_list_with_more_votes():
    """8 seats, A 600, B 400: bonus 4 to A; 4 left, quotient 250: A 2, B 1;
    last seat: A 600 / 3 = 200 = B 400 / 2 = 200 → the most votes: A. B is
    given first so that list order cannot decide."""
    seats, allocation = seats_of([ListVotes("B", "B", 400), ListVotes("A", "A", 600)], 8, 1)
    assert seats == {"A": 7, "B": 1}
    assert "départagée par le plus grand nombre de voix" in allocation.steps[-1]


def test_tie_with_equal_votes_goes_to_the_oldest_candidate_who_would_be_elected():
    """Round 2, 5 seats, A 500, B 300, C 300: bonus 3 to A; 2 left,
    quotient 1,100 / 2 = 550 gives nobody a seat; A 500 takes one; then
    B 300 = C 300 with the same votes: each list's first candidate would be
    elected, C's is older (1950 before 1961)."""
    lists = [ListVotes("A", "A", 500, (date(1970, 1, 1),) * 5),
             ListVotes("B", "B", 300, (date(1961, 5, 2), date(1940, 1, 1))),
             ListVotes("C", "C", 300, (date(1950, 3, 4), date(1990, 1, 1)))]
    seats, allocation = seats_of(lists, 5, 2)
    assert seats == {"A": 4, "B": 0, "C": 1}
    assert "départagée par l’âge des candidats" in allocation.steps[-1]


def test_equal_votes_without_ages_leaves_the_seat_undecided():
    lists = [ListVotes("A", "A", 500), ListVotes("B", "B", 300), ListVotes("C", "C", 300)]
    seats, allocation = seats_of(lists, 5, 2)
    assert allocation.undecided == 1
    assert seats == {"A": 4, "B": 0, "C": 0}


def test_round_two_tie_for_first_place_goes_to_the_oldest_list_on_average():
    lists = [ListVotes("A", "A", 400, (date(1980, 1, 1), date(1982, 1, 1))),
             ListVotes("B", "B", 400, (date(1950, 1, 1), date(1990, 1, 1))),
             ListVotes("C", "C", 200, (date(1970, 1, 1),))]
    _seats, allocation = seats_of(lists, 7, 2)
    assert allocation.bonus_to == "B"  # average birth 1970 before 1981


def test_round_one_without_absolute_majority_allocates_nothing():
    # 500 of 1,000 is not more than half.
    assert rules.allocate_seats([ListVotes("A", "A", 500), ListVotes("B", "B", 500)], 15, 1) is None


def test_municipal_second_round_lists_with_ten_percent():
    assert rules.municipal_second_round({"A": 440, "B": 450, "C": 100, "D": 10}).qualified == ("B", "A", "C")


@pytest.mark.parametrize(("population", "day", "applies"), [
    (999, date(2020, 3, 15), False),
    (1000, date(2020, 3, 15), True),
    (120, date(2026, 3, 15), True),  # loi n° 2025-444: every commune from March 2026
])
def test_list_ballot_applies(population, day, applies):
    assert rules.list_ballot_applies(population, day) is applies


@pytest.mark.parametrize(("voix", "round_number", "elected", "qualified"), [
    ({"A": 501, "B": 499}, 1, ("A",), ()),
    ({"A": 500, "B": 300, "C": 200}, 1, (), ("A", "B")),
    ({"A": 480, "B": 520}, 2, ("B",), ()),
])
def test_presidential_outcome(voix, round_number, elected, qualified):
    outcome = rules.presidential_outcome(voix, round_number)
    assert (outcome.elected, outcome.qualified) == (elected, qualified)


def test_legislative_round_one_needs_a_quarter_of_the_registered_voters():
    # 300 of 500 cast is a majority, but 300 < 1,400 / 4 = 350.
    outcome = rules.single_member_outcome({"A": 300, "B": 120, "C": 80}, 1400, 1)
    assert outcome.elected == ()
    assert outcome.qualified == ("A", "B")  # C: 80 < 1,400 / 8 = 175; B neither, but two go through


@pytest.mark.parametrize(("figures", "fields"), [
    ({"inscrits": 100, "votants": 80, "emargements": 80, "blancs": 2, "nuls": 3, "voix": [40, 35]}, []),
    ({"inscrits": 100, "votants": 80, "emargements": 80, "blancs": 2, "nuls": 3, "voix": [40, 34]}, ["voix"]),
    ({"inscrits": 70, "votants": 80, "emargements": 80, "blancs": 2, "nuls": 3, "voix": [40, 35]},
     ["votants", "emargements"]),
    ({"inscrits": 100, "votants": 80, "emargements": 81, "blancs": 2, "nuls": 3, "voix": [40, 35]},
     ["gap_reason"]),
    ({"inscrits": 100, "votants": 80, "emargements": 81, "blancs": 2, "nuls": 3, "voix": [40, 35],
      "gap_reason": "Un électeur a emporté son bulletin."}, []),
    ({"inscrits": 100, "votants": 5, "emargements": 5, "blancs": 3, "nuls": 3, "voix": [0]}, ["nuls"]),
    ({"inscrits": 100, "votants": 80, "emargements": 80, "blancs": 2, "nuls": 3, "voix": [40, 35],
      "participation_12h": 50, "participation_17h": 40}, ["participation_17h"]),
])
def test_check_figures(figures, fields):
    assert [problem.field for problem in rules.check_figures(**figures)] == fields


def test_the_sum_message_gives_the_figures():
    [problem] = rules.check_figures(inscrits=100, votants=80, emargements=80, blancs=2, nuls=3, voix=[40, 34])
    assert "74" in problem.message and "75" in problem.message
