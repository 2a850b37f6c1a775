"""The life of a meeting, as small named functions that views, tasks and
extensions.deliberations call (never by changing `state` themselves):

    members_in_office(instance, day)          mandates running on that day
    lock_recipients(meeting, user)            préparation → prête
    unlock_recipients(meeting, user)          prête → préparation
    convocation_refusals(meeting, sent_on)    why it may not leave (French)
    open_seance(meeting, user)                convoquée → séance ouverte
    close_meeting(meeting, user)              séance ouverte → close
    answers(meeting) / pouvoirs_in_force(meeting) / expected_presence(meeting)
    give_answer(recipient, answer, actor, holder=None, illness=False)

Each transition is one conditional UPDATE: a double click or two agents at
once change the state once; the loser gets TransitionError with a French
message."""
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from . import rules
from .audit import Kind, record
from .models import Mandate, Pouvoir, Recipient
from .pages import MeetingPage

State = MeetingPage.State
Answer = Recipient.Answer


class TransitionError(Exception):
    """A refused step, with the French message to show."""


def meeting_day(meeting):
    return timezone.localtime(meeting.start).date()


def members_in_office(instance, day):
    """The mandates of `instance` running on `day`, with their members."""
    return Mandate.objects.in_office(day).filter(instance=instance).select_related("member", "suppleant")


def _move(meeting, from_states, to_state):
    """Moves `meeting` to `to_state` if it is in one of `from_states`."""
    moved = MeetingPage.objects.filter(pk=meeting.pk, state__in=from_states).update(state=to_state)
    if not moved:
        meeting.refresh_from_db(fields=["state"])
        raise TransitionError(
            _("This meeting is now « %(state)s »: nothing was changed.") % {"state": meeting.get_state_display()}
        )
    meeting.state = to_state


def _display_name(user):
    return user.get_full_name() or user.get_username()


def lock_recipients(meeting, user):
    """préparation → prête: the recipient list is fixed from the mandates in
    office on the day of the meeting (and, for an EPCI, the councillors who
    get a copy for information, L5211-40-2)."""
    with transaction.atomic():
        _move(meeting, [State.PREPARATION], State.READY)
        mandates = list(members_in_office(meeting.instance, meeting_day(meeting)))
        if not mandates:
            raise TransitionError(_("This instance has no member in office on the day of the meeting."))
        Recipient.objects.bulk_create(
            Recipient(
                meeting=meeting, user=m.member, mandate=m, name=_display_name(m.member), email=m.member.email,
                channel=m.channel, postal_address=m.postal_address,
            )
            for m in mandates
        )
        if rules.epci_information_copies(meeting.instance.body):
            Recipient.objects.bulk_create(
                Recipient(meeting=meeting, name=r.name, email=r.email, channel=Recipient.Channel.INFORMATION)
                for r in meeting.instance.information_recipients.all()
            )
        record(meeting, Kind.PREPARED, actor=user,
               detail=ngettext("%(count)d recipient", "%(count)d recipients", len(mandates)) % {"count": len(mandates)})


def unlock_recipients(meeting, user):
    """prête → préparation (nothing was sent yet): the list is dropped."""
    with transaction.atomic():
        _move(meeting, [State.READY], State.PREPARATION)
        meeting.recipients.all().delete()
        record(meeting, Kind.MODIFIED, actor=user, detail=_("Recipient list unlocked"))


def circumstances(meeting):
    return rules.Circumstances(
        urgency=meeting.urgency,
        urgency_reason=meeting.urgency_reason,
        first_after_renewal=meeting.first_after_renewal,
        reconvocation=meeting.reconvocation_of_id is not None,
    )


def _date(day):
    return formats.date_format(day, "l j F Y")


def refusal_message(refusal):
    """A rules.Refusal in French words."""
    values = refusal.values
    if refusal.code == "empty_agenda":
        return _("The ordre du jour is empty: add at least one item.")
    if refusal.code == "urgency_without_reason":
        return _("State the reason for the urgency: the council rules on it at the opening of the meeting.")
    if refusal.code == "too_late":
        return _(
            "Too late: %(days)d clear days are required between the sending and the meeting. "
            "Send on %(latest)s at the latest, or hold the meeting on %(earliest)s at the earliest."
        ) % {"days": values["days"], "latest": _date(values["latest_sending"]),
             "earliest": _date(values["earliest_meeting"])}
    if refusal.code == "missing_note":
        return _(
            "A note de synthèse must go with the convocation (3,500 inhabitants and more, or EPCI); "
            "it is missing for: %(items)s."
        ) % {"items": ", ".join(f"«\u00a0{title}\u00a0»" for title in values["items"])}
    raise ValueError(refusal.code)


def convocation_refusals(meeting, sent_on=None):
    """The French reasons why the convocation may not leave on `sent_on`
    (today by default; for members on paper, the planned posting date)."""
    items = list(meeting.agenda_items.all())
    refusals = rules.convocation_refusals(
        meeting.instance.body,
        circumstances(meeting),
        sent_on or timezone.localdate(),
        meeting_day(meeting),
        items_without_note=[item.title for item in items if not item.has_note],
        item_count=len(items),
    )
    messages = [refusal_message(refusal) for refusal in refusals]
    if not meeting.live:
        messages.append(_("Publish the meeting page first: the personal links lead to it."))
    return messages


def open_seance(meeting, user):
    """convoquée → séance ouverte: no more convocations nor answers."""
    with transaction.atomic():
        _move(meeting, [State.CONVOKED], State.OPEN)
        record(meeting, Kind.OPENED_SEANCE, actor=user)


def close_meeting(meeting, user):
    """séance ouverte → close."""
    with transaction.atomic():
        _move(meeting, [State.OPEN], State.CLOSED)
        record(meeting, Kind.CLOSED, actor=user)


def answers(meeting):
    """The recipients expected to answer, with their answers."""
    return meeting.recipients.exclude(channel=Recipient.Channel.INFORMATION).select_related("user", "mandate")


def pouvoirs_in_force(meeting):
    """The pouvoirs given for `meeting` and not revoked."""
    return Pouvoir.objects.in_force().filter(meetings=meeting).select_related("giver", "holder")


@dataclass(frozen=True)
class Presence:
    in_office: int
    present: int
    excused: int
    absent: int
    pouvoirs: int
    no_answer: int
    quorum: int
    quorum_expected: bool


def expected_presence(meeting):
    """What the answers announce, and whether the quorum (L2121-17: a
    majority of members in office physically present, pouvoirs not
    counted; a suppléant sits in the member's place) is expected."""
    counts = {answer: 0 for answer in Answer.values}
    for value in answers(meeting).values_list("answer", flat=True):
        counts[value] += 1
    in_office = sum(counts.values())
    present = counts[Answer.PRESENT] + counts[Answer.SUPPLEANT]
    return Presence(
        in_office=in_office, present=present, excused=counts[Answer.EXCUSED], absent=counts[Answer.ABSENT],
        pouvoirs=counts[Answer.POUVOIR], no_answer=counts[Answer.NONE], quorum=rules.quorum(in_office),
        quorum_expected=rules.quorum_expected(in_office, present, meeting.reconvocation_of_id is not None),
    )


def answer_deadline(meeting):
    return meeting.start - timezone.timedelta(hours=meeting.instance.answer_deadline_hours)


POUVOIR_MESSAGES = {
    "giver_not_member": gettext_noop("Only a member in office of this instance may give a pouvoir."),
    "holder_not_member": gettext_noop("The pouvoir must name another member in office of the same instance."),
    "same_person": gettext_noop("You cannot give a pouvoir to yourself."),
    "holder_already_holds": gettext_noop(
        "This member already holds a pouvoir for this meeting: a member may hold only one."
    ),
    "too_many_consecutive": gettext_noop(
        "A pouvoir is valid for at most three consecutive meetings, unless illness is duly established."
    ),
}


def consecutive_delegations(giver, meeting):
    """How many meetings in a row `giver` delegates, counting back from
    `meeting` (included) over the instance's held or convened meetings."""
    previous = (
        MeetingPage.objects.filter(instance=meeting.instance, start__lt=meeting.start)
        .exclude(state=State.CANCELLED).order_by("-start")
        .values_list("pk", flat=True)[:rules.POUVOIR_MAX_CONSECUTIVE_MEETINGS]
    )
    delegated = set(
        Pouvoir.objects.in_force().filter(giver=giver, meetings__in=list(previous)).values_list("meetings", flat=True)
    )
    count = 1
    for pk in previous:
        if pk not in delegated:
            break
        count += 1
    return count


def give_answer(recipient, answer, actor=None, holder=None, illness=False, notify=True):
    """Records `recipient`'s answer (an Answer value). A pouvoir names the
    `holder` (a user); it is checked against L2121-20 and the holder is
    told (unless `notify` is False: the demo). Changing one's answer revokes the pouvoir given before. Returns
    the new Pouvoir or None; raises TransitionError with a French message
    (nothing changed) when refused."""
    meeting = recipient.meeting
    if not recipient.expects_answer:
        raise TransitionError(_("This copy is for information: no answer is expected."))
    if answer not in Answer.values or answer == Answer.NONE:
        raise TransitionError(_("Choose one of the proposed answers."))
    if meeting.state != State.CONVOKED or timezone.now() > answer_deadline(meeting):
        raise TransitionError(_("Answers for this meeting are closed."))
    if answer == Answer.SUPPLEANT and not (recipient.mandate and recipient.mandate.suppleant_id):
        raise TransitionError(_("No suppléant is named for your mandate."))
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        if answer == Answer.POUVOIR:
            pouvoir = _grant_pouvoir(locked, holder, illness)
        else:
            pouvoir = None
            _revoke_pouvoirs(locked, actor)
        Recipient.objects.filter(pk=recipient.pk).update(answer=answer, answered_at=timezone.now())
        recipient.answer = answer
        detail = Answer(answer).label
        if pouvoir:
            detail = f"{detail} : {_display_name(pouvoir.holder)}"
        record(meeting, Kind.ANSWERED, recipient=recipient, actor=actor, detail=detail)
    if pouvoir and notify:
        from .notices import notify_pouvoir_holder

        transaction.on_commit(lambda: notify_pouvoir_holder(pouvoir, meeting))
    return pouvoir


def _grant_pouvoir(recipient, holder, illness):
    meeting = recipient.meeting
    if holder is None:
        raise TransitionError(_("Name the member who will hold your pouvoir."))
    in_office = set(members_in_office(meeting.instance, meeting_day(meeting)).values_list("member", flat=True))
    _revoke_pouvoirs(recipient, None)
    refusals = rules.pouvoir_refusals(
        giver_in_office=recipient.user_id in in_office,
        holder_in_office=holder.pk in in_office,
        same_person=holder.pk == recipient.user_id,
        holder_already_holds=pouvoirs_in_force(meeting).filter(holder=holder).exists(),
        consecutive_meetings=consecutive_delegations(recipient.user, meeting),
        illness=illness,
    )
    if refusals:
        raise TransitionError(" ".join(_(POUVOIR_MESSAGES[code]) for code in refusals))
    pouvoir = Pouvoir.objects.create(instance=meeting.instance, giver=recipient.user, holder=holder, illness=illness)
    pouvoir.meetings.add(meeting)
    return pouvoir


def _revoke_pouvoirs(recipient, actor):
    """Revokes the pouvoirs `recipient` gave for this meeting (L2121-20:
    « toujours révocable »)."""
    revoked = pouvoirs_in_force(recipient.meeting).filter(giver=recipient.user_id).update(revoked_at=timezone.now())
    if revoked:
        record(recipient.meeting, Kind.POUVOIR_REVOKED, recipient=recipient, actor=actor)
