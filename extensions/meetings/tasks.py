"""Background work of meetings (django-tasks): delivering the e-mails of a
convocation version, retrying failures with backoff, and the reminders.

Each delivery is claimed (pending → sending) by one UPDATE before its
message leaves: a second task, a retry or a double click never sends it
twice. A refused or failed message goes back to pending with a later
next_attempt_at (1, 5, 25, 125 minutes...), and becomes « failed » after
MAX_ATTEMPTS, visible on the dashboard until re-sent. Retries run from
`manage.py send_convocations` (cron, every minute) or, on a backend that
can defer, from a task scheduled at the next attempt.

The délai is checked again as each message is about to leave: a queue
that retried for hours must not convene late in silence. A delivery whose
version may no longer leave that day (convocations.late_message) becomes
« late », with the French reason, on the dashboard and in the audit trail;
the agent then postpones the meeting or convenes it in urgency."""
import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import rules
from .audit import Kind, record
from .convocations import late_message
from .manifest import seal_version
from .models import Convocation, Delivery, Recipient
from .notices import convocation_message, reminder_message
from .pages import AgendaItem, MeetingPage

logger = logging.getLogger(__name__)
Status = Delivery.Status
MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(minutes=1)
SENDING_ERRORS = (smtplib.SMTPException, OSError)


def backoff(attempts):
    """The wait before attempt `attempts` + 1."""
    return FIRST_BACKOFF * 5 ** (attempts - 1)


def due_deliveries(now=None):
    now = now or timezone.now()
    return Delivery.objects.filter(status=Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver(deliveries, now=None):
    """Sends the due e-mails among `deliveries` over one connection;
    returns how many the server accepted."""
    now = now or timezone.now()
    ids = list(deliveries.filter(pk__in=due_deliveries(now)).values_list("pk", flat=True))
    if not ids:
        return 0
    accepted = 0
    convocations = {}  # one meeting with its ordre du jour per version, whatever the number of members
    lateness = {}  # per version: why it may no longer leave today ("" when in time)
    connection = get_connection()
    try:
        connection.open()
    except SENDING_ERRORS as error:
        for delivery in Delivery.objects.filter(pk__in=ids, status=Status.PENDING):
            _failed(delivery, error, now, claimed=False)
        return 0
    try:
        for pk in ids:
            if not Delivery.objects.filter(pk=pk, status=Status.PENDING).update(status=Status.SENDING):
                continue  # claimed by someone else meanwhile
            delivery = Delivery.objects.select_related("recipient").get(pk=pk)
            if delivery.convocation_id not in convocations:
                convocations[delivery.convocation_id] = _with_agenda(delivery.convocation_id)
            delivery.convocation = convocations[delivery.convocation_id]
            if delivery.convocation_id not in lateness:
                lateness[delivery.convocation_id] = late_message(delivery.convocation, rules.local_day(now))
            if lateness[delivery.convocation_id]:
                _late(delivery, lateness[delivery.convocation_id])
                continue
            accepted += _send_one(connection, delivery)
    finally:
        connection.close()
    return accepted


def _with_agenda(convocation_id):
    """A convocation with its meeting, instance and ordre du jour loaded
    once, sealed first: no e-mail leaves before its manifest exists."""
    return seal_version(
        Convocation.objects.select_related("meeting__instance")
        .prefetch_related(Prefetch("meeting__agenda_items", queryset=AgendaItem.objects.select_related("rapporteur")))
        .get(pk=convocation_id)
    )


def _send_one(connection, delivery):
    message = convocation_message(delivery)
    try:
        connection.send_messages([message])
    except SENDING_ERRORS as error:
        _failed(delivery, error, timezone.now(), claimed=True)
        return 0
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Status.SENT, sent_at=now, message_id=message.extra_headers["Message-ID"], error="",
        attempts=delivery.attempts + 1,
    )
    record(delivery.convocation.meeting, Kind.DELIVERED, recipient=delivery.recipient,
           detail=f"v{delivery.convocation.version} {message.extra_headers['Message-ID']}")
    return 1


def _late(delivery, reason):
    """The claimed delivery stays unsent: « late », with the reason."""
    Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(status=Status.LATE, error=reason,
                                                                          next_attempt_at=None)
    record(delivery.convocation.meeting, Kind.LATE, recipient=delivery.recipient,
           detail=f"v{delivery.convocation.version} {reason}")
    logger.warning("Convocation delivery %s not sent: too late", delivery.pk)


def _failed(delivery, error, now, claimed):
    attempts = delivery.attempts + 1
    final = attempts >= MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING if claimed else Status.PENDING).update(
        status=Status.FAILED if final else Status.PENDING, attempts=attempts, error=str(error)[:1000],
        next_attempt_at=None if final else now + backoff(attempts),
    )
    record(delivery.convocation.meeting, Kind.FAILED, recipient=delivery.recipient,
           detail=f"v{delivery.convocation.version} ({attempts}) {error}")
    logger.warning("Convocation delivery %s failed (attempt %s): %s", delivery.pk, attempts, error)


@task()
def deliver_convocation(convocation_id: int):
    """Seals the version (manifest, hashes, timestamp), then sends what is
    due of it; schedules the next retry when the backend can defer (the
    cron command covers the others)."""
    seal_version(Convocation.objects.select_related("meeting").get(pk=convocation_id))
    deliveries = Delivery.objects.filter(convocation_id=convocation_id)
    accepted = deliver(deliveries)
    retry_at = deliveries.filter(status=Status.PENDING).exclude(next_attempt_at=None).order_by(
        "next_attempt_at").values_list("next_attempt_at", flat=True).first()
    if retry_at and deliver_convocation.get_backend().supports_defer:
        deliver_convocation.using(run_after=retry_at).enqueue(convocation_id)
    return accepted


def send_due_reminders(now=None):
    """Reminds, once, the members who have not opened a convocation sent
    more than their instance's reminder delay ago (meetings to come): only
    those whose convocation actually left (never after a « late » one)."""
    now = now or timezone.now()
    count = 0
    recipients = Recipient.objects.filter(
        meeting__state=MeetingPage.State.CONVOKED, meeting__start__gt=now, first_opened_at__isnull=True,
        reminded_at__isnull=True, channel=Recipient.Channel.EMAIL, meeting__instance__reminder_delay_hours__gt=0,
    ).filter(
        Exists(Delivery.objects.filter(recipient=OuterRef("pk"), status=Status.SENT))
    ).exclude(email="").select_related("meeting__instance").annotate(
        first_sent_at=Min("meeting__convocations__created_at")
    )
    for recipient in recipients:
        delay = timedelta(hours=recipient.meeting.instance.reminder_delay_hours)
        if recipient.first_sent_at is None or now < recipient.first_sent_at + delay:
            continue
        if not Recipient.objects.filter(pk=recipient.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue  # reminded by another run meanwhile
        try:
            reminder_message(recipient).send()
        except SENDING_ERRORS as error:
            Recipient.objects.filter(pk=recipient.pk).update(reminded_at=None)
            record(recipient.meeting, Kind.FAILED, recipient=recipient,
                   detail=_("Reminder: %(error)s") % {"error": error})
            continue
        record(recipient.meeting, Kind.REMINDED, recipient=recipient)
        count += 1
    return count


def run_due(now=None):
    """What the cron command runs: retries then reminders."""
    sent = deliver(Delivery.objects.all(), now)
    return sent, send_due_reminders(now)


@task()
def send_reminders():
    return send_due_reminders()


@task()
def refresh_convocation(meeting_id: int, user_id: int | None = None):
    """A new version of a convened meeting's convocation if its content
    changed (convocations.refresh); returns the new version number or 0."""
    from django.contrib.auth import get_user_model

    from .convocations import refresh

    meeting = MeetingPage.objects.filter(pk=meeting_id).select_related("instance").first()
    if meeting is None:
        return 0
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    convocation = refresh(meeting, user)
    return convocation.version if convocation else 0
