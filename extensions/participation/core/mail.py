"""E-mails to citizens: French, a text part and an HTML part rendered from
two templates, every link absolute, on the host of the site the page
belongs to (the interco's contest links to the interco's site)."""
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def absolute_url(path, page=None):
    """`path` on the root URL of `page`'s site, or WAGTAILADMIN_BASE_URL
    when there is no page (or it belongs to no site)."""
    site = page.get_site() if page is not None else None
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def send(template, to, subject, context):
    """Sends `template`.txt and `template`.html (under participation/emails/)
    to the address `to`, in the site's language whatever the caller's."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": absolute_url("/", context.get("contest")), **context}
        text = render_to_string(f"participation/emails/{template}.txt", context)
        html = render_to_string(f"participation/emails/{template}.html", context)
        message = EmailMultiAlternatives(str(subject), text, to=[to])
        message.attach_alternative(html, "text/html")
        message.send()


def notify(template, to, subject, context):
    """send() once the current transaction commits, for messages that
    inform but on which nothing depends: a failure is logged, not raised."""

    def deliver():
        try:
            send(template, to, subject, context)
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not send the e-mail %s", template)

    transaction.on_commit(deliver)
