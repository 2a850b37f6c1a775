"""Turning a space's notifications off from the e-mail itself. The links
name the memberships the message was sent for, signed (core.links), so
nothing is stored and a changed link is refused. The link in the message
opens a page that asks for a click (mail scanners fetch links); the
List-Unsubscribe header leads to a one-click address (RFC 8058) that the
mail client POSTs to, without login nor cookie."""
from django.urls import reverse

from core import links, mail

from .models import Membership

SALT = "extensions.commissions.unsubscribe"


def links_for(memberships, site):
    """The core.mail.Unsubscribe of `memberships` (the spaces a message
    speaks of), on `site`."""
    token = links.make_token(SALT, sorted(m.pk for m in memberships))
    return mail.Unsubscribe(
        page=mail.absolute_url(reverse("commissions:unsubscribe", args=[token]), site),
        one_click=mail.absolute_url(reverse("commissions:unsubscribe_one_click", args=[token]), site),
    )


def memberships_for(token):
    """The memberships a link names (those that still exist); None when the
    link was changed."""
    try:
        ids = links.read_token(SALT, token)
    except links.LinkError:
        return None
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        return None
    return Membership.objects.filter(pk__in=ids).select_related("space")


def turn_off(memberships):
    """No more e-mails about these spaces (the member can choose again in
    the space, « Mes notifications »). Twice is the same as once."""
    return memberships.update(notify=Membership.Notify.NEVER)
