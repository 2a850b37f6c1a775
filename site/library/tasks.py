"""Background work of the library: extracting a document's text after an
upload or a file replacement (never inside the request)."""
import hashlib

from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from .extraction import ExtractionError, extract_text
from .models import ExtractionStatus


def run_extraction(document, ocr=False):
    """Extracts and stores the text of one document; a failure is stored
    with its reason, never raised. Returns the new status."""
    with document.file.open("rb") as fh:
        data = fh.read()
    file_hash = hashlib.sha1(data).hexdigest()
    fields = {"extracted_file_hash": file_hash, "extracted_at": timezone.now()}
    if not document.file_hash:
        fields["file_hash"] = file_hash
    try:
        fields.update(text=extract_text(data, document.file.name, ocr=ocr),
                      extraction_status=ExtractionStatus.DONE, extraction_error="")
    except ExtractionError as exc:
        fields.update(text="", extraction_status=ExtractionStatus.FAILED, extraction_error=str(exc)[:500])
    # update() rather than save(): saving would enqueue this task again.
    type(document).objects.filter(pk=document.pk).update(**fields)
    for name, value in fields.items():
        setattr(document, name, value)
    index.insert_or_update_object(document)
    return fields["extraction_status"]


@task()
def extract_document_text(document_id: int):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:  # deleted meanwhile: nothing to do
        return None
    return run_extraction(document)
