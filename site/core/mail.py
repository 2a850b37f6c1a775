"""The e-mails of every app, built one way. A message `name` of a folder has
three templates: <folder>/<name>_subject.txt, <name>.txt and <name>.html,
rendered in French; the subject and the text part with autoescape off (an
apostrophe stays an apostrophe), the HTML part escaped. Each message goes to
one address, in the name of the site its object belongs to (the commune or
the interco: SiteIdentity's name and e-mail), with its links on that site's
host and the standard headers: a Message-ID on the site's domain,
`Auto-Submitted: auto-generated` (RFC 3834) and, for notifications a reader
can turn off, `List-Unsubscribe` with one-click unsubscription (RFC 8058)."""
import logging
import re
import smtplib
from typing import NamedTuple
from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, make_msgid
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from wagtail.models import Site

logger = logging.getLogger(__name__)
SENDING_ERRORS = (smtplib.SMTPException, OSError)


def site_of(page):
    """The Wagtail site `page` belongs to; the default site for a page of
    no site, or no page (a password reset asked on an unknown host)."""
    site = page.get_site() if page is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def absolute_url(url, site):
    """`url` (a path, or a page's URL, which carries a host when several
    sites are served) as a link on `site`'s root URL. Public links never use
    WAGTAILADMIN_BASE_URL: the interco's e-mails lead to the interco's host."""
    parts = urlsplit(url)
    return site.root_url.rstrip("/") + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def identity(site):
    """(name, address) of the collectivity `site` speaks for. The address
    of DEFAULT_FROM_EMAIL stands in only when the identity has no e-mail;
    the name is always the collectivity's when it has one. (The site's
    mail domain must let our SMTP server send for that address: SPF, DKIM.)"""
    from pages.models import SiteIdentity  # the site layer's models load after the core

    found = SiteIdentity.for_site(site)
    default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return found.name or site.site_name or default_name, found.email or default_address


def render(template, context):
    """(subject on one line, text, HTML) of the message `template`
    ("<folder>/<name>"), in the site's language whatever the caller's."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _one_line(_unescaped(f"{template}_subject.txt", context))
        text = _unescaped(f"{template}.txt", context)
        html = get_template(f"{template}.html").render(context)
    return subject, text, html


def _one_line(text):
    # Only line breaks and ordinary spaces fold: the no-break spaces of
    # French typography (« », :) stay.
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text).strip(" \t")


def _unescaped(name, context):
    # The engine's Template under the backend's wrapper takes a Context,
    # which is where autoescape is chosen.
    return get_template(name).template.render(Context(context, autoescape=False))


class Unsubscribe(NamedTuple):
    """Where the reader of an opt-out notification turns it off: `page`,
    the link of the message, asks for a click (mail scanners open links);
    `one_click` takes the mail client's POST without login nor cookie
    (List-Unsubscribe-Post, RFC 8058)."""

    page: str
    one_click: str


def _absolute_links(html, site):
    """A link or image relative to the site (a rich text note's link to a
    page: Wagtail writes "/path/" when one site is served) leads nowhere
    from a mailbox: on the site's root URL it does."""
    return re.sub(r"""(\s(?:href|src)=["'])/(?!/)""", rf"\g<1>{site.root_url.rstrip('/')}/", html)


def message(template, to, context, site, unsubscribe=None):
    """The message `template` for the one address `to`, from `site`'s
    collectivity. The templates get `site_url` (the site's root URL),
    `site_name` (the collectivity's name) and `unsubscribe_url`. Give
    `unsubscribe` (an Unsubscribe) for every message its reader can opt
    out of: a transactional message (a convocation, a confirmation) has
    none, a notification one chose must have it."""
    name, address = identity(site)
    context = {"site_url": site.root_url, "site_name": name,
               "unsubscribe_url": unsubscribe.page if unsubscribe else "", **context}
    subject, text, html = render(template, context)
    html = _absolute_links(html, site)
    headers = {"Message-ID": make_msgid(domain=site.hostname), "Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe.one_click}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Address() quotes a name with commas or quotes; Django encodes non-ASCII.
    sender = str(Address(display_name=name, addr_spec=address))
    email = EmailMultiAlternatives(subject, text, sender, [to], headers=headers)
    email.kind = template  # which message it is, for the log and the tests of every kind
    email.attach_alternative(html, "text/html")
    return email


def send(messages):
    """Sends `messages` over one connection; returns how many left."""
    messages = list(messages)
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages)


def send_after_commit(messages):
    """send() once the current transaction commits, for messages that inform
    but on which nothing depends: a failure is logged, not raised."""
    messages = list(messages)

    def deliver():
        try:
            send(messages)
        except SENDING_ERRORS:
            logger.exception("Could not send %s", ", ".join(f"{m.kind} {m.extra_headers['Message-ID']}" for m in messages))

    transaction.on_commit(deliver)
