"""Checking a file against a convocation's sealed manifest: whoever may
read a document of the meeting uploads a file and learns whether it is,
byte for byte, one of the documents that were sent (and whether the seal
holds). Only the documents the visitor may read are compared (the
library's rule, library.privacy): otherwise anyone could test whether a
file equals a members-only document. Public documents stay checkable by
anyone."""
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.documents import get_document_model

from library.privacy import visible_documents

from . import manifest
from .access import can_see_meeting
from .forms import CheckFileForm
from .models import Convocation


def readable_ids(request, convocation):
    """Ids of the convocation's documents the visitor may read."""
    ids = [doc["id"] for doc in manifest.documents_of(convocation)]
    documents = get_document_model().objects.filter(pk__in=ids)
    return set(visible_documents(request, documents).values_list("pk", flat=True))


def check_file(request, convocation_id):
    convocation = Convocation.objects.select_related("meeting__instance").filter(pk=convocation_id).first()
    if convocation is None or not can_see_meeting(request.user, convocation.meeting):
        raise Http404
    readable = readable_ids(request, convocation)
    if not readable:
        raise Http404
    form = CheckFileForm(request.POST or None, request.FILES or None)
    context = {"convocation": convocation, "meeting": convocation.meeting, "form": form,
               "sealed": manifest.is_sealed(convocation), "checked": False}
    if request.method == "POST" and form.is_valid():
        context.update(checked=True, match=manifest.file_matches(convocation, form.cleaned_data["file"], readable))
    return TemplateResponse(request, "meetings/check_file.html", context)
