"""The rules of the Code électoral that an election night applies, as pure
functions: no database, no request. Each cites its source.

- Figures of a PV de bureau: exprimés, and the checks the PV imposes.
- Seat allocation of municipal (and communautaire) list elections, L262.
- Who is elected, or who may stand in the second round, where simple.

Ratios are compared in integers (voix * 2 > exprimés) and averages are
exact fractions: a tie is a tie, never a rounding artefact."""
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext as _

# Loi n° 2025-444 du 21 mai 2025 (art. 1, new L252 of the Code électoral):
# from the general renewal of March 2026, councillors of every commune are
# elected by list ballot (L260 and following, hence L262's allocation);
# below 1,000 inhabitants lists may be incomplete (up to two candidates
# fewer than the seats) and panachage disappears. Before that, the list
# ballot applied from 1,000 inhabitants only (loi n° 2013-403).
LIST_BALLOT_FOR_ALL_FROM = date(2026, 3, 1)
LIST_BALLOT_POPULATION = 1000


@dataclass(frozen=True)
class Problem:
    """A broken rule, on the form field it concerns."""
    field: str
    message: str


def exprimes(votants, blancs, nuls):
    """Suffrages exprimés: blank ballots (L65, counted apart since loi
    n° 2014-172) and void ones (L66) are not votes cast for anyone."""
    return votants - blancs - nuls


def check_figures(*, inscrits, votants, emargements, blancs, nuls, voix, gap_reason="",
                  participation_12h=None, participation_17h=None):
    """The checks of the PV de bureau, as a list of Problem (empty: the
    figures hold). `voix` is the list of the candidatures' votes."""
    problems = []
    if votants > inscrits:
        # Only registered voters vote, each once, by signing the list (L62-1).
        problems.append(Problem("votants", _(
            "There are more voters (%(votants)s) than registered voters (%(inscrits)s).")
            % {"votants": votants, "inscrits": inscrits}))
    if emargements > inscrits:
        problems.append(Problem("emargements", _(
            "There are more signatures (%(emargements)s) than registered voters (%(inscrits)s).")
            % {"emargements": emargements, "inscrits": inscrits}))
    if votants != emargements and not gap_reason.strip():
        # L65: if the envelopes outnumber or fall short of the signatures,
        # the PV says so.
        problems.append(Problem("gap_reason", _(
            "The number of voters (%(votants)s) differs from the number of signatures (%(emargements)s): "
            "state the reason, it is recorded in the PV (article L65 of the Code électoral).")
            % {"votants": votants, "emargements": emargements}))
    if blancs + nuls > votants:
        problems.append(Problem("nuls", _(
            "Blank and void ballots (%(count)s) outnumber the voters (%(votants)s).")
            % {"count": blancs + nuls, "votants": votants}))
    else:
        cast = exprimes(votants, blancs, nuls)
        total = sum(voix)
        if total != cast:
            problems.append(Problem("voix", _(
                "The votes add up to %(total)s but the votes cast are %(cast)s (%(votants)s voters − "
                "%(blancs)s blank − %(nuls)s void): a difference of %(gap)s. Check each count.")
                % {"total": total, "cast": cast, "votants": votants, "blancs": blancs, "nuls": nuls,
                   "gap": abs(total - cast)}))
    problems += check_participation(participation_12h, participation_17h, emargements, inscrits)
    return problems


def check_participation(at_12h, at_17h, emargements=None, inscrits=None):
    """Participation counts signatures at 12 h and 17 h: they only grow and
    stay within the day's total and the registered voters."""
    problems = []
    ceiling = emargements if emargements is not None else inscrits
    if at_12h is not None and at_17h is not None and at_12h > at_17h:
        problems.append(Problem("participation_17h", _(
            "Participation at 17 h (%(at_17h)s) cannot be lower than at 12 h (%(at_12h)s).")
            % {"at_17h": at_17h, "at_12h": at_12h}))
    for name, value in (("participation_12h", at_12h), ("participation_17h", at_17h)):
        if value is not None and ceiling is not None and value > ceiling:
            problems.append(Problem(name, _(
                "This participation (%(value)s) exceeds the day's total (%(ceiling)s).")
                % {"value": value, "ceiling": ceiling}))
    return problems


def list_ballot_applies(population, day):
    """Municipal councillors elected by list ballot (L260): every commune
    from March 2026 (loi n° 2025-444), before that 1,000 inhabitants and
    more (L252 in its former wording)."""
    return day >= LIST_BALLOT_FOR_ALL_FROM or (population or 0) >= LIST_BALLOT_POPULATION


def majority_bonus(seats):
    """L262 al. 1: half the seats, rounded up when more than four seats are
    to fill, down when fewer than four (four: two)."""
    half, odd = divmod(seats, 2)
    return half + 1 if odd and seats > 4 else half


@dataclass(frozen=True)
class ListVotes:
    key: object
    name: str
    voix: int
    # Birth dates of the list's candidates in list order: ties at the
    # highest average go to the oldest candidate who would be elected.
    birth_dates: tuple = ()

    def next_candidate_birth(self, seats_held):
        return self.birth_dates[seats_held] if seats_held < len(self.birth_dates) else None

    def average_age_key(self):
        """Sum of birth ordinals: lower means older on average (same count)."""
        if not self.birth_dates:
            return None
        return sum(d.toordinal() for d in self.birth_dates) / len(self.birth_dates)


@dataclass
class Allocation:
    seats: dict
    steps: list = field(default_factory=list)
    bonus_to: object = None
    # Seats a tie left undecided (ages not entered): the bureau centralisateur settles them.
    undecided: int = 0


def allocate_seats(lists, seats, round_number):
    """Seats of a list election (L262; L273-8 for communautaires). Returns
    None when round 1 gives no list the absolute majority: a second round
    is held (L262 al. 2). `lists` are ListVotes of the round."""
    cast = sum(item.voix for item in lists)
    result = Allocation(seats={item.key: 0 for item in lists})
    if not lists or cast == 0:
        return None
    leader = max(lists, key=lambda item: item.voix)
    if round_number == 1:
        if leader.voix * 2 <= cast:
            return None
        result.steps.append(_("Round 1: “%(name)s” has the absolute majority (%(voix)s votes out of %(cast)s cast).")
                            % {"name": leader.name, "voix": leader.voix, "cast": cast})
    else:
        leaders = [item for item in lists if item.voix == leader.voix]
        if len(leaders) > 1:
            leader = oldest_on_average(leaders)
            if leader is None:
                result.steps.append(_("The leading lists have the same votes: the bonus goes to the list whose "
                                      "candidates are the oldest on average (L262); their ages are not entered."))
                result.undecided = seats
                return result
            result.steps.append(_("Tie for first place: the bonus goes to “%(name)s”, whose candidates are the "
                                  "oldest on average (L262).") % {"name": leader.name})
        else:
            result.steps.append(_("Round 2: “%(name)s” has the most votes (%(voix)s).")
                                % {"name": leader.name, "voix": leader.voix})
    bonus = majority_bonus(seats)
    result.bonus_to = leader.key
    result.seats[leader.key] += bonus
    result.steps.append(_("Majority bonus: %(bonus)s seats out of %(seats)s to “%(name)s” (half of the seats, "
                          "L262).") % {"bonus": bonus, "seats": seats, "name": leader.name})
    admitted = [item for item in lists if item.voix * 20 >= cast]
    for item in lists:
        if item not in admitted:
            result.steps.append(_("“%(name)s” has less than 5 %% of the votes cast (%(voix)s out of %(cast)s): "
                                  "no seat at the proportional share (L262).")
                                % {"name": item.name, "voix": item.voix, "cast": cast})
    proportional = highest_average(admitted, seats - bonus, result)
    for key, count in proportional.items():
        result.seats[key] += count
    return result


def highest_average(admitted, to_fill, result):
    """The remaining seats among admitted lists, bonus list included: first
    the electoral quotient, then one seat at a time to the highest average
    voix / (seats + 1). Ties: more votes, then the oldest candidate who would
    be elected (L262, last alinéa)."""
    won = {item.key: 0 for item in admitted}
    admitted_cast = sum(item.voix for item in admitted)
    if to_fill <= 0 or admitted_cast == 0:
        return won
    quotient = Fraction(admitted_cast, to_fill)
    for item in admitted:
        won[item.key] = int(item.voix // quotient)
    result.steps.append(_("Electoral quotient: %(cast)s votes of the admitted lists / %(seats)s seats = %(quotient)s; "
                          "%(detail)s.") % {
        "cast": admitted_cast, "seats": to_fill, "quotient": f"{float(quotient):.2f}".replace(".", ","),
        "detail": ", ".join(f"« {item.name} » {won[item.key]}" for item in admitted)})
    held = dict(result.seats)
    while sum(won.values()) < to_fill:
        averages = {item.key: Fraction(item.voix, won[item.key] + 1) for item in admitted}
        best = max(averages.values())
        tied = [item for item in admitted if averages[item.key] == best]
        winner = break_tie(tied, lambda item: held[item.key] + won[item.key])
        if winner is None:
            result.undecided = to_fill - sum(won.values())
            result.steps.append(_("Tie at the highest average between %(names)s with the same votes: the seat "
                                  "goes to the oldest candidate who would be elected (L262); their birth dates "
                                  "are not entered.") % {"names": ", ".join(f"« {i.name} »" for i in tied)})
            break
        won[winner.key] += 1
        note = _(" (tie at the highest average settled by %(rule)s)") % {
            "rule": _("the most votes") if len({i.voix for i in tied}) > 1 else _("the oldest candidate")
        } if len(tied) > 1 else ""
        result.steps.append(_("Highest average %(average)s: one seat to “%(name)s”%(note)s.") % {
            "average": f"{float(best):.2f}".replace(".", ","), "name": winner.name, "note": note})
    return won


def break_tie(tied, seats_held):
    """L262, last alinéa: the list with the most votes, then the one whose
    candidate who would be elected is the oldest. None: ages unknown."""
    most = max(item.voix for item in tied)
    tied = [item for item in tied if item.voix == most]
    if len(tied) == 1:
        return tied[0]
    births = [(item.next_candidate_birth(seats_held(item)), item) for item in tied]
    if any(birth is None for birth, _item in births):
        return None
    births.sort(key=lambda pair: pair[0])
    if births[0][0] == births[1][0]:
        return None
    return births[0][1]


def oldest_on_average(tied):
    keys = [(item.average_age_key(), item) for item in tied]
    if any(key is None for key, _item in keys):
        return None
    keys.sort(key=lambda pair: pair[0])
    return keys[0][1] if keys[0][0] != keys[1][0] else None


@dataclass(frozen=True)
class Outcome:
    """Elected candidature(s), or those who may stand in round 2."""
    elected: tuple = ()
    qualified: tuple = ()
    note: str = ""


def presidential_outcome(voix, round_number):
    """Constitution art. 7: elected with the absolute majority of the votes
    cast; otherwise the two candidates with the most votes go to round 2
    (withdrawals aside). `voix` maps key → votes."""
    cast = sum(voix.values())
    ranked = sorted(voix, key=lambda key: -voix[key])
    if not ranked or cast == 0:
        return Outcome()
    if round_number == 2 or voix[ranked[0]] * 2 > cast:
        return Outcome(elected=(ranked[0],))
    return Outcome(qualified=tuple(ranked[:2]))


def single_member_outcome(voix, inscrits, round_number):
    """Législatives (L126, L162) and départementales (L193, L210-1): elected
    in round 1 with the absolute majority of the votes cast and a quarter of
    the registered voters; otherwise round 2 is open to those with 12.5 %
    of the registered voters, or to the two first if fewer reach it. Round
    2: the most votes."""
    cast = sum(voix.values())
    ranked = sorted(voix, key=lambda key: -voix[key])
    if not ranked or cast == 0:
        return Outcome()
    first = ranked[0]
    if round_number == 2:
        return Outcome(elected=(first,))
    if voix[first] * 2 > cast and voix[first] * 4 >= inscrits:
        return Outcome(elected=(first,))
    qualified = tuple(key for key in ranked if voix[key] * 8 >= inscrits)
    return Outcome(qualified=qualified if len(qualified) >= 2 else tuple(ranked[:2]))


def municipal_second_round(voix):
    """L264: lists with at least 10 % of the votes cast may stand in round
    2 (lists with 5 % may merge into them). `voix` maps key → votes."""
    cast = sum(voix.values())
    return Outcome(qualified=tuple(key for key in sorted(voix, key=lambda k: -voix[k]) if voix[key] * 10 >= cast))
