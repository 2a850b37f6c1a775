"""Downloading a document: Wagtail's serve view, behind a check that answers
404 alike for a document that does not exist and one the visitor may not see,
so private ids cannot be guessed."""
from django.http import Http404
from wagtail.documents.views.serve import serve

from .privacy import visible_documents


def serve_document(request, document_id, document_filename):
    if not visible_documents(request).filter(pk=document_id).exists():
        raise Http404("Document introuvable.")
    return serve(request, document_id, document_filename)
