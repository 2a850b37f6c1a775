"""Background work of contests (django-tasks: immediate backend for now, a
database worker in production): renditions after approval, e-mails to the
winners, copies into the image library, and the scheduled purge."""
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from core import mail

from .images import RENDITION_WIDTHS
from .models import ContestPage, Entry
from .photos import ensure_rendition


@task()
def make_renditions(entry_id: int):
    entry = Entry.objects.filter(pk=entry_id, status=Entry.Status.APPROVED).first()
    if entry is None:  # rejected or deleted meanwhile
        return 0
    for width in RENDITION_WIDTHS:
        ensure_rendition(entry, width)
    return len(RENDITION_WIDTHS)


@task()
def notify_winners(contest_id: int):
    """E-mails each winner not yet told; returns how many were."""
    from .results import winners

    contest = ContestPage.objects.get(pk=contest_id)
    count = 0
    for entry in winners(contest):
        if entry.winner_notified_at or not entry.email:
            continue
        mail.send([mail.message("participation/emails/winner", entry.email, {"contest": contest, "entry": entry},
                                mail.site_of(contest))])
        Entry.objects.filter(pk=entry.pk).update(winner_notified_at=timezone.now())
        log(entry, "participation.winner_notified")
        count += 1
    return count


@task()
def copy_to_library(contest_id: int):
    from .library import copy_to_library as copy

    return copy(ContestPage.objects.get(pk=contest_id))


@task()
def purge_personal_data():
    """Run daily (cron or systemd timer: manage.py purge_participation)."""
    from .purge import purge_due

    return purge_due()
