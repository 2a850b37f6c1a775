"""Keeps the three things a space stands on consistent with it: a Django
group holding exactly its members, a private collection for its documents
and a page in the tree, both restricted to that group.

provision() is idempotent: it creates what is missing, renames what was
renamed and puts back a view restriction that someone loosened."""
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction, Site

GROUP_PREFIX = "Espace · "  # keeps space groups apart from the roles (Élus, Agents...)
INDEX_SLUG = "espaces"
INDEX_TITLE = "Espaces"

_provisioning = ContextVar("commissions_provisioning", default=False)


@contextmanager
def provisioning():
    """Marks changes made here, so that the signal receivers that repair
    spaces or mirror group membership do not react to them."""
    token = _provisioning.set(True)
    try:
        yield
    finally:
        _provisioning.reset(token)


def is_provisioning():
    return _provisioning.get()


def group_name(space):
    return f"{GROUP_PREFIX}{space.name}"


def provision(space):
    """Creates or repairs the group, collection and page of `space`."""
    from .models import Space

    with transaction.atomic(), provisioning():
        group = _ensure_group(space)
        collection = _ensure_collection(space)
        page = _ensure_page(space)
        _restrict(CollectionViewRestriction, {"collection": collection}, group)
        _restrict(PageViewRestriction, {"page": page}, group)
        group.user_set.set(space.memberships.values_list("user", flat=True))
        Space.objects.filter(pk=space.pk).update(group=group, collection=collection, page=page)
        space.group, space.collection, space.page = group, collection, page


def _ensure_group(space):
    group = space.group
    if group is None:
        group, _created = Group.objects.get_or_create(name=group_name(space))
    elif group.name != group_name(space):
        group.name = group_name(space)
        group.save(update_fields=["name"])
    return group


def _ensure_collection(space):
    collection = space.collection
    if collection is None:
        return Collection.get_first_root_node().add_child(name=space.name)
    if collection.name != space.name:
        collection.name = space.name
        collection.save(update_fields=["name"])
    return collection


def _ensure_page(space):
    from .pages import SpacePage

    page = space.page
    if page is None:
        index = space_index()
        page = SpacePage(title=space.name, slug=find_available_slug(index, _slug(space.name)))
        index.add_child(instance=page)
        page.save_revision(log_action=False).publish(log_action=False)
    elif page.title != space.name:
        # The slug stays: links already sent by e-mail must keep working.
        page.title = space.name
        page.save_revision(log_action=False).publish(log_action=False)
    return page


def _slug(name):
    from django.utils.text import slugify

    return slugify(name)[:200] or "espace"


def space_index():
    """The page under which spaces live (/espaces/ of the default site),
    created on first use with a sign-in restriction: it never appears in
    menus or the sitemap for visitors."""
    from .pages import SpaceIndexPage

    index = SpaceIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    parent = site.root_page
    index = SpaceIndexPage(title=INDEX_TITLE, slug=find_available_slug(parent, INDEX_SLUG))
    parent.add_child(instance=index)
    index.save_revision(log_action=False).publish(log_action=False)
    PageViewRestriction.objects.create(page=index, restriction_type=BaseViewRestriction.LOGIN)
    return index


def _restrict(restriction_model, target, group):
    """Exactly one restriction on `target`: visible to `group` only."""
    restrictions = list(restriction_model.objects.filter(**target).prefetch_related("groups"))
    kept = next((r for r in restrictions if r.restriction_type == BaseViewRestriction.GROUPS), None)
    for restriction in restrictions:
        if restriction is not kept:
            restriction.delete()
    if kept is None:
        kept = restriction_model.objects.create(restriction_type=BaseViewRestriction.GROUPS, **target)
    if [g.pk for g in kept.groups.all()] != [group.pk]:
        kept.groups.set([group])


def repair_spaces(**filters):
    """Provisions again the spaces matching `filters` (all if none): used
    after something they rely on was deleted or loosened."""
    from .models import Space

    for space in Space.objects.filter(**filters).select_related("group", "collection", "page"):
        provision(space)
