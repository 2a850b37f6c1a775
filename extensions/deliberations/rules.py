"""The rules of the séance and after, from the Code général des
collectivités territoriales (CGCT), as pure functions with the article
beside each: quorum at each deliberation, majorities, ballots, huis clos,
secretaries, procès-verbal, list of deliberations, publication of acts and
EPCI copies (version in force since 1 July 2022: ordonnance 2021-1310,
décret 2021-1311). Nothing here touches the database.

The convocation's rules (extensions.meetings.rules) come first; the few the
séance builds on are imported here so that callers read one module."""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

# Kinds of body, the quorum threshold (L2121-17) and the EPCI copies for
# information (L5211-40-2), as the convocation applies them.
from extensions.meetings.rules import EPCI, epci_information_copies, quorum  # noqa: F401


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no
    such day (31 January + 1 month = 28/29 February): how legal delays
    "d'un mois" / "de deux mois" are counted."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# L2121-17: quorum (the threshold is quorum(), imported above) --------------------
def quorum_reached(members_in_office, physically_present, withdrawn=0, reconvened=False):
    """L2121-17, checked at each deliberation: members physically present,
    less those who withdrew for a personal interest in the item (L2131-11),
    must be a majority of the members in office; pouvoirs never count (the
    caller passes people in the room only). After a failed quorum, the
    council convened again at least 3 days later deliberates whatever the
    number present."""
    if reconvened:
        return True
    return physically_present - withdrawn >= quorum(members_in_office)


# L2121-20: majority -----------------------------------------------------------
class Outcome(str, Enum):
    ADOPTED = "adopted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class VoteResult:
    outcome: Outcome
    votes_cast: int  # suffrages exprimés: pour + contre
    casting_vote: bool  # decided by the président's vote on a tie


def vote_result(pour, contre, secret=False, president_vote=None):
    """L2121-20: deliberations are adopted by the absolute majority of the
    votes cast (abstentions, blank and spoiled ballots are not votes cast).
    On a tie the président's vote prevails ("pour" or "contre"), except in a
    secret ballot, where a tie rejects the motion."""
    votes_cast = pour + contre
    if pour > contre:
        return VoteResult(Outcome.ADOPTED, votes_cast, False)
    if pour < contre or secret or president_vote not in ("pour", "contre"):
        return VoteResult(Outcome.REJECTED, votes_cast, False)
    outcome = Outcome.ADOPTED if president_vote == "pour" else Outcome.REJECTED
    return VoteResult(outcome, votes_cast, True)


def majority_needed(votes_cast):
    """L2121-20: the absolute majority of the votes cast, as the console
    shows it beside the tally (more than half: 7 cast need 4, 8 need 5)."""
    return votes_cast // 2 + 1


# L2121-21: ballots ------------------------------------------------------------
class Ballot(str, Enum):
    ORDINARY = "ordinary"  # à main levée, counts only
    PUBLIC = "public"  # names recorded in the procès-verbal
    SECRET = "secret"  # totals only


def ballot_kind(members_present, public_requests=0, secret_requests=0, nomination=False,
                nomination_open_by_unanimity=False):
    """L2121-21: secret when a third of the members present ask for it, or
    for a nomination or presentation (unless the council decides
    unanimously not to vote secretly on it); public, with the names and
    votes recorded, when a quarter of the members present ask. A secret
    ballot request prevails over a public one: the secret of the vote
    protects each member's choice."""
    if secret_requests and 3 * secret_requests >= members_present:
        return Ballot.SECRET
    if nomination and not nomination_open_by_unanimity:
        return Ballot.SECRET
    if public_requests and 4 * public_requests >= members_present:
        return Ballot.PUBLIC
    return Ballot.ORDINARY


@dataclass(frozen=True)
class Candidate:
    name: str
    votes: int
    born_on: date


def nomination_winner(round_number, candidates, votes_cast):
    """L2121-21: a nomination needs the absolute majority of the votes cast
    at the first two rounds; at the third, the relative majority suffices
    and on a tie the eldest is elected. Returns the elected candidate, or
    None when another round is needed."""
    if not candidates:
        return None
    best = max(candidate.votes for candidate in candidates)
    if round_number < 3:
        leaders = [c for c in candidates if c.votes == best and 2 * c.votes > votes_cast]
        return leaders[0] if len(leaders) == 1 else None
    leaders = [c for c in candidates if c.votes == best]
    return min(leaders, key=lambda c: c.born_on)


# L2121-18 / L5211-11: huis clos ----------------------------------------------------
def huis_clos_request_valid(requesting_members, by_president=False, epci=False):
    """L2121-18: a closed sitting may be asked by three members or by the
    maire; in an EPCI council (L5211-11) by five members or the président."""
    return by_president or requesting_members >= (5 if epci else 3)


def huis_clos_decided(votes_for, present_or_represented):
    """L2121-18: the council decides, without debate, by the absolute
    majority of the members present or represented (not of votes cast)."""
    return 2 * votes_for > present_or_represented


# L2121-15: secretaries, procès-verbal -------------------------------------------------
def secretaries_valid(count):
    """L2121-15: at the start of each séance the council names one or more
    of its members as secrétaire(s) de séance."""
    return count >= 1


# The parts L2121-15 requires in a procès-verbal, in the order they appear.
PV_MANDATORY_PARTS = (
    "date_and_hour",
    "president",
    "members_present_and_represented",
    "secretaries",
    "quorum",
    "agenda",
    "deliberations_and_reports",
    "ballot_requests",
    "ballot_results",
    "discussions",
)


def missing_pv_parts(parts):
    """L2121-15: the names of the mandatory parts that `parts` (name ->
    content) lacks or leaves empty; a procès-verbal may be published only
    when this is empty. Ballot requests may legitimately be none: the caller
    states "aucune" rather than leaving the part empty."""
    return [name for name in PV_MANDATORY_PARTS if not parts.get(name)]


def pv_publication_deadline(adopted_on):
    """L2121-15: the procès-verbal, adopted at the next séance, is published
    on the website within the week following its adoption."""
    return adopted_on + timedelta(days=7)


# L2121-25: list of deliberations ------------------------------------------------------
def deliberation_list_deadline(meeting_day):
    """L2121-25: the list of the deliberations examined (adopted or
    rejected) is posted at the mairie and put online within a week of the
    séance."""
    return meeting_day + timedelta(days=7)


def days_left(deadline, today):
    """Days until a deadline (0 = due today, negative = late)."""
    return (deadline - today).days


# L2131-1, R2131-1: publication of acts ---------------------------------------------------
def earliest_unpublication(online_on):
    """R2131-1: an act published electronically stays online at least two
    months from the day it was put online."""
    return add_months(online_on, 2)


def may_unpublish(online_on, today):
    return today >= earliest_unpublication(online_on)


# L5211-40-2: EPCI information copies ---------------------------------------------------------
def epci_list_copy_deadline(meeting_day):
    """L5211-40-2: municipal councillors of the member communes who do not
    sit in the EPCI council receive the list of deliberations within a
    month of the séance."""
    return add_months(meeting_day, 1)


def epci_pv_copy_deadline(pv_adopted_on):
    """L5211-40-2: ... and the procès-verbal within a month of its adoption."""
    return add_months(pv_adopted_on, 1)
