"""Who may see which document: Wagtail's collection view restrictions,
applied to querysets so that listings, detail pages, downloads (and later
search and the API) all answer the same way.

A restriction on a collection also covers its descendants, as in Wagtail's
own document serve view."""
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction


def passes(restriction, user, group_ids, passed_ids):
    """Wagtail's BaseViewRestriction.accept_request for a page or collection
    restriction, without a query per restriction (groups are prefetched)."""
    kind = restriction.restriction_type
    if kind == BaseViewRestriction.PASSWORD:
        return restriction.pk in passed_ids
    if kind == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if user.is_superuser:
        return True
    return bool(group_ids) and any(group.pk in group_ids for group in restriction.groups.all())


def failed_restriction_paths(restrictions, node_field, user, passed_ids=()):
    """Tree paths of the nodes (pages or collections, through `node_field`)
    whose view restriction `user` does not pass; everything below such a
    path is hidden too."""
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    restrictions = restrictions.select_related(node_field)
    if group_ids and not user.is_superuser:  # only then are the groups looked at
        restrictions = restrictions.prefetch_related("groups")
    return sorted(
        {
            getattr(r, node_field).path
            for r in restrictions
            if not passes(r, user, group_ids, set(passed_ids))
        }
    )


def hidden_collection_paths(user, passed_restriction_ids=()):
    """Tree paths of the collections whose content `user` may not see."""
    return failed_restriction_paths(
        CollectionViewRestriction.objects.all(), "collection", user, passed_restriction_ids
    )


def under_paths(paths):
    """A filter on tree nodes (collections, pages) at or below any of
    `paths`; empty, and false, for no path."""
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return under


def unrestricted_collections(queryset=None):
    """Collections with no view restriction on them or above them: the only
    ones where an image may be filed, since images are always public (and
    a private collection's name, « Espace · … », is itself private)."""
    if queryset is None:
        queryset = Collection.objects.all()
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    return queryset.exclude(under_paths(paths)) if paths else queryset


def collections_seen_by(user):
    """The collections whose content (and name) `user` may see, password
    restrictions counted as not passed."""
    paths = hidden_collection_paths(user)
    collections = Collection.objects.all()
    return collections.exclude(under_paths(paths)) if paths else collections


def _passed_ids(request):
    session = getattr(request, "session", None)
    if session is None:
        return ()
    return session.get(CollectionViewRestriction.passed_view_restrictions_session_key, ())


def hidden_collection_ids(request):
    """Ids of the collections (restricted ones and their descendants) whose
    documents the visitor may not see."""
    paths = hidden_collection_paths(request.user, _passed_ids(request))
    if not paths:
        return []
    return list(Collection.objects.filter(under_paths(paths)).values_list("pk", flat=True))


def visible_documents(request, queryset=None):
    """The documents `request.user` may see: those outside every collection
    restricted against them. A fixed number of queries, and a filter on the
    collection id alone, which the search backends can apply too."""
    if queryset is None:
        queryset = get_document_model().objects.all()
    hidden = hidden_collection_ids(request)
    return queryset.exclude(collection__in=hidden) if hidden else queryset


def is_private(document):
    return document.collection.get_view_restrictions().exists()
