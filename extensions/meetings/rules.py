"""The rules of the Code général des collectivités territoriales (CGCT) that
convocations obey, as pure functions with the article beside each, so that
they can be read, tested and audited in one place. Nothing here touches the
database: callers pass the instance's data (kind of body, population, the
règlement intérieur's choices) as plain values.

Délais are counted in jours francs: neither the day of sending nor the day
of the meeting counts. Saturdays, Sundays and public holidays count like
any other day: the CGCT does not extend these délais (the Conseil d'État
applies them as written), so a meeting on Monday convened on the previous
Tuesday has five jours francs (Wednesday to Sunday).

Every day is a day in Europe/Paris (LEGAL_TIMEZONE): a convocation sent at
00:30 in Paris leaves on that day even though it is still the day before
in UTC, and a change of summer time never moves a day (local_day())."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

COMMUNE = "commune"
EPCI = "epci"
COMMISSION = "commission"

# L2121-11 and L2121-12: the population threshold between the two régimes.
POPULATION_THRESHOLD = 3500
NOTICE_SMALL_COMMUNE = 3  # L2121-11
NOTICE_LARGE_COMMUNE = 5  # L2121-12, and L5211-1 for every EPCI council
NOTICE_URGENCY = 1  # L2121-11 al. 2 and L2121-12 al. 3: « sans pouvoir être inférieur à un jour franc »
NOTICE_RECONVOCATION = 3  # L2121-17 al. 2: « à trois jours au moins d'intervalle »; urgency never shortens it
NOTICE_FIRST_AFTER_RENEWAL = 3  # L2121-7 al. 2: « par dérogation aux dispositions de l'article L. 2121-12 »
NOTICE_INSTALLATION_CLASSEE = 5  # L2121-12 last al.: commune under 3,500, installation of L511-1 C. env.
POUVOIR_MAX_CONSECUTIVE_MEETINGS = 3  # L2121-20 al. 1
LEGAL_TIMEZONE = ZoneInfo("Europe/Paris")


def local_day(moment: datetime) -> date:
    """The day, in Paris, of an aware `moment` (a sending, a meeting): the
    CGCT counts days where the collectivity is, whatever the server's or
    the request's time zone."""
    return moment.astimezone(LEGAL_TIMEZONE).date()


@dataclass(frozen=True)
class Body:
    """What the rules need to know about an instance: its kind (commune,
    EPCI or commission), its population (the population totale of the
    latest authenticated figures: R2151-2, the figure the laws refer to)
    and, for a commission, the délai that its règlement intérieur chose
    (commissions have no legal délai)."""

    kind: str
    population: int = 0
    commission_notice_days: int = 0

    @property
    def is_large(self):
        """L2121-12: communes « de 3 500 habitants et plus »."""
        return self.population >= POPULATION_THRESHOLD


@dataclass(frozen=True)
class Circumstances:
    """What is special about one convocation (or one item of it): urgency
    (with its reason), the first meeting after a general renewal, a new
    convocation after a failed quorum, a deliberation on an installation
    classée (L511-1 of the Code de l'environnement)."""

    urgency: bool = False
    urgency_reason: str = ""
    first_after_renewal: bool = False
    reconvocation: bool = False
    installation_classee: bool = False


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
    - new convocation after a failed quorum: three days (L2121-17 al. 2;
      L5211-1 for an EPCI), urgency never shortens it (« à trois jours au
      moins d'intervalle » has no urgency clause);
    - urgency: one jour franc (L2121-11 al. 2, L2121-12 al. 3; L5211-1 for
      EPCI), the council ruling on the urgency at the opening;
    - EPCI council: five days whatever its population (L5211-1 applies
      L2121-12 to every EPCI), even at its first meeting after a renewal
      (CE, 22 juillet 2015, n° 383072: L2121-7 is not applicable to EPCI);
    - commune under 3,500 inhabitants: three days (L2121-11), five when an
      item is a deliberation on an installation classée (L2121-12 last al.);
    - first meeting after a general renewal, commune of 3,500 or more:
      three days (L2121-7 al. 2, « par dérogation » to L2121-12);
    - commune of 3,500 or more: five days (L2121-12 al. 1)."""
    if body.kind == COMMISSION:
        return body.commission_notice_days
    if circumstances.reconvocation:
        return NOTICE_RECONVOCATION
    if circumstances.urgency:
        return NOTICE_URGENCY
    if body.kind == EPCI:
        return NOTICE_LARGE_COMMUNE
    if not body.is_large:
        return NOTICE_INSTALLATION_CLASSEE if circumstances.installation_classee else NOTICE_SMALL_COMMUNE
    if circumstances.first_after_renewal:
        return NOTICE_FIRST_AFTER_RENEWAL
    return NOTICE_LARGE_COMMUNE


def needs_note_de_synthese(body: Body, installation_classee: bool = False) -> bool:
    """A note explicative de synthèse on each item must go with the
    convocation in communes of 3,500 inhabitants and more (L2121-12 al. 1)
    and in every EPCI council (L5211-1); under 3,500, on an item that
    deliberates on an installation classée (L2121-12 last al.). Not for
    commissions."""
    if body.kind == COMMISSION:
        return False
    return body.kind == EPCI or body.is_large or installation_classee


@dataclass(frozen=True)
class Refusal:
    """Why a convocation may not leave, in words for the agent (msgid and
    values: the caller translates and formats them)."""

    code: str
    values: dict


def too_late(body: Body, circumstances: Circumstances, sent_on: date, meeting_on: date) -> Refusal | None:
    """The refusal « too_late » when a convocation leaving on `sent_on`
    leaves fewer than notice_days() jours francs before `meeting_on`, with
    the latest sending day and the earliest meeting day; None in time."""
    days = notice_days(body, circumstances)
    if clear_days(sent_on, meeting_on) >= days:
        return None
    return Refusal("too_late", {
        "days": days,
        "earliest_meeting": earliest_meeting_date(sent_on, days),
        "latest_sending": latest_sending_date(meeting_on, days),
    })


def convocation_refusals(
    body: Body,
    circumstances: Circumstances,
    sent_on: date,
    meeting_on: date,
    items_without_note: list[str],
    item_count: int,
    classified_without_note: list[str] = (),
) -> list[Refusal]:
    """Everything that forbids sending on `sent_on` a convocation to a
    meeting on `meeting_on` (empty list: it may leave).

    - the ordre du jour must be stated (L2121-10): at least one item;
    - urgency needs its stated reason (L2121-11 al. 2, L2121-12 al. 3);
      none is needed after a failed quorum, where urgency changes nothing;
    - the délai of notice_days() in jours francs (`circumstances` says
      whether an item deliberates on an installation classée);
    - the note de synthèse on every item where needs_note_de_synthese(),
      and, under 3,500 inhabitants, on the installation classée items
      (`classified_without_note`, L2121-12 last al.)."""
    refusals = []
    if item_count == 0:
        refusals.append(Refusal("empty_agenda", {}))
    if (circumstances.urgency and not circumstances.reconvocation and body.kind != COMMISSION
            and not circumstances.urgency_reason.strip()):
        refusals.append(Refusal("urgency_without_reason", {}))
    late = too_late(body, circumstances, sent_on, meeting_on)
    if late:
        refusals.append(late)
    if needs_note_de_synthese(body):
        missing = list(items_without_note)
    else:
        missing = [title for title in classified_without_note if needs_note_de_synthese(body, True)]
    if missing:
        refusals.append(Refusal("missing_note", {"items": missing}))
    return refusals


def item_may_be_voted(
    body: Body, circumstances: Circumstances, sent_on: date | None, meeting_on: date, urgency_accepted: bool
) -> bool:
    """Whether an item of the ordre du jour may be voted at the séance
    (L2121-10: only what the convocation announced; L2121-11, L2121-12: with
    its délai). `sent_on` is the day the item left with the convocation or
    with a complément (None: never sent, so never votable). An item whose
    ordinary délai is not met may be voted only under the urgency
    procedure: the convocation invoked urgency, the council accepted it at
    the opening (L2121-11 al. 2, L2121-12 al. 3) and the one jour franc was
    kept. After a failed quorum, urgency never shortens the three days."""
    if sent_on is None:
        return False
    days = clear_days(sent_on, meeting_on)
    ordinary = Circumstances(
        first_after_renewal=circumstances.first_after_renewal, reconvocation=circumstances.reconvocation,
        installation_classee=circumstances.installation_classee,
    )
    if days >= notice_days(body, ordinary):
        return True
    return circumstances.urgency and urgency_accepted and days >= notice_days(body, circumstances)


def same_agenda(titles: list[str], failed_titles: list[str]) -> bool:
    """Whether two ordres du jour name the same items (case, spacing and
    order aside): what a reconvocation after a failed quorum must keep."""
    def normal(values):
        return sorted(" ".join(value.split()).casefold() for value in values)

    return bool(titles) and normal(titles) == normal(failed_titles)


def reconvocation_refusals(
    *, same_instance: bool, earlier: bool, quorum_failed: bool, agenda: list[str] | None = None,
    failed_agenda: list[str] = (),
) -> list[str]:
    """What forbids calling a meeting a new convocation after a failed
    quorum (L2121-17 al. 2; L5211-1 for an EPCI), which is then held
    whatever the number present: « si, après une première convocation
    régulièrement faite [...], ce quorum n'est pas atteint, le conseil
    municipal est à nouveau convoqué ». So it must follow an earlier
    meeting of the same instance whose quorum was found missing, on the
    same ordre du jour: the items that could not be deliberated
    (`failed_agenda`; `agenda` None: not checked yet)."""
    refusals = []
    if not same_instance:
        refusals.append("other_instance")
    if not earlier:
        refusals.append("not_earlier")
    if not quorum_failed:
        refusals.append("quorum_not_failed")
    elif agenda is not None and not same_agenda(agenda, list(failed_agenda)):
        refusals.append("agenda_differs")
    return refusals


def first_after_renewal_refusals(
    *, kind: str, renewal_on: date | None, meeting_on: date, meetings_since_renewal: int
) -> list[str]:
    """What forbids calling a meeting « the first after a general
    renewal », whose délai is three days in a commune of 3,500 or more
    (L2121-7 al. 2):

    - only a conseil municipal: an EPCI council never benefits (CE,
      22 juillet 2015, n° 383072), nor a commission;
    - the instance's renewal date must be known and before the meeting;
    - no other meeting of the instance since that date
      (`meetings_since_renewal` counts those held or convened before this
      one, from the renewal day on)."""
    if kind == EPCI:
        return ["epci"]
    if kind != COMMUNE:
        return ["not_a_council"]
    if renewal_on is None:
        return ["no_renewal_date"]
    if meeting_on < renewal_on:
        return ["before_renewal"]
    if meetings_since_renewal:
        return ["not_first"]
    return []


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
    - « le pouvoir est toujours révocable » (pouvoir_revocable());
    - « sauf cas de maladie dûment constatée, il ne peut être valable pour
      plus de trois séances consécutives »: `consecutive_meetings` is the
      run of meetings in a row, by date, this giver delegates with this one
      (consecutive_run())."""
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


def consecutive_run(delegated: list[bool], position: int) -> int:
    """The length of the run of consecutive meetings delegated that holds
    the meeting at `position`, `delegated` being the instance's meetings in
    the order of their DATES (True: the giver delegates that one). The
    limit of L2121-20 counts séances as they follow each other, whatever
    the order in which the pouvoirs were given: a pouvoir given last for
    the second of four meetings may close a run of four."""
    if not delegated[position]:
        return 0
    start = position
    while start > 0 and delegated[start - 1]:
        start -= 1
    end = position
    while end + 1 < len(delegated) and delegated[end + 1]:
        end += 1
    return end - start + 1


def pouvoir_revocable(meeting_over: bool) -> bool:
    """L2121-20 al. 1: « le pouvoir est toujours révocable »: its giver may
    revoke it until the vote, the séance included (the votes already
    recorded stand); only a meeting over (closed or cancelled) ends it."""
    return not meeting_over


def quorum(members_in_office: int) -> int:
    """The number of members that must be physically present (L2121-17
    al. 1: « la majorité de ses membres en exercice »; pouvoirs do not
    count): more than half."""
    return members_in_office // 2 + 1


def quorum_expected(members_in_office: int, expected_present: int, reconvocation: bool = False) -> bool:
    """Whether the announced presences reach the quorum; after a failed
    quorum the council deliberates without one (L2121-17 al. 2)."""
    return reconvocation or expected_present >= quorum(members_in_office)
