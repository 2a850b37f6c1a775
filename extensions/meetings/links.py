"""Personal links of convocations: the recipient id, signed and timestamped
by core.links, so no secret is stored and any change to the link breaks its
signature. A link lives MEETINGS_LINK_MAX_AGE seconds (60 days by default:
long enough for the meeting and its minutes), and dies earlier with the
meeting (cancelled) or with the member's mandate (ended)."""
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import LinkError, make_token, read_token

from .models import Recipient

SALT = "extensions.meetings.personal-link"
CANCELLED = _("This meeting has been cancelled: its convocation link no longer opens anything.")
MANDATE_ENDED = _("Your mandate in this instance has ended: this convocation link no longer opens anything.")


def max_age():
    return getattr(settings, "MEETINGS_LINK_MAX_AGE", 60 * 24 * 3600)


def token_for(recipient):
    return make_token(SALT, recipient.pk)


def url_for(recipient):
    """The personal link's path (make it absolute for an e-mail)."""
    return reverse("meetings:personal", args=[token_for(recipient)])


def recipient_for(token):
    """The Recipient of a link; LinkError when tampered, expired or unknown
    (404), or withdrawn with the meeting or the mandate (410)."""
    pk = read_token(SALT, token, max_age=max_age())
    recipient = (
        Recipient.objects.select_related("meeting__instance", "user", "mandate")
        .filter(pk=pk if isinstance(pk, int) else None).exclude(channel=Recipient.Channel.INFORMATION).first()
    )
    if recipient is None or not recipient.meeting.live:
        raise LinkError()
    if recipient.meeting.state == recipient.meeting.State.CANCELLED:
        raise LinkError(CANCELLED, status=410)
    if mandate_ended(recipient):
        raise LinkError(MANDATE_ENDED, status=410)
    return recipient


def mandate_ended(recipient):
    """The seat the member was convened for is over (or was deleted)."""
    mandate = recipient.mandate
    return mandate is None or (mandate.end is not None and mandate.end < timezone.localdate())
