"""Turning a space's notifications off from the e-mail itself: the link in
the footer and in the List-Unsubscribe header (one click, RFC 8058) names
the memberships it was sent for, signed (django.core.signing), so nothing
is stored and a changed link is refused. Opening it asks for a click (mail
scanners fetch links); the mail client's one-click POST needs none."""
from django.core import signing
from django.urls import reverse

from core import mail

from .models import Membership

SALT = "extensions.commissions.unsubscribe"


def url_for(memberships, site):
    """The link that turns off the notifications of `memberships` (the
    spaces a message speaks of), on `site`."""
    token = signing.dumps(sorted(m.pk for m in memberships), salt=SALT, compress=True)
    return mail.absolute_url(reverse("commissions:unsubscribe", args=[token]), site)


def memberships_for(token):
    """The memberships a link names (those that still exist); None when the
    link was changed."""
    try:
        ids = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        return None
    return Membership.objects.filter(pk__in=ids).select_related("space")


def turn_off(memberships):
    """No more e-mails about these spaces (the member can choose again in
    the space, « Mes notifications »)."""
    return memberships.update(notify=Membership.Notify.NEVER)
