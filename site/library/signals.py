"""Keeps each document's extracted text in step with its file."""
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ArchiveDocument


@receiver(post_save, sender=ArchiveDocument)
def queue_text_extraction(sender, instance, raw=False, **kwargs):
    if raw or not instance.file or not instance.needs_extraction():
        return
    from .tasks import extract_document_text

    # After commit: the worker must see the saved file and row.
    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))
