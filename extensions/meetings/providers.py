"""What meetings answer to other apps through their small hooks:
commissions' upcoming_meetings(space, user)."""
from django.utils import timezone

from extensions.commissions.access import register_meetings_provider

UPCOMING_LIMIT = 5


@register_meetings_provider
def upcoming_meetings_of_space(space, user):
    """The next meetings of the instances tied to `space` that `user` may see."""
    from .access import visible_meetings

    return list(
        visible_meetings(user).filter(instance__space=space, start__gte=timezone.now())
        .exclude(state="cancelled").order_by("start")[:UPCOMING_LIMIT]
    )
