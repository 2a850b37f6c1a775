"""The life of a meeting, as small named functions that views, tasks and
extensions.deliberations call (never by changing `state` themselves):

    meeting_day(meeting) / today()            days in Europe/Paris (rules.local_day)
    members_in_office(instance, day)          mandates running on that day
    lock_recipients(meeting, user)            préparation → prête
    unlock_recipients(meeting, user)          prête → préparation
    convocation_refusals(meeting, sent_on)    why it may not leave (French)
    circumstance_errors(meeting, agenda=None) reconvocation / first after renewal, per field
    item_addition_refusals(meeting, items)    why items may not be added after sending
    item_may_be_voted(item, urgency_accepted) the délai of the item met (or urgency ruled)
    register_quorum_record(reader) / items_without_quorum(meeting)
    register_seance_console(url_for) / seance_console_url(meeting)
    open_seance(meeting, user)                convoquée → séance ouverte
    close_meeting(meeting, user)              séance ouverte → close
    answers(meeting) / pouvoirs_in_force(meeting) / expected_presence(meeting)
    give_answer(recipient, answer, actor, holder=None, illness=False)
    revoke_pouvoir(pouvoir, actor)            « toujours révocable », until the vote
    record_pouvoir_at_seance(meeting, giver, holder, actor, illness=False)

Each transition is one conditional UPDATE: a double click or two agents at
once change the state once; the loser gets TransitionError with a French
message."""
from dataclasses import dataclass
from datetime import datetime, time

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from . import rules
from .audit import Kind, record
from .models import Convocation, ItemNotice, Mandate, Pouvoir, Recipient
from .pages import MeetingPage

State = MeetingPage.State
Answer = Recipient.Answer


class TransitionError(Exception):
    """A refused step, with the French message to show."""


def meeting_day(meeting):
    """The day of the meeting in Paris, whatever time zone is active."""
    return rules.local_day(meeting.start)


def today():
    """Today in Paris: the day a convocation leaving now is sent on."""
    return rules.local_day(timezone.now())


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
    """The circumstances of the whole convocation: an item on an
    installation classée sets the délai of all (the convocation leaves once)."""
    return rules.Circumstances(
        urgency=meeting.urgency,
        urgency_reason=meeting.urgency_reason,
        first_after_renewal=meeting.first_after_renewal,
        reconvocation=meeting.reconvocation_of_id is not None,
        installation_classee=any(item.installation_classee for item in meeting.agenda_items.all()),
    )


def item_circumstances(meeting, item):
    """The circumstances of one item (its own délai, L2121-12 last al.)."""
    return rules.Circumstances(
        urgency=meeting.urgency, urgency_reason=meeting.urgency_reason,
        first_after_renewal=meeting.first_after_renewal, reconvocation=meeting.reconvocation_of_id is not None,
        installation_classee=item.installation_classee,
    )


_quorum_records = []


def register_quorum_record(reader):
    """Lets the app that holds the séances (extensions.deliberations) tell
    which items of a meeting could not be deliberated for want of quorum
    (L2121-17), without meetings importing it: `reader(meeting)` returns
    their titles (empty: the quorum did not fail, or no séance recorded)."""
    _quorum_records.append(reader)
    return reader


_seance_consoles = []


def register_seance_console(url_for):
    """Lets the app that holds the séances (extensions.deliberations) be
    where a convened meeting is opened and closed: its console checks the
    quorum, the appel and each item's fate, which a bare « open » from the
    dashboard would skip. `url_for(meeting)` is the console's address."""
    _seance_consoles.append(url_for)
    return url_for


def seance_console_url(meeting):
    """The address of the séance console of `meeting`, or "" when no app
    holds séances (the dashboard then opens and closes it itself)."""
    return next((url_for(meeting) for url_for in _seance_consoles), "")


def items_without_quorum(meeting):
    """The titles of the items of `meeting` left undeliberated because the
    quorum was not reached (empty when it did not fail)."""
    for reader in _quorum_records:
        titles = list(reader(meeting))
        if titles:
            return titles
    return []


RECONVOCATION_MESSAGES = {
    "other_instance": gettext_noop("A new convocation after a failed quorum must follow a meeting of the same "
                                   "instance."),
    "not_earlier": gettext_noop("The meeting whose quorum failed must be earlier than this one."),
    "quorum_not_failed": gettext_noop(
        "No failed quorum is recorded for that meeting: the new convocation of article L2121-17 follows a séance "
        "where the quorum was not reached."
    ),
    "agenda_differs": gettext_noop(
        "A new convocation after a failed quorum keeps the same ordre du jour (article L2121-17): the items that "
        "could not be deliberated, %(items)s."
    ),
}
RENEWAL_MESSAGES = {
    "epci": gettext_noop(
        "An EPCI council never has the shorter délai of the first meeting after a renewal (Conseil d’État, "
        "22 July 2015, n° 383072): untick it."
    ),
    "not_a_council": gettext_noop("Only a conseil municipal has a first meeting after a general renewal."),
    "no_renewal_date": gettext_noop("Enter first the date of the last general renewal on the instance."),
    "before_renewal": gettext_noop("This meeting is before the general renewal of %(date)s."),
    "not_first": gettext_noop(
        "This is not the first meeting after the general renewal of %(date)s: another meeting of the instance "
        "is held or planned since (article L2121-7)."
    ),
}


def _titles(titles):
    return ", ".join(f"«\u00a0{title}\u00a0»" for title in titles)


def circumstance_errors(meeting, agenda=None):
    """{field name: [French messages]} for what the meeting claims about
    itself: a new convocation after a failed quorum (`reconvocation_of`:
    an earlier meeting of the same instance whose quorum failed, with the
    same ordre du jour when `agenda`, a list of titles, is given) and the
    first meeting after a general renewal (consistent with the instance's
    renewal date). MeetingPage.clean() and the sending call it."""
    errors = {
        "reconvocation_of": _reconvocation_errors(meeting, agenda) if meeting.reconvocation_of_id else [],
        "first_after_renewal": _renewal_errors(meeting) if meeting.first_after_renewal else [],
        "start": _moved_errors(meeting) if meeting.state == State.CONVOKED else [],
    }
    return {field: messages for field, messages in errors.items() if messages}


def _moved_errors(meeting):
    """A convened meeting moved to a day its convocation no longer reaches
    with the délai (counted from the day the first version left): refused,
    since a later version only informs; the agent cancels and convenes
    anew, or keeps a day the convocation still reaches."""
    stored = MeetingPage.objects.filter(pk=meeting.pk).values_list("start", flat=True).first()
    if stored is None or rules.local_day(stored) <= meeting_day(meeting):
        return []  # not moved earlier: the délai checked at sending still holds
    first = meeting.convocations.filter(reason=Convocation.Reason.INITIAL).order_by("version").first()
    if first is None:
        return []
    sent_on = rules.local_day(first.created_at)
    late = rules.too_late(meeting.instance.body, circumstances(meeting), sent_on, meeting_day(meeting))
    if late is None:
        return []
    return [_("The convocation left on %(sent)s: with %(days)d clear days the meeting cannot be held before "
              "%(earliest)s. Keep a later date, or cancel this meeting and convene a new one.") % {
        "sent": _date(sent_on), "days": late.values["days"], "earliest": _date(late.values["earliest_meeting"])}]


def _reconvocation_errors(meeting, agenda):
    failed_meeting = meeting.reconvocation_of
    failed_items = items_without_quorum(failed_meeting)
    codes = rules.reconvocation_refusals(
        same_instance=failed_meeting.instance_id == meeting.instance_id,
        earlier=failed_meeting.pk != meeting.pk and failed_meeting.start < meeting.start,
        quorum_failed=bool(failed_items), agenda=agenda, failed_agenda=failed_items,
    )
    return [_(RECONVOCATION_MESSAGES[code]) % {"items": _titles(failed_items)} for code in codes]


def _renewal_errors(meeting):
    """The meetings of the instance since the renewal day (in Paris) and
    before this one, cancelled ones aside, make it not the first."""
    instance = meeting.instance
    renewal_on = instance.renewal_date
    since = 0
    if renewal_on is not None:
        since = (MeetingPage.objects.filter(instance=instance, start__lt=meeting.start,
                                            start__gte=datetime.combine(renewal_on, time.min, rules.LEGAL_TIMEZONE))
                 .exclude(state=State.CANCELLED).exclude(pk=meeting.pk).count())
    codes = rules.first_after_renewal_refusals(
        kind=instance.kind, renewal_on=renewal_on, meeting_on=meeting_day(meeting), meetings_since_renewal=since,
    )
    values = {"date": _date(renewal_on)} if renewal_on else {}
    return [_(RENEWAL_MESSAGES[code]) % values for code in codes]


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
            "A note de synthèse must go with the convocation (3,500 inhabitants and more, EPCI, or an "
            "installation classée, L2121-12); it is missing for: %(items)s."
        ) % {"items": _titles(values["items"])}
    raise ValueError(refusal.code)


def convocation_refusals(meeting, sent_on=None):
    """The French reasons why the convocation may not leave on `sent_on`
    (today in Paris by default; for members on paper, the planned posting
    date): the rules of rules.convocation_refusals, and what the meeting
    claims about itself (circumstance_errors, with its ordre du jour)."""
    items = list(meeting.agenda_items.all())
    refusals = rules.convocation_refusals(
        meeting.instance.body,
        circumstances(meeting),
        sent_on or today(),
        meeting_day(meeting),
        items_without_note=[item.title for item in items if not item.has_note],
        item_count=len(items),
        classified_without_note=[item.title for item in items if item.installation_classee and not item.has_note],
    )
    messages = [refusal_message(refusal) for refusal in refusals]
    for field_messages in circumstance_errors(meeting, agenda=[item.title for item in items]).values():
        messages.extend(field_messages)
    if not meeting.live:
        messages.append(_("Publish the meeting page first: the personal links lead to it."))
    return messages


def item_addition_refusals(meeting, items, sent_on=None):
    """Why `items` (AgendaItems not saved yet, or any objects with a title,
    `has_note` and `installation_classee`) may not be added now to
    `meeting` (French; empty: they may). Before the convocation nothing is
    refused here. Once convened, an added item leaves as a complément (a
    new version) whose own délai counts from `sent_on` (today by default),
    urgency included when the convocation invoked it; it is refused when
    that délai is not met. Once the séance is open, the ordre du jour no
    longer changes (L2121-10)."""
    if meeting.state in (State.PREPARATION, State.READY):
        return []
    if meeting.state != State.CONVOKED:
        return [_("The séance is open or over: its ordre du jour can no longer change (article L2121-10).")]
    body = meeting.instance.body
    messages = []
    for item in items:
        refusals = rules.convocation_refusals(
            body, item_circumstances(meeting, item), sent_on or today(), meeting_day(meeting),
            items_without_note=[] if item.has_note else [item.title], item_count=1,
            classified_without_note=[item.title] if item.installation_classee and not item.has_note else [],
        )
        messages.extend(
            _("Item « %(title)s », sent now as a complément: %(reason)s") % {
                "title": item.title, "reason": refusal_message(refusal)}
            for refusal in refusals if refusal.code in ("too_late", "missing_note")
        )
    return messages


def item_sent_on(item):
    """The day `item` left for the members and whether every member got it
    in time: None when it never left, or when the sending task found the
    délai no longer met for someone (a « late » delivery)."""
    from .models import Delivery

    notice = ItemNotice.objects.filter(item=item).first()
    if notice is None or Delivery.objects.filter(convocation=notice.convocation_id,
                                                 status=Delivery.Status.LATE).exists():
        return None
    return notice.sent_on


def item_may_be_voted(item, urgency_accepted=False):
    """Whether the séance may vote `item` (an AgendaItem): its convocation
    or complément left with its délai, or the convocation invoked urgency
    and the council accepted it at the opening (`urgency_accepted`, the
    séance's ruling); rules.item_may_be_voted. A meeting convened without
    any version recorded here (outside Parvis: the demo's past séances)
    is taken as convened in time: nothing is known to refuse it."""
    meeting = item.page
    if not meeting.convocations.exists():
        return True
    return rules.item_may_be_voted(meeting.instance.body, item_circumstances(meeting, item), item_sent_on(item),
                                   meeting_day(meeting), bool(urgency_accepted))


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
    """How many meetings in a row `giver` delegates with `meeting`, over
    the instance's meetings not cancelled in the order of their DATES
    (before and after it), whatever the order the pouvoirs were given in
    (rules.consecutive_run)."""
    window = rules.POUVOIR_MAX_CONSECUTIVE_MEETINGS
    others = MeetingPage.objects.filter(instance=meeting.instance).exclude(state=State.CANCELLED).exclude(
        pk=meeting.pk)
    before = list(others.filter(start__lt=meeting.start).order_by("-start", "-pk")
                  .values_list("pk", flat=True)[:window])[::-1]
    after = list(others.filter(start__gte=meeting.start).order_by("start", "pk").values_list("pk", flat=True)[:window])
    order = [*before, meeting.pk, *after]
    delegated = set(
        Pouvoir.objects.in_force().filter(giver=giver, meetings__in=order).values_list("meetings", flat=True)
    ) | {meeting.pk}
    return rules.consecutive_run([pk in delegated for pk in order], len(before))


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
            pouvoir = _grant_pouvoir(meeting, locked.user, holder, illness, actor, locked)
        else:
            pouvoir = None
            _revoke_pouvoirs(meeting, locked.user_id, actor, locked)
        _set_answer(recipient, answer, actor, pouvoir)
    if pouvoir and notify:
        _notify_holder(pouvoir, meeting)
    return pouvoir


def _set_answer(recipient, answer, actor, pouvoir=None):
    Recipient.objects.filter(pk=recipient.pk).update(answer=answer, answered_at=timezone.now())
    recipient.answer = answer
    detail = Answer(answer).label
    if pouvoir:
        detail = f"{detail} : {_display_name(pouvoir.holder)}"
    record(recipient.meeting, Kind.ANSWERED, recipient=recipient, actor=actor, detail=detail)


def _notify_holder(pouvoir, meeting, revoked=False):
    """Tells the holder, once the transaction holds: that they hold the
    pouvoir, or that it is revoked (they must not vote for the giver)."""
    from .notices import notify_pouvoir_holder

    transaction.on_commit(lambda: notify_pouvoir_holder(pouvoir, meeting, revoked=revoked))


def _grant_pouvoir(meeting, giver, holder, illness, actor, recipient=None):
    """Checks and creates `giver`'s pouvoir to `holder` for `meeting`,
    revoking the one `giver` gave before for it (inside the caller's
    transaction: a refusal leaves the previous one in force)."""
    if holder is None:
        raise TransitionError(_("Name the member who will hold your pouvoir."))
    # Serialises the pouvoirs of one meeting (PostgreSQL): two members
    # naming the same holder at once cannot both pass « holds only one ».
    MeetingPage.objects.select_for_update().filter(pk=meeting.pk).first()
    in_office = set(members_in_office(meeting.instance, meeting_day(meeting)).values_list("member", flat=True))
    _revoke_pouvoirs(meeting, giver.pk, actor, recipient)
    refusals = rules.pouvoir_refusals(
        giver_in_office=giver.pk in in_office,
        holder_in_office=holder.pk in in_office,
        same_person=holder.pk == giver.pk,
        holder_already_holds=pouvoirs_in_force(meeting).filter(holder=holder).exists(),
        consecutive_meetings=consecutive_delegations(giver, meeting),
        illness=illness,
    )
    if refusals:
        raise TransitionError(" ".join(_(POUVOIR_MESSAGES[code]) for code in refusals))
    pouvoir = Pouvoir.objects.create(instance=meeting.instance, giver=giver, holder=holder, illness=illness)
    pouvoir.meetings.add(meeting)
    return pouvoir


def _revoke_pouvoirs(meeting, giver_id, actor, recipient=None):
    """Revokes the pouvoirs `giver_id` gave for `meeting` (L2121-20:
    « toujours révocable »)."""
    revoked = list(pouvoirs_in_force(meeting).filter(giver=giver_id).select_related("giver", "holder"))
    if revoked:
        Pouvoir.objects.filter(pk__in=[pouvoir.pk for pouvoir in revoked]).update(revoked_at=timezone.now())
        record(meeting, Kind.POUVOIR_REVOKED, recipient=recipient, actor=actor)
    for pouvoir in revoked:
        _notify_holder(pouvoir, meeting, revoked=True)


OVER = (State.CLOSED, State.CANCELLED)


def revoke_pouvoir(pouvoir, actor):
    """Revokes `pouvoir` (L2121-20: « le pouvoir est toujours révocable »),
    by its giver or by the staff who hold the séance (`actor`), until the
    vote: while one of its meetings is convened or its séance open (votes
    already recorded stand). The giver's answer « gives a pouvoir » goes
    back to « no answer yet » for those meetings; each one's audit trail
    records it. Raises TransitionError (French, nothing changed) when the
    pouvoir is already revoked, every meeting of it is over, or `actor` is
    neither its giver nor staff who may manage meetings."""
    from .access import can_manage

    if actor is not None and actor.pk != pouvoir.giver_id and not can_manage(actor):
        raise TransitionError(_("Only the member who gave this pouvoir may revoke it."))
    with transaction.atomic():
        if not Pouvoir.objects.select_for_update().filter(pk=pouvoir.pk, revoked_at__isnull=True).exists():
            raise TransitionError(_("This pouvoir is already revoked."))
        running = [m for m in pouvoir.meetings.all() if rules.pouvoir_revocable(m.state in OVER)]
        if not running:
            raise TransitionError(_("The meeting is over: this pouvoir can no longer be revoked."))
        pouvoir.revoked_at = timezone.now()
        Pouvoir.objects.filter(pk=pouvoir.pk).update(revoked_at=pouvoir.revoked_at)
        for meeting in running:
            recipient = meeting.recipients.filter(user=pouvoir.giver_id).first()
            if recipient is not None and recipient.answer == Answer.POUVOIR:
                Recipient.objects.filter(pk=recipient.pk).update(answer=Answer.NONE, answered_at=timezone.now())
            record(meeting, Kind.POUVOIR_REVOKED, recipient=recipient, actor=actor,
                   detail=_display_name(pouvoir.holder))
            _notify_holder(pouvoir, meeting, revoked=True)
    return running


def record_pouvoir_at_seance(meeting, giver, holder, actor, illness=False):
    """The secretary records a pouvoir given on paper: handed in at the
    séance, or written by a member who leaves during it (L2121-20), for
    `meeting` convened or with its séance open. Same checks as an élu's
    pouvoir (both in office, one pouvoir per holder, three meetings in a
    row by date unless illness); a pouvoir `giver` gave before for this
    meeting is replaced (« toujours révocable »). The giver's answer
    becomes « gives a pouvoir »; the holder is told by e-mail. The
    console records the departure itself (deliberations.seance). Returns
    the Pouvoir; raises TransitionError (French, nothing changed)."""
    if meeting.state not in (State.CONVOKED, State.OPEN):
        raise TransitionError(_("A pouvoir can be recorded only for a convened meeting or during its séance."))
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().filter(meeting=meeting, user=giver).first()
        pouvoir = _grant_pouvoir(meeting, giver, holder, illness, actor, recipient)
        if recipient is not None:
            _set_answer(recipient, Answer.POUVOIR, actor, pouvoir)
    _notify_holder(pouvoir, meeting)
    return pouvoir
