"""Personal links of convocations: a signed, timestamped recipient id
(django.core.signing), so no secret is stored and any change to the link
breaks its signature. A link lives MEETINGS_LINK_MAX_AGE seconds (60 days
by default: long enough for the meeting and its minutes)."""
from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Recipient

SALT = "extensions.meetings.personal-link"


class LinkError(Exception):
    """An unusable link; `expired` tells which French message to show."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def max_age():
    return getattr(settings, "MEETINGS_LINK_MAX_AGE", 60 * 24 * 3600)


def token_for(recipient):
    return signing.TimestampSigner(salt=SALT).sign(str(recipient.pk))


def url_for(recipient):
    """The personal link's path (make it absolute for an e-mail)."""
    return reverse("meetings:personal", args=[token_for(recipient)])


def recipient_for(token):
    """The Recipient of a link; LinkError when tampered, expired or unknown."""
    try:
        pk = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkError(expired=True) from None
    except signing.BadSignature:
        raise LinkError() from None
    recipient = (
        Recipient.objects.select_related("meeting__instance", "user", "mandate")
        .filter(pk=pk).exclude(channel=Recipient.Channel.INFORMATION).first()
    )
    if recipient is None or not recipient.meeting.live:
        raise LinkError()
    return recipient
