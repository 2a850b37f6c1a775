"""E-mails of meetings, one per recipient, French, text and HTML, from
templates in meetings/emails/ (<name>_subject.txt, <name>.txt, <name>.html),
built here and sent by tasks.py (convocations) or after commit (notices)."""
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from extensions.commissions.emails import absolute_url

from . import ics, links

logger = logging.getLogger(__name__)


def convocation_text(meeting):
    """The text that convenes (L2121-10): who convenes, the body, place,
    date and hour; the ordre du jour follows in the message."""
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


def _render(name, context):
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"meetings/emails/{name}_subject.txt", context).split())
        text = render_to_string(f"meetings/emails/{name}.txt", context)
        html = render_to_string(f"meetings/emails/{name}.html", context)
    return subject, text, html


def convocation_message(delivery):
    """The e-mail of one delivery (convocation, modification or
    cancellation), with its .ics and a fresh Message-ID (stored by the
    caller as the proof of what left)."""
    convocation, recipient = delivery.convocation, delivery.recipient
    meeting = convocation.meeting
    cancelled = convocation.reason == convocation.Reason.CANCEL
    personal_url = absolute_url(links.url_for(recipient)) if recipient.expects_answer else ""
    context = {
        "meeting": meeting, "recipient": recipient, "convocation": convocation,
        "items": list(meeting.agenda_items.all()), "text": convocation_text(meeting),
        "personal_url": personal_url, "cancelled": cancelled,
        "information": not recipient.expects_answer,
        "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
    subject, text, html = _render("convocation", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    message.attach_alternative(html, "text/html")
    calendar = ics.invitation(meeting, recipient, convocation.version, cancelled, personal_url)
    method = "CANCEL" if cancelled else "REQUEST"
    message.attach("convocation.ics", calendar, f"text/calendar; method={method}; charset=utf-8")
    message.extra_headers["Message-ID"] = make_msgid(domain=_mail_domain())
    return message


def _mail_domain():
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">").strip() or "parvis.localhost"


def reminder_message(recipient):
    context = {"meeting": recipient.meeting, "recipient": recipient,
               "personal_url": absolute_url(links.url_for(recipient))}
    subject, text, html = _render("reminder", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    message.attach_alternative(html, "text/html")
    return message


def notify_pouvoir_holder(pouvoir, meeting):
    """Tells the holder they hold a pouvoir (a failure is logged: the
    pouvoir stands, and the dashboard shows it)."""
    if not pouvoir.holder.email:
        return
    context = {"meeting": meeting, "pouvoir": pouvoir,
               "giver": pouvoir.giver.get_full_name() or pouvoir.giver.get_username(),
               "holder": pouvoir.holder.get_full_name() or pouvoir.holder.get_username()}
    subject, text, html = _render("pouvoir", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [pouvoir.holder.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not tell the holder of pouvoir %s", pouvoir.pk)
