"""Template helpers for documents: keep private ones out of public pages."""
from django import template

from ..privacy import visible_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_only(context, documents):
    """The documents of a block or list that the visitor may see, in order:
    a public page must not leak a document of a private collection."""
    documents = [doc for doc in documents if doc is not None]
    if not documents:
        return []
    allowed = set(
        visible_documents(context["request"])
        .filter(pk__in=[doc.pk for doc in documents])
        .values_list("pk", flat=True)
    )
    return [doc for doc in documents if doc.pk in allowed]
