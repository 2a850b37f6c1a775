"""The séance as the secretary's console drives it: opening (president,
secretaries, urgency ruling), arrivals and departures, the attendance and
quorum at each item, the vote and its result, the close. Every step is a
small function that refuses with a French message (SeanceError) and
changes nothing when it refuses; a double click does a step once.

Members, pouvoirs and the meeting's state come from extensions.meetings
(workflow.py); the rules from rules.py."""
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from extensions.meetings import workflow
from extensions.meetings.models import Recipient

from . import rules
from .models import Deliberation, InformationCopy, Movement, ProcesVerbal, RegisterCounter, Seance, Vote


class SeanceError(Exception):
    """A refused step, with the French message to show."""


def seance_for(meeting):
    """The séance of `meeting`, with one Deliberation per item of its
    ordre du jour (created once; no item outside it may be voted, L2121-10)."""
    seance, _created = Seance.objects.get_or_create(
        meeting=meeting, defaults={"urgency_reason": meeting.urgency_reason if meeting.urgency else "",
                                   "reconvened": meeting.reconvocation_of_id is not None},
    )
    known = set(seance.deliberations.values_list("item_id", flat=True))
    # Items added without a sort order (by code) keep the order they were created in.
    for position, item in enumerate(meeting.agenda_items.order_by("sort_order", "pk"), start=1):
        if item.pk not in known:
            Deliberation.objects.get_or_create(item=item, defaults={
                "seance": seance, "position": position, "title": item.title[:255],
                "rapporteur": _name(item.rapporteur) if item.rapporteur else "",
            })
    return seance


def items_without_quorum(meeting):
    """The titles of the items of `meeting` that its closed séance left
    « not voted: no quorum » (L2121-17): what a new convocation may take up
    without quorum. Registered with meetings (workflow.register_quorum_record)."""
    rows = Deliberation.objects.filter(
        seance__meeting=meeting, seance__closed_at__isnull=False, status=Deliberation.Status.NO_QUORUM,
    ).order_by("position").values_list("item__title", "title")
    return [item_title or title for item_title, title in rows]


def _name(user):
    return user.get_full_name() or user.get_username()


def members(seance):
    """Who holds each seat on the day of the séance, by name: the member in
    office, or their suppléant when the member answered that the suppléant
    would sit in their place (the suppléant then signs, counts and votes)."""
    meeting = seance.meeting
    replaced = set(workflow.answers(meeting).filter(answer=Recipient.Answer.SUPPLEANT).values_list("user", flat=True))
    seats = [m.suppleant if m.member_id in replaced and m.suppleant_id else m.member
             for m in workflow.members_in_office(meeting.instance, workflow.meeting_day(meeting))]
    return sorted(set(seats), key=_sort_key)


@dataclass
class Attendance:
    """Who is in the room now, who is represented by whom, and the quorum
    (L2121-17) for an item with `withdrawn` members out of the room."""

    members: list
    present: set  # member ids physically present
    withdrawn: set = field(default_factory=set)  # ids withdrawn for the item (L2131-11)
    pouvoirs: dict = field(default_factory=dict)  # giver id -> holder (user), in force
    reconvened: bool = False

    @property
    def in_office(self):
        return len(self.members)

    @property
    def counted(self):
        """Present members who take part in the item."""
        return self.present - self.withdrawn

    @property
    def represented(self):
        """giver id -> holder, for the absent members whose holder is in
        the room and neither of them is withdrawn from the item."""
        return {
            giver: holder for giver, holder in self.pouvoirs.items()
            if giver not in self.present and giver not in self.withdrawn and holder.pk in self.counted
        }

    @property
    def quorum(self):
        return rules.quorum(self.in_office)

    @property
    def quorum_reached(self):
        return rules.quorum_reached(self.in_office, len(self.present), len(self.present & self.withdrawn),
                                    self.reconvened)

    def voters(self):
        """(member, holder or None) for each voice in the item: present
        members, then represented ones through their holder."""
        by_id = {member.pk: member for member in self.members}
        voices = [(by_id[pk], None) for pk in sorted(self.counted, key=lambda pk: _sort_key(by_id[pk]))]
        voices += [(by_id[giver], holder) for giver, holder in self.represented.items() if giver in by_id]
        return voices


def _sort_key(user):
    return (user.last_name, user.first_name, user.pk)


def present_ids(seance):
    """Ids of the members whose latest movement is an arrival."""
    latest = {}
    for member_id, kind in seance.movements.order_by("at", "pk").values_list("member_id", "kind"):
        latest[member_id] = kind
    return {member_id for member_id, kind in latest.items() if kind == Movement.Kind.ARRIVAL}


def attendance(seance, deliberation=None):
    pouvoirs = {p.giver_id: p.holder for p in workflow.pouvoirs_in_force(seance.meeting)}
    withdrawn = set(deliberation.withdrawn_members.values_list("pk", flat=True)) if deliberation else set()
    return Attendance(members=members(seance), present=present_ids(seance), withdrawn=withdrawn,
                      pouvoirs=pouvoirs, reconvened=seance.reconvened)


def _require_open(seance):
    if not seance.is_open:
        raise SeanceError(_("The séance is not open."))


def open_seance(seance, user, president, secretaries, urgency_accepted=None):
    """Opens the séance: the council names its secretaries (L2121-15) and,
    when the convocation invoked urgency, rules on it (L2121-11/12)."""
    if seance.opened_at:
        raise SeanceError(_("The séance is already open."))
    if not rules.secretaries_valid(len(secretaries)):
        raise SeanceError(_("Name at least one secrétaire de séance."))
    if seance.urgency_reason and urgency_accepted is None:
        raise SeanceError(_("The convocation invoked urgency: record the council's ruling on it."))
    office = {member.pk for member in members(seance)}
    if president.pk not in office or any(s.pk not in office for s in secretaries):
        raise SeanceError(_("The president and the secretaries must be members in office."))
    with transaction.atomic():
        try:
            workflow.open_seance(seance.meeting, user)
        except workflow.TransitionError as exc:
            raise SeanceError(str(exc)) from exc
        Seance.objects.filter(pk=seance.pk).update(
            opened_at=timezone.now(), president=president, urgency_accepted=urgency_accepted)
        seance.secretaries.set(secretaries)
    seance.refresh_from_db()


def record_movement(seance, member, kind, at=None):
    """An arrival or a departure; the same movement twice in a row (a
    double tap) is recorded once. Returns True when something changed."""
    _require_open(seance)
    if member.pk not in {m.pk for m in members(seance)}:
        raise SeanceError(_("This person is not a member in office of this instance."))
    with transaction.atomic():
        # Locks the séance row (PostgreSQL): two taps are serialised.
        Seance.objects.select_for_update().filter(pk=seance.pk).first()
        last = seance.movements.filter(member=member).order_by("-at", "-pk").first()
        if (last.kind if last else Movement.Kind.DEPARTURE) == kind:
            return False
        Movement.objects.create(seance=seance, member=member, kind=kind, at=at or timezone.now())
    return True


@dataclass(frozen=True)
class Tally:
    """What the console sends: each voice's choice (show of hands and
    public ballot), or the totals of a secret ballot."""

    choices: dict = field(default_factory=dict)  # member id -> Vote.Choice
    pour: int = 0
    contre: int = 0
    abstention: int = 0


def ballot_for(deliberation, presence):
    return rules.ballot_kind(len(presence.counted), deliberation.public_requests, deliberation.secret_requests,
                             deliberation.nomination)


def record_vote(deliberation, tally):
    """Records the vote of an item and its result (L2121-20), numbers it in
    the séance and in the year (R2121-9). Refused, and nothing recorded,
    when the quorum is not reached (L2121-17) or a voice is missing."""
    seance = deliberation.seance
    _require_open(seance)
    if deliberation.item is not None and not workflow.item_may_be_voted(deliberation.item, seance.urgency_accepted):
        raise SeanceError(_("This item cannot be voted: it did not reach the members with its délai, and the "
                            "council did not accept the urgency (L2121-10 to L2121-12)."))
    with transaction.atomic():
        # Claim the item first, in one UPDATE: a second click finds it voted.
        claimed = Deliberation.objects.filter(pk=deliberation.pk, status=Deliberation.Status.PENDING).update(
            status=Deliberation.Status.VOTED, voted_at=timezone.now())
        if not claimed:
            raise SeanceError(_("This item has already been dealt with."))
        presence = attendance(seance, deliberation)
        if not presence.quorum_reached:
            raise SeanceError(_(
                "No quorum: %(present)d members take part, %(quorum)d are needed (L2121-17). "
                "The item cannot be voted."
            ) % {"present": len(presence.counted), "quorum": presence.quorum})
        ballot = ballot_for(deliberation, presence)
        voices = presence.voters()
        if ballot == rules.Ballot.SECRET:
            counts = _secret_counts(tally, len(voices))
            casting = None
        else:
            counts, casting = _named_counts(deliberation, tally, voices, seance.president_id)
        result = rules.vote_result(counts["pour"], counts["contre"], secret=ballot == rules.Ballot.SECRET,
                                   president_vote=casting)
        number_in_seance, year, number_in_year = _register_numbers(deliberation)
        Deliberation.objects.filter(pk=deliberation.pk).update(
            ballot=ballot.value, outcome=result.outcome.value, casting_vote=result.casting_vote,
            in_office=presence.in_office, present=len(presence.counted), represented=len(presence.represented),
            register=seance.meeting.instance, year=year, number_in_seance=number_in_seance,
            number_in_year=number_in_year, **counts,
        )
    deliberation.refresh_from_db()
    return deliberation


def _secret_counts(tally, voices):
    """A secret ballot: totals only; blank and spoiled ballots count as
    abstentions (they are not votes cast)."""
    values = (tally.pour, tally.contre, tally.abstention)
    if min(values) < 0 or sum(values) > voices:
        raise SeanceError(_("The totals exceed the %(count)d voices of this item.") % {"count": voices})
    return {"pour": tally.pour, "contre": tally.contre, "abstention": tally.abstention,
            "not_voting": voices - sum(values), "voters": sum(values)}


def _named_counts(deliberation, tally, voices, president_id):
    missing = [member for member, _holder in voices if tally.choices.get(member.pk) not in Vote.Choice.values]
    if missing:
        raise SeanceError(_("Record the vote of: %(names)s.") % {"names": ", ".join(_name(m) for m in missing)})
    Vote.objects.bulk_create(
        Vote(deliberation=deliberation, member=member, holder=holder, choice=tally.choices[member.pk])
        for member, holder in voices
    )
    counts = {choice: 0 for choice in Vote.Choice.values}
    for member, _holder in voices:
        counts[tally.choices[member.pk]] += 1
    voters = len(voices) - counts[Vote.Choice.NOT_VOTING]
    return ({"pour": counts["pour"], "contre": counts["contre"], "abstention": counts["abstention"],
             "not_voting": counts["nppp"], "voters": voters}, tally.choices.get(president_id))


def _register_numbers(deliberation):
    """The next numbers in the séance and in the register's year. The
    counter is raised by an UPDATE (which locks its row until the vote's
    transaction ends), so two votes at once get consecutive numbers and a
    refused vote (rolled back) leaves no gap."""
    seance = deliberation.seance
    register = seance.meeting.instance
    year = seance.day.year
    counter, _created = RegisterCounter.objects.get_or_create(register=register, year=year)
    RegisterCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    number_in_year = RegisterCounter.objects.get(pk=counter.pk).last
    number_in_seance = seance.deliberations.filter(number_in_seance__isnull=False).count() + 1
    return number_in_seance, year, number_in_year


def close_seance(seance, user):
    """Closes the séance: the items not voted are recorded as such (no
    quorum, or not examined), the procès-verbal draft is created, and for
    an EPCI the copy of the list owed to the member communes' councillors
    is scheduled (L5211-40-2)."""
    _require_open(seance)
    with transaction.atomic():
        try:
            workflow.close_meeting(seance.meeting, user)
        except workflow.TransitionError as exc:
            raise SeanceError(str(exc)) from exc
        quorum_now = attendance(seance).quorum_reached
        seance.deliberations.filter(status=Deliberation.Status.PENDING).update(
            status=Deliberation.Status.WITHDRAWN if quorum_now else Deliberation.Status.NO_QUORUM)
        Seance.objects.filter(pk=seance.pk).update(closed_at=timezone.now())
        ProcesVerbal.objects.get_or_create(seance=seance)
        if rules.epci_information_copies(seance.meeting.instance.body):
            InformationCopy.objects.get_or_create(seance=seance, kind=InformationCopy.Kind.LIST, defaults={
                "due_on": rules.epci_list_copy_deadline(seance.day)})
    seance.refresh_from_db()
