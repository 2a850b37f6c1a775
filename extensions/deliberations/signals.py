"""A published act's file never changes (R2131-1: a non-modifiable format;
its SHA-256 is shown on the act page): replacing the file of a published
act or procès-verbal is refused wherever it comes from (admin, shell,
another app). Deleting it is refused by the PROTECT foreign keys."""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from .models import ProcesVerbal
from .pages import ActPage


def _published(document):
    return (ActPage.objects.filter(document=document).exists()
            or ProcesVerbal.objects.filter(Q(document=document) | Q(complete_document=document)).exists())


@receiver(pre_save, sender=get_document_model())
def refuse_replacing_a_published_file(sender, instance, **kwargs):
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if stored is not None and stored != instance.file.name and _published(instance):
        raise PermissionDenied(_("The file of a published act cannot be replaced."))

