"""What meetings answer to other apps through their small hooks:
commissions' upcoming_meetings(space, user) and the convocations of
« Mes espaces »."""
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from extensions.commissions.access import register_convocations_provider, register_meetings_provider

UPCOMING_LIMIT = 5


@register_meetings_provider
def upcoming_meetings_of_space(space, user):
    """The next meetings of the instances tied to `space` that `user` may see."""
    from .access import visible_meetings

    return list(
        visible_meetings(user).filter(instance__space=space, start__gte=timezone.now())
        .exclude(state="cancelled").order_by("start")[:UPCOMING_LIMIT]
    )


@dataclass(frozen=True)
class ConvocationSummary:
    title: str
    instance: str
    url: str
    start: datetime
    to_confirm: bool
    status: str


def _summary(recipient, now, request):
    from .workflow import answer_deadline

    meeting = recipient.meeting
    answers_open = now <= answer_deadline(meeting) and meeting.state == meeting.State.CONVOKED
    waiting_answer = not recipient.answer and answers_open
    status = [_("Receipt confirmed") if recipient.acknowledged_at else _("Receipt not confirmed yet")]
    status.append(recipient.get_answer_display() if recipient.answer else _("no answer yet"))
    return ConvocationSummary(
        title=meeting.title, instance=meeting.instance.name, url=meeting.get_url(request), start=meeting.start,
        to_confirm=recipient.acknowledged_at is None or waiting_answer, status=" · ".join(status),
    )


@register_convocations_provider
def convocations_of(request):
    """The signed-in user's convocations to the meetings to come (convened
    or sitting), with links on the request's site when they are on it."""
    from .models import Recipient
    from .pages import MeetingPage

    user, now = request.user, timezone.now()
    recipients = (
        Recipient.objects.filter(user=user, meeting__live=True, meeting__start__gte=now,
                                 meeting__state__in=[MeetingPage.State.CONVOKED, MeetingPage.State.OPEN])
        .exclude(channel=Recipient.Channel.INFORMATION).select_related("meeting__instance")
    ) if user.is_authenticated else []
    return [_summary(recipient, now, request) for recipient in recipients]
