"""PDF reading copies of the ODT and DOCX documents of ordres du jour, for
members who read their convocation on a phone (core.office_pdf converts).

A document saved with a new file into the meetings' collections (« Documents
des séances » and below: where agents upload) is converted by a background
task queued after the commit — at upload, never in the request of a member
who opens the convocation. The PDF is a library document in the original's
collection, so the collection's restriction decides who reads it, exactly
as for the original; when the original moves (documents.release, or an
agent), its copy moves in the same save. The original stays downloadable;
either download records the member's receipt of the original."""
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core.office_pdf import CONVERTIBLE, MAX_FILE_BYTES, ConversionError, to_pdf

from .models import ReadingCopy
from .roles import MEETING_DOCUMENTS

logger = logging.getLogger(__name__)


def convertible(document):
    """An ODT or DOCX file in the meetings' collections."""
    if document.file_extension.lower() not in CONVERTIBLE:
        return False
    parent = Collection.objects.filter(depth=2, name=MEETING_DOCUMENTS).first()
    collection = document.collection
    return parent is not None and collection.path.startswith(parent.path)


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    copy = ReadingCopy.objects.filter(original=instance, pdf__isnull=False).select_related("pdf").first()
    if copy is not None and copy.pdf.collection_id != instance.collection_id:
        copy.pdf.collection_id = instance.collection_id
        copy.pdf.save(update_fields=["collection"])  # save(): the search index holds the collection too
    if update_fields == frozenset({"collection"}) or not convertible(instance):
        return
    if copy is None or copy.source_sha1 != instance.file_hash:
        transaction.on_commit(lambda: make_reading_copy.enqueue(instance.pk))


@receiver(post_delete, sender=ReadingCopy)
def copy_deleted(sender, instance, **kwargs):
    """The original is gone: its copy goes too (left alone it would stay
    readable in the collection)."""
    if instance.pdf_id:
        get_document_model().objects.filter(pk=instance.pdf_id).delete()


def _replace_pdf(copy, original, pdf_bytes, file_hash):
    Document = get_document_model()
    old = copy.pdf
    name = f"{PurePosixPath(original.filename).stem[:80]}.pdf"
    title = _("%(title)s (PDF to read)") % {"title": original.title}
    pdf = Document(title=title[:255],
                   collection_id=original.collection_id, uploaded_by_user=original.uploaded_by_user,
                   file=ContentFile(pdf_bytes, name=name))
    pdf._set_document_file_metadata()
    pdf.save()
    ReadingCopy.objects.filter(pk=copy.pk).update(pdf=pdf, source_sha1=file_hash, error="")
    if old is not None:
        old.delete()


@task()
def make_reading_copy(document_id: int):
    """Converts the document if its file changed since its copy was made;
    a file that cannot be converted keeps its reason (French) and no copy."""
    original = get_document_model().objects.filter(pk=document_id).first()
    if original is None or not convertible(original):
        return False
    copy, _created = ReadingCopy.objects.select_related("pdf").get_or_create(original=original)
    file_hash = original.get_file_hash()
    if copy.source_sha1 == file_hash and (copy.pdf_id or copy.error):
        return bool(copy.pdf_id)
    try:
        if original.file.size > MAX_FILE_BYTES:
            raise ConversionError(_("The file is too large to be converted to PDF."))
        with original.open_file() as fh:
            data = fh.read()
        pdf_bytes = to_pdf(data, original.file_extension, original.title)
    except ConversionError as error:
        logger.warning("Document %s not converted to PDF: %s", original.pk, error)
        ReadingCopy.objects.filter(pk=copy.pk).update(source_sha1=file_hash, error=str(error)[:300])
        if copy.pdf is not None:
            copy.pdf.delete()
        return False
    _replace_pdf(copy, original, pdf_bytes, file_hash)
    return True


def copies_of(document_ids):
    """{original id: PDF document} of the documents that have a copy."""
    return {copy.original_id: copy.pdf for copy in
            ReadingCopy.objects.filter(original__in=document_ids, pdf__isnull=False).select_related("pdf")}
