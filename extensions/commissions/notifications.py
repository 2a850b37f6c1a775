"""Telling members what is new: an e-mail per new publication or comment
to those who asked for it immediately, a daily digest for the others, and
reminders to the members who have not read a publication.

Sending runs as background tasks (django-tasks), queued once the request's
transaction is committed; the digest is a management command for cron."""
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core import mail

from . import unsubscribe
from .models import Comment, Membership, Publication, Reminder
from .readings import reading_status


def _members_to_notify(space_id, exclude_user_id):
    return (
        Membership.objects.filter(space_id=space_id, notify=Membership.Notify.IMMEDIATELY)
        .exclude(user_id=exclude_user_id)
        .select_related("user")
    )


def _publication_context(publication, site):
    return {
        "space": publication.space,
        "publication": publication,
        "publication_url": mail.absolute_url(publication.get_url(), site),
    }


def _to_members(name, memberships, context, site, opt_out=True):
    """The message commissions/emails/`name` for each active member with an
    e-mail address, with `member` and `recipient` (the user) in its context;
    `opt_out`: the member chose to be told, and may stop from the message."""
    return [
        mail.message(f"commissions/emails/{name}", member.user.email,
                     {**context, "member": member, "recipient": member.user}, site,
                     unsubscribe=unsubscribe.links_for([member], site) if opt_out else None)
        for member in memberships
        if member.user.email and member.user.is_active
    ]


@task()
def notify_publication(publication_id: int):
    publication = Publication.objects.select_related("space__page", "author").filter(pk=publication_id).first()
    if publication is None:  # deleted meanwhile
        return 0
    members = _members_to_notify(publication.space_id, publication.author_id)
    site = mail.site_of(publication.space.page)
    return mail.send(_to_members("new_publication", members, _publication_context(publication, site), site))


@task()
def notify_comment(comment_id: int):
    comment = Comment.objects.select_related("publication__space__page", "author").filter(pk=comment_id).first()
    if comment is None:
        return 0
    members = _members_to_notify(comment.publication.space_id, comment.author_id)
    site = mail.site_of(comment.publication.space.page)
    context = {**_publication_context(comment.publication, site), "comment": comment}
    return mail.send(_to_members("new_comment", members, context, site))


@task()
def send_reminder(reminder_id: int):
    reminder = Reminder.objects.select_related("publication__space__page", "sent_by").filter(pk=reminder_id).first()
    if reminder is None:
        return 0
    site = mail.site_of(reminder.publication.space.page)
    context = {**_publication_context(reminder.publication, site), "sender": reminder.sent_by}
    non_readers = reading_status(reminder.publication).non_readers
    # A chair's request to read, whatever the notification choice.
    return mail.send(_to_members("reminder", non_readers, context, site, opt_out=False))


def after_commit(task_object, object_id):
    """Queues `task_object` for `object_id` once the transaction commits (the
    worker must find the saved rows)."""
    transaction.on_commit(lambda: task_object.enqueue(object_id))


def digest_for(member, until):
    """What is new for `member` in their space since their last digest (or
    the day before `until`): publications and comments of others."""
    since = member.digest_sent_at or (until - timezone.timedelta(days=1))
    publications = (
        Publication.objects.filter(space_id=member.space_id, published_at__gt=since, published_at__lte=until)
        .exclude(author_id=member.user_id)
        .select_related("space__page")
        .order_by("published_at")
    )
    comments = (
        Comment.objects.filter(publication__space_id=member.space_id, created_at__gt=since, created_at__lte=until)
        .exclude(author_id=member.user_id)
        .select_related("publication__space__page", "author")
        .order_by("created_at")
    )
    return list(publications), list(comments)


def send_digests(until=None):
    """One digest e-mail per person who chose the daily digest and has
    something new, grouping their spaces. Running it twice sends nothing
    the second time. Returns the number of e-mails sent."""
    until = until or timezone.now()
    members = (
        Membership.objects.filter(notify=Membership.Notify.DAILY)
        .select_related("user", "space__page")
        .order_by("user_id", "space__name")
    )
    by_user = {}
    for member in members:
        by_user.setdefault(member.user, []).append(member)
    sent = sum(_send_digest(user, user_members, until) for user, user_members in by_user.items())
    Membership.objects.filter(pk__in=[m.pk for m in members]).update(digest_sent_at=until)
    return sent


def _send_digest(user, members, until):
    # The spaces all live under the one /espaces/ index, hence on one site.
    site = mail.site_of(members[0].space.page)
    sections = []
    for member in members:
        publications, comments = digest_for(member, until)
        if publications or comments:
            sections.append({
                "space": member.space,
                "space_url": mail.absolute_url(member.space.get_url(), site),
                "publications": [(p, mail.absolute_url(p.get_url(), site)) for p in publications],
                "comments": [(c, mail.absolute_url(c.publication.get_url(), site)) for c in comments],
            })
    if not sections or not user.email or not user.is_active:
        return 0
    return mail.send([mail.message("commissions/emails/digest", user.email, {"recipient": user, "sections": sections},
                                   site, unsubscribe=unsubscribe.links_for(members, site))])

