"""First readings of publications: recording them once, whatever the number
of concurrent requests, and telling who has and has not read."""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .models import Membership, Publication, Reading


def record_reading(publication, user):
    """Records `user`'s first reading of `publication` if they are a member
    of its space; True when this call recorded it. Safe under concurrency:
    the unique constraint lets one insert win, get_or_create reads the
    winner's row in the other requests."""
    if not Membership.objects.filter(space_id=publication.space_id, user=user).exists():
        return False
    _reading, created = Reading.objects.get_or_create(publication=publication, user=user)
    return created


@dataclass
class ReadingStatus:
    """"Lu par 12 / 19": the current members who have read, and the others."""

    readers: list
    non_readers: list

    @property
    def read_count(self):
        return len(self.readers)

    @property
    def member_count(self):
        return len(self.readers) + len(self.non_readers)


def reading_status(publication):
    """Who among the space's current members has read `publication` (with
    the date of their first reading) and who has not. Two queries."""
    read_at = dict(publication.readings.values_list("user_id", "read_at"))
    memberships = (
        Membership.objects.filter(space_id=publication.space_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    readers, non_readers = [], []
    for member in memberships:
        if member.user_id in read_at:
            readers.append((member, read_at[member.user_id]))
        else:
            non_readers.append(member)
    return ReadingStatus(readers=readers, non_readers=non_readers)


def with_read_flag(publications, user):
    """Annotates each publication with `is_read` for `user`."""
    return publications.annotate(
        is_read=Exists(Reading.objects.filter(publication=OuterRef("pk"), user=user.pk))
    )


def unread_publications(space, user):
    """Publications of `space` that `user` has not read yet, newest first."""
    return Publication.objects.filter(space=space).exclude(readings__user=user).exclude(author=user)
