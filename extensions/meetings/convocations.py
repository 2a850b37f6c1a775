"""Sending convocations: checks first, then one Convocation version and one
Delivery per recipient, created in one short transaction; the background
task (tasks.py) then builds, hashes and timestamps the version's manifest
(manifest.seal_version: reading every file and asking the authority take
seconds, never inside the request nor under the meeting's lock) before the
e-mails leave. Also: a new
version when the ordre du jour or a document changes after sending, the
cancellation, a one-click re-send to one member, the posting of the paper
batch and the automatic reminder.

    send(meeting, user, posting_on=None)   prête → convoquée (refusals: SendRefused)
    mark_convened(meeting)                 the state change inside send()
    refresh(meeting, user)                 new version if the content changed (a complément for new items)
    cancel(meeting, user)                  → annulée, CANCEL to everyone
    resend(recipient, user)                the latest version again, to one member (délai checked)
    late_message(convocation, day)         why its e-mails may no longer leave that day (French)
    record_posting(convocation, posted_on, user)

The délai is checked when the convocation is sent, again when each e-mail
actually leaves (tasks.py: a delivery found too late becomes « late »,
never sent, shown on the dashboard) and on a re-send."""
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import manifest, rules
from .access import sync_view_restriction
from .audit import Kind, record
from .models import Convocation, Delivery, ItemNotice, Recipient
from .pages import MeetingPage
from .workflow import (State, TransitionError, _move, circumstances, convocation_refusals, item_circumstances,
                       meeting_day, refusal_message, today)

Channel = Recipient.Channel
Status = Delivery.Status


class SendRefused(TransitionError):
    """The checks refused the sending: `messages` says why, in French."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = messages


def latest(meeting):
    return meeting.convocations.order_by("-version").first()


def _create_version(meeting, user, reason, sent_on=None):
    """A Convocation with one Delivery per recipient (paper ones wait for
    the posting), enqueued after commit: the task seals it, then sends.
    The items it carries for the first time are noted as sent on `sent_on`
    (today by default): their délai counts from then (a complément)."""
    recipients = list(meeting.recipients.all())
    previous = latest(meeting)
    version = previous.version + 1 if previous else 1
    convocation = Convocation.objects.create(
        meeting=meeting, version=version, reason=reason, created_at=timezone.now(), created_by=user,
    )
    if reason != Convocation.Reason.CANCEL:
        ItemNotice.objects.bulk_create(
            ItemNotice(item=item, convocation=convocation, sent_on=sent_on or today())
            for item in meeting.agenda_items.filter(notice__isnull=True)
        )
    Delivery.objects.bulk_create(
        Delivery(convocation=convocation, recipient=r,
                 status=Status.TO_POST if r.channel == Channel.PAPER else Status.PENDING)
        for r in recipients
        if r.channel == Channel.PAPER or r.email
    )
    transaction.on_commit(lambda: enqueue(convocation))
    return convocation


def enqueue(convocation):
    from .tasks import deliver_convocation

    deliver_convocation.enqueue(convocation.pk)


def send(meeting, user, posting_on=None):
    """Sends the convocation of a « prête » meeting. The délai is checked
    against today, or against `posting_on` when members are convened on
    paper (the later of the two counts)."""
    has_paper = meeting.recipients.filter(channel=Channel.PAPER).exists()
    sent_on = max(today(), posting_on) if has_paper and posting_on else today()
    refusals = convocation_refusals(meeting, sent_on)
    if refusals:
        raise SendRefused(refusals)
    with transaction.atomic():
        mark_convened(meeting)
        convocation = _create_version(meeting, user, Convocation.Reason.INITIAL, sent_on)
        record(meeting, Kind.SENT, actor=user, detail=_("Version %(version)d") % {"version": convocation.version})
    return convocation


def mark_convened(meeting, from_states=(State.READY,)):
    """The step of send() that makes `meeting` convened: a public meeting
    loses its view restriction and its documents go to the members
    (access.sync_view_restriction). The deliberations demo's past séances,
    convened before the demo began, take this same step."""
    _move(meeting, list(from_states), State.CONVOKED)
    sync_view_restriction(meeting)


def _fingerprint(meeting_content):
    """What, in the content, makes a new version (not the creation time)."""
    return json.dumps(meeting_content, sort_keys=True, ensure_ascii=False)


def refresh(meeting, user=None):
    """After a change to a convened meeting (its page published again, a
    document replaced): a new version, notified to every member, when what
    the members were sent differs; None when nothing changed."""
    if meeting.state != State.CONVOKED:
        return None
    previous = manifest.seal_version(latest(meeting))
    current = _fingerprint(manifest.content(meeting))  # reads every file: before the lock
    with transaction.atomic():
        # Serialises two refreshes of the same meeting.
        MeetingPage.objects.select_for_update().filter(pk=meeting.pk).first()
        if latest(meeting).pk != previous.pk:
            return None  # another refresh made the version meanwhile
        stored = json.loads(previous.manifest)
        before = {key: stored.get(key) for key in ("meeting", "text", "items")}
        if _fingerprint(before) == current:
            return None
        convocation = _create_version(meeting, user, Convocation.Reason.UPDATE)
        record(meeting, Kind.MODIFIED, actor=user, detail=_("Version %(version)d") % {"version": convocation.version})
    return convocation


def cancel(meeting, user):
    """Cancels a meeting not yet held; if it was convened, everyone gets a
    cancellation (METHOD:CANCEL)."""
    with transaction.atomic():
        was_convoked = meeting.state == State.CONVOKED
        _move(meeting, [State.PREPARATION, State.READY, State.CONVOKED], State.CANCELLED)
        sync_view_restriction(meeting)
        if was_convoked:
            _create_version(meeting, user, Convocation.Reason.CANCEL)
        record(meeting, Kind.CANCELLED, actor=user)


def late_message(convocation, day):
    """Why the e-mails of `convocation` may no longer leave on `day` (a
    day in Paris), in French, or "": the convocation itself, and a
    complément carrying new items, must keep their délai (rules.notice_days)
    up to the moment they leave. A modification of what was sent in time,
    or a cancellation, always leaves."""
    meeting = convocation.meeting
    if convocation.reason == Convocation.Reason.CANCEL:
        return ""
    if convocation.reason == Convocation.Reason.INITIAL:
        checked = [circumstances(meeting)]
    else:
        checked = [item_circumstances(meeting, notice.item)
                   for notice in convocation.item_notices.select_related("item")]
    meeting_on = meeting_day(meeting)
    for situation in checked:
        late = rules.too_late(meeting.instance.body, situation, day, meeting_on)
        if late:
            return _("Not sent on %(day)s: %(reason)s") % {"day": day.strftime("%d/%m/%Y"),
                                                             "reason": refusal_message(late)}
    return ""


def resend(recipient, user):
    """Sends the latest version again to one member (one click: a second
    click while it is queued does nothing). Also settles a delivery left
    « being sent » by a crash between its claim and the server's answer
    (it may or may not have left: the agent decides), or found too late.
    False when nothing to re-send; SendRefused (French) when the délai of
    that version is no longer met today: a late convocation never leaves."""
    convocation = latest(recipient.meeting)
    if convocation is None or recipient.channel == Channel.PAPER or not recipient.email:
        return False
    late = late_message(convocation, today())
    if late:
        raise SendRefused([late])
    with transaction.atomic():
        delivery, created = Delivery.objects.get_or_create(convocation=convocation, recipient=recipient)
        if not created and not Delivery.objects.filter(
            pk=delivery.pk, status__in=[Status.SENT, Status.FAILED, Status.SENDING, Status.LATE]
        ).update(status=Status.PENDING, attempts=0, next_attempt_at=None, error=""):
            return False
        record(recipient.meeting, Kind.RESENT, recipient=recipient, actor=user)
        transaction.on_commit(lambda: enqueue(convocation))
    return True


def paper_batch(convocation):
    """The paper deliveries of a version, for the printable batch."""
    return convocation.deliveries.filter(recipient__channel=Channel.PAPER).select_related("recipient")


def record_posting(convocation, posted_on, user):
    """Records the posting date of the paper batch (once). Returns the
    French refusals of the délai counted from that date: the posting is
    recorded whatever they say (it is a fact), the warning is for the agent."""
    meeting = convocation.meeting
    with transaction.atomic():
        deliveries = list(paper_batch(convocation).filter(status=Status.TO_POST))
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries], status=Status.TO_POST).update(
            status=Status.POSTED, posted_on=posted_on
        )
        for delivery in deliveries:
            record(meeting, Kind.POSTED, recipient=delivery.recipient, actor=user, detail=posted_on.isoformat())
    body = meeting.instance.body
    days = rules.notice_days(body, circumstances(meeting))
    if deliveries and rules.clear_days(posted_on, meeting_day(meeting)) < days:
        return [_("Posted on %(date)s, the paper convocation leaves fewer than %(days)d clear days before the "
                  "meeting.") % {"date": posted_on.strftime("%d/%m/%Y"), "days": days}]
    return []

