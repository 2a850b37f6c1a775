"""E-mails of the private spaces: one message per recipient (never a list
of addresses in To or Cc), in French, text and HTML, with absolute links
built from WAGTAILADMIN_BASE_URL.

Each message `name` has three templates in commissions/emails/:
<name>_subject.txt, <name>.txt and <name>.html."""
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(url):
    """`url` as a full link for an e-mail, on the configured address (a
    page's URL carries its site's host when several sites are served)."""
    parts = urlsplit(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def build(name, to, context):
    """The message `name` for the address `to`."""
    context = {"base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"commissions/emails/{name}_subject.txt", context).split())
        text = render_to_string(f"commissions/emails/{name}.txt", context)
        html = render_to_string(f"commissions/emails/{name}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message


def send_all(messages):
    """Sends `messages` over one connection; returns how many were sent."""
    messages = list(messages)
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages)


def to_members(name, memberships, context):
    """The message `name` for each member that has an e-mail address; the
    context gets `member` (the Membership) and `recipient` (the user)."""
    return [
        build(name, member.user.email, {**context, "member": member, "recipient": member.user})
        for member in memberships
        if member.user.email and member.user.is_active
    ]
