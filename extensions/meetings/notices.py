"""E-mails of meetings, one per recipient, rendered by core.mail from the
templates in meetings/emails/ (<name>_subject.txt, <name>.txt, <name>.html),
in the name of the meeting's site with links on its host; built here and
sent by tasks.py (convocations) or after commit (notices)."""
import logging
from email.utils import parseaddr

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import mail

from . import ics, links

logger = logging.getLogger(__name__)


def convocation_text(meeting):
    """The text that convenes (L2121-10): who convenes, the body, place,
    date and hour; the ordre du jour follows in the message."""
    # Its wording is part of the sealed manifest, which refresh() compares:
    # writing the hour differently would make every convened meeting a
    # « changed » convocation, so it keeps its format.
    with translation.override(settings.LANGUAGE_CODE):
        start = timezone.localtime(meeting.start)
        intro = meeting.instance.convocation_text.strip()
        sentence = _(
            "You are convened to the meeting of %(instance)s on %(date)s at %(hour)s, %(place)s."
        ) % {
            "instance": meeting.instance.name, "date": formats.date_format(start, "l j F Y"),
            "hour": formats.time_format(start, "H\\hi"),
            "place": ", ".join(part for part in (meeting.place, meeting.address) if part),
        }
        signatory = meeting.instance.signatory
        return "\n\n".join(part for part in (intro, sentence, signatory) if part)


def convocation_message(delivery):
    """The e-mail of one delivery (convocation, modification or
    cancellation) with its invitation, both as an alternative part (Outlook
    and others then show an invitation) and as the attached .ics; its
    Message-ID is stored by the caller as the proof of what left."""
    convocation, recipient = delivery.convocation, delivery.recipient
    meeting = convocation.meeting
    site = mail.site_of(meeting)
    cancelled = convocation.reason == convocation.Reason.CANCEL
    personal_url = mail.absolute_url(links.url_for(recipient), site) if recipient.expects_answer else ""
    context = {
        "meeting": meeting, "recipient": recipient, "convocation": convocation,
        "items": list(meeting.agenda_items.all()), "text": convocation_text(meeting),
        "personal_url": personal_url, "cancelled": cancelled,
        "information": not recipient.expects_answer,
    }
    message = mail.message("meetings/emails/convocation", recipient.email, context, site)
    organizer = parseaddr(message.from_email)[1]
    calendar = ics.invitation(meeting, recipient, convocation.version, organizer, cancelled, personal_url).decode()
    # The METHOD parameter of the MIME type must be the calendar's METHOD
    # (RFC 6047): Outlook shows an invitation only from the alternative
    # part; the attachment is for the clients that ignore that part.
    content_type = f"text/calendar; method={'CANCEL' if cancelled else 'REQUEST'}"
    message.attach_alternative(calendar, content_type)
    message.attach("convocation.ics", calendar, content_type)
    return message


def reminder_message(recipient):
    site = mail.site_of(recipient.meeting)
    context = {"meeting": recipient.meeting, "recipient": recipient,
               "personal_url": mail.absolute_url(links.url_for(recipient), site)}
    return mail.message("meetings/emails/reminder", recipient.email, context, site)


def notify_pouvoir_holder(pouvoir, meeting, revoked=False):
    """Tells the holder they hold a pouvoir, or no longer hold it when
    `revoked` (a failure is logged: the pouvoir or its revocation stands,
    and the dashboard shows it)."""
    if not pouvoir.holder.email:
        return
    context = {"meeting": meeting, "pouvoir": pouvoir,
               "giver": pouvoir.giver.get_full_name() or pouvoir.giver.get_username(),
               "holder": pouvoir.holder.get_full_name() or pouvoir.holder.get_username()}
    try:
        template = "meetings/emails/pouvoir_revoked" if revoked else "meetings/emails/pouvoir"
        mail.send([mail.message(template, pouvoir.holder.email, context, mail.site_of(meeting))])
    except mail.SENDING_ERRORS:
        logger.exception("Could not tell the holder of pouvoir %s", pouvoir.pk)
