"""Who may see and do what in the private spaces. Every view of this app,
and every other app that shows spaces or publications (search, API,
meetings), asks these functions rather than deciding for itself.

A member is someone with a Membership; superusers may look into every
space without being members (they are never counted among the readers)."""
from dataclasses import dataclass

from .models import Membership, Publication, Space


def spaces_for(user):
    """The spaces `user` belongs to, by name."""
    if not user.is_authenticated:
        return Space.objects.none()
    return Space.objects.filter(memberships__user=user).order_by("name")


def membership(user, space):
    """The Membership of `user` in `space`, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, space=space).first()


def is_member(user, space):
    return user.is_authenticated and Membership.objects.filter(user=user, space=space).exists()


def visible_spaces(user):
    """The spaces whose content `user` may see."""
    if user.is_authenticated and user.is_superuser:
        return Space.objects.all()
    return spaces_for(user)


def visible_publications(user):
    """The publications `user` may see: for search, feeds and the API."""
    return Publication.objects.filter(space__in=visible_spaces(user))


_meeting_providers = []


def register_meetings_provider(provider):
    """Lets an app that holds meetings (extensions.meetings) answer
    upcoming_meetings() without this app importing it: `provider(space,
    user)` returns objects with a `url` and a str()."""
    _meeting_providers.append(provider)
    return provider


def upcoming_meetings(space, user):
    """The next meetings of `space` that `user` may see ("Mes espaces" and
    the space's page show them)."""
    return [meeting for provider in _meeting_providers for meeting in provider(space, user)]


_convocation_providers = []


def register_convocations_provider(provider):
    """Lets an app that convenes people (extensions.meetings) list a user's
    convocations in « Mes espaces » without this app importing it:
    `provider(user)` returns objects with `title`, `url`, `start` (an aware
    datetime), `to_confirm` (the person still has something to do) and
    `status` (a short text saying what they did)."""
    _convocation_providers.append(provider)
    return provider


def convocations_for(request):
    """(to confirm, the others) of the signed-in user's convocations, soonest first."""
    found = sorted((c for provider in _convocation_providers for c in provider(request)), key=lambda c: c.start)
    return [c for c in found if c.to_confirm], [c for c in found if not c.to_confirm]


@dataclass(frozen=True)
class SpaceAccess:
    """What one person may do in one space."""

    user: object
    space: Space
    membership: Membership | None

    @property
    def can_manage(self):
        """Run the space: publish, invite, see and remind the readers."""
        return self.user.is_superuser or bool(self.membership and self.membership.is_responsible)

    can_publish = can_manage

    def can_see_readings(self, publication):
        return self.can_manage or publication.author_id == self.user.pk


def space_access(user, space):
    """A SpaceAccess if `user` may see `space`, else None."""
    found = membership(user, space)
    if found is None and not (user.is_authenticated and user.is_superuser):
        return None
    return SpaceAccess(user=user, space=space, membership=found)
