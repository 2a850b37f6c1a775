"""After a convened meeting changes (its page published again, or one of
its documents replaced in the library), a task checks whether what the
members were sent differs and, if so, sends a new version. An instance or
a mandate saved keeps the instance's documents group and collections in
step (documents.provision)."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from . import documents
from .access import sync_view_restriction
from .models import Instance, Mandate
from .pages import MeetingPage


@receiver(page_published, sender=MeetingPage)
def meeting_published(sender, instance, revision=None, **kwargs):
    sync_view_restriction(instance)
    if instance.state == MeetingPage.State.CONVOKED:
        user_id = revision.user_id if revision is not None else None
        transaction.on_commit(lambda: _enqueue([instance.pk], user_id))


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or update_fields == frozenset({"collection"}):  # documents.release(): the file did not change
        return
    upcoming = MeetingPage.objects.filter(state=MeetingPage.State.CONVOKED, start__gte=timezone.now())
    meeting_ids = [
        meeting.pk for meeting in upcoming.prefetch_related("agenda_items") if instance.pk in meeting.document_ids()
    ]
    if meeting_ids:
        transaction.on_commit(lambda: _enqueue(meeting_ids, None))


def _enqueue(meeting_ids, user_id):
    from .tasks import refresh_convocation

    for meeting_id in meeting_ids:
        refresh_convocation.enqueue(meeting_id, user_id)


@receiver(post_save, sender=Instance)
def instance_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.provision(instance)


@receiver(post_save, sender=Mandate)
@receiver(post_delete, sender=Mandate)
def mandate_changed(sender, instance, raw=False, **kwargs):
    owner = Instance.objects.filter(pk=instance.instance_id).first()
    if owner is not None and not raw:
        documents.provision(owner)
