"""Moderation by staff: approve, reject with a reason e-mailed to the
author, shortlist for the jury. Every action is logged with Wagtail's log
entries, which each entry's history shows."""
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core import mail

from .models import Entry


def _moderate(entry, user, status, action, **fields):
    entry.status, entry.moderated_at = status, timezone.now()
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    log(entry, action, user=user, data={key: str(value) for key, value in fields.items()})


def approve(entries, user):
    from .tasks import make_renditions

    count = 0
    for entry in entries:
        if entry.status != Entry.Status.APPROVED:
            _moderate(entry, user, Entry.Status.APPROVED, "participation.approve", rejection_reason="")
            transaction.on_commit(lambda pk=entry.pk: make_renditions.enqueue(pk))
            count += 1
    return count


def reject(entries, user, reason):
    count = 0
    for entry in entries:
        if entry.status == Entry.Status.REJECTED:
            continue
        _moderate(entry, user, Entry.Status.REJECTED, "participation.reject", rejection_reason=reason,
                  shortlisted=False)
        transaction.on_commit(entry.delete_renditions)
        if entry.email:
            mail.send_after_commit([mail.message("participation/emails/entry_rejected", entry.email, {
                "contest": entry.contest, "entry": entry, "reason": reason,
            }, mail.site_of(entry.contest))])
        count += 1
    return count


def set_shortlisted(entries, user, value):
    """Only approved entries can be shortlisted."""
    count = 0
    for entry in entries:
        if entry.status == Entry.Status.APPROVED and entry.shortlisted != value:
            entry.shortlisted = value
            entry.save(update_fields=["shortlisted"])
            log(entry, "participation.shortlist" if value else "participation.unshortlist", user=user)
            count += 1
    return count
