"""Keeps contest data in step: a new version of the rules when a contest is
published with changed rules, and an entry's files gone with the entry."""
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ContestPage, Entry
from .roles import jury_group


@receiver(page_published, sender=ContestPage)
def snapshot_rules(sender, instance, **kwargs):
    instance.current_rules()


@receiver(page_published, sender=ContestPage)
def admit_jury(sender, instance, **kwargs):
    """Jury members score on the front end: the Jury group opens the
    jury's screens, and gives no permission."""
    if instance.has_jury:
        jury_group().user_set.add(*instance.jury.all())


@receiver(post_delete, sender=Entry)
def delete_entry_files(sender, instance, **kwargs):
    # After commit: a rolled-back deletion must find its files again.
    transaction.on_commit(instance.delete_files)
