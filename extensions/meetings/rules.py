"""The rules of the Code général des collectivités territoriales (CGCT) that
convocations obey, as pure functions with the article beside each, so that
they can be read, tested and audited in one place. Nothing here touches the
database: callers pass the instance's data (kind of body, population, the
règlement intérieur's choices) as plain values.

Délais are counted in jours francs: neither the day of sending nor the day
of the meeting counts. Saturdays, Sundays and public holidays count like
any other day: the CGCT does not extend these délais (the Conseil d'État
applies them as written), so a meeting on Monday convened on the previous
Tuesday has five jours francs (Wednesday to Sunday)."""
from dataclasses import dataclass
from datetime import date, timedelta

COMMUNE = "commune"
EPCI = "epci"
COMMISSION = "commission"

# L2121-11 and L2121-12: the population threshold between the two régimes.
POPULATION_THRESHOLD = 3500
NOTICE_SMALL_COMMUNE = 3  # L2121-11
NOTICE_LARGE_COMMUNE = 5  # L2121-12, and L5211-1 for every EPCI council
NOTICE_URGENCY = 1  # L2121-11 al. 2 and L2121-12 al. 3: « sans pouvoir être inférieur à un jour franc »
NOTICE_RECONVOCATION = 3  # L2121-17 al. 2: « à trois jours au moins d'intervalle »
NOTICE_FIRST_AFTER_RENEWAL = 3  # L2121-12 al. 2... read with L2121-7 (première réunion)
POUVOIR_MAX_CONSECUTIVE_MEETINGS = 3  # L2121-20 al. 1


@dataclass(frozen=True)
class Body:
    """What the rules need to know about an instance: its kind (commune,
    EPCI or commission), its population and, for a commission, the délai
    that its règlement intérieur chose (commissions have no legal délai)."""

    kind: str
    population: int = 0
    commission_notice_days: int = 0

    @property
    def is_large(self):
        """L2121-12: communes « de 3 500 habitants et plus »."""
        return self.population >= POPULATION_THRESHOLD


@dataclass(frozen=True)
class Circumstances:
    """What is special about one convocation: urgency (with its reason),
    the first meeting after a general renewal, a new convocation after a
    failed quorum."""

    urgency: bool = False
    urgency_reason: str = ""
    first_after_renewal: bool = False
    reconvocation: bool = False


def clear_days(sent_on: date, meeting_on: date) -> int:
    """Jours francs between a sending and a meeting: the days strictly in
    between (L2121-11, L2121-12 say « jours francs »)."""
    return (meeting_on - sent_on).days - 1


def earliest_meeting_date(sent_on: date, notice_days: int) -> date:
    """The first day a meeting may be held when convened on `sent_on`."""
    return sent_on + timedelta(days=notice_days + 1)


def latest_sending_date(meeting_on: date, notice_days: int) -> date:
    """The last day a convocation may leave for a meeting on `meeting_on`."""
    return meeting_on - timedelta(days=notice_days + 1)


def notice_days(body: Body, circumstances: Circumstances = Circumstances()) -> int:
    """The minimum délai of convocation, in jours francs.

    - commission: the règlement intérieur's choice (no legal délai);
    - urgency: one jour franc (L2121-11 al. 2, L2121-12 al. 3; L5211-1 for
      EPCI), the council ruling on the urgency at the opening;
    - new convocation after a failed quorum: three days (L2121-17 al. 2);
    - first meeting after a general renewal, commune of 3,500 or more:
      three days (L2121-12 as amended, première réunion of L2121-7) — never
      for an EPCI, whose délai stays five days;
    - EPCI council: five days whatever its population (L5211-1 applies
      L2121-12 to every EPCI);
    - commune: five days from 3,500 inhabitants (L2121-12), three below
      (L2121-11)."""
    if body.kind == COMMISSION:
        return body.commission_notice_days
    if circumstances.urgency:
        return NOTICE_URGENCY
    if circumstances.reconvocation:
        return NOTICE_RECONVOCATION
    if body.kind == EPCI:
        return NOTICE_LARGE_COMMUNE
    if not body.is_large:
        return NOTICE_SMALL_COMMUNE
    if circumstances.first_after_renewal:
        return NOTICE_FIRST_AFTER_RENEWAL
    return NOTICE_LARGE_COMMUNE


def needs_note_de_synthese(body: Body) -> bool:
    """A note explicative de synthèse on each item must go with the
    convocation in communes of 3,500 inhabitants and more (L2121-12 al. 1)
    and in every EPCI council (L5211-1). Not for commissions."""
    if body.kind == COMMISSION:
        return False
    return body.kind == EPCI or body.is_large


@dataclass(frozen=True)
class Refusal:
    """Why a convocation may not leave, in words for the agent (msgid and
    values: the caller translates and formats them)."""

    code: str
    values: dict


def convocation_refusals(
    body: Body,
    circumstances: Circumstances,
    sent_on: date,
    meeting_on: date,
    items_without_note: list[str],
    item_count: int,
) -> list[Refusal]:
    """Everything that forbids sending on `sent_on` a convocation to a
    meeting on `meeting_on` (empty list: it may leave).

    - the ordre du jour must be stated (L2121-10): at least one item;
    - urgency needs its stated reason (L2121-11 al. 2, L2121-12 al. 3);
    - the délai of notice_days() in jours francs;
    - the note de synthèse on every item where needs_note_de_synthese()."""
    refusals = []
    if item_count == 0:
        refusals.append(Refusal("empty_agenda", {}))
    if circumstances.urgency and body.kind != COMMISSION and not circumstances.urgency_reason.strip():
        refusals.append(Refusal("urgency_without_reason", {}))
    days = notice_days(body, circumstances)
    if clear_days(sent_on, meeting_on) < days:
        refusals.append(
            Refusal(
                "too_late",
                {
                    "days": days,
                    "earliest_meeting": earliest_meeting_date(sent_on, days),
                    "latest_sending": latest_sending_date(meeting_on, days),
                },
            )
        )
    if needs_note_de_synthese(body) and items_without_note:
        refusals.append(Refusal("missing_note", {"items": list(items_without_note)}))
    return refusals


def epci_information_copies(body: Body) -> bool:
    """L5211-40-2: the municipal councillors of the member communes who do
    not sit on the EPCI council receive a copy of each convocation and its
    note de synthèse, for information (no answer expected)."""
    return body.kind == EPCI


def pouvoir_refusals(
    *,
    giver_in_office: bool,
    holder_in_office: bool,
    same_person: bool,
    holder_already_holds: bool,
    consecutive_meetings: int,
    illness: bool,
) -> list[str]:
    """What forbids a pouvoir (L2121-20 al. 1; L5211-1 for EPCI):

    - both the giver and the holder are members of the same instance, in
      office (« à un conseiller municipal de son choix »), and differ;
    - « un même conseiller municipal ne peut être porteur que d'un seul
      pouvoir »;
    - « le pouvoir est toujours révocable » (revoking is never refused);
    - « sauf cas de maladie dûment constatée, il ne peut être valable pour
      plus de trois séances consécutives »: `consecutive_meetings` counts
      the meetings in a row this giver has delegated, this one included."""
    refusals = []
    if not giver_in_office:
        refusals.append("giver_not_member")
    if not holder_in_office:
        refusals.append("holder_not_member")
    if same_person:
        refusals.append("same_person")
    if holder_already_holds:
        refusals.append("holder_already_holds")
    if consecutive_meetings > POUVOIR_MAX_CONSECUTIVE_MEETINGS and not illness:
        refusals.append("too_many_consecutive")
    return refusals


def quorum(members_in_office: int) -> int:
    """The number of members that must be physically present (L2121-17
    al. 1: « la majorité de ses membres en exercice »; pouvoirs do not
    count): more than half."""
    return members_in_office // 2 + 1


def quorum_expected(members_in_office: int, expected_present: int, reconvocation: bool = False) -> bool:
    """Whether the announced presences reach the quorum; after a failed
    quorum the council deliberates without one (L2121-17 al. 2)."""
    return reconvocation or expected_present >= quorum(members_in_office)
