"""The roles of ARCHITECTURE.md as Django groups, with their Wagtail
permissions. Kept in step after every migrate (idempotent)."""
from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes

REDACTION = "Rédaction"
AGENTS = "Agents"
ELUS = "Élus"

# Staff manage documents in this collection (and below it), never from the
# root: a permission on the root would reach every private space's
# collection in the admin. Images are public by nature: theirs stay on the
# root.
PUBLIC_COLLECTION = "Documents publics"

# Group -> (global permissions, page permissions on the root, document
# permissions on the public collection, image permissions on the root).
ROLES = {
    REDACTION: (
        [
            "wagtailadmin.access_admin",
            "pages.change_siteidentity",
            "pages.change_navigation",
            "library.add_theme",
            "library.change_theme",
            "wagtailsearchpromotions.add_query",
        ],
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        ["add_document", "change_document", "choose_document", "delete_document"],
        ["add_image", "change_image", "choose_image", "delete_image"],
    ),
    AGENTS: (
        ["wagtailadmin.access_admin"],
        ["add_page", "change_page"],
        ["add_document", "change_document", "choose_document"],
        ["add_image", "choose_image"],
    ),
    ELUS: ([], [], [], []),
}
DOCUMENT_CODENAMES = {"add_document", "change_document", "choose_document", "delete_document"}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _codename_permission(codename):
    return Permission.objects.filter(codename=codename).first()


def ensure_roles(**kwargs):
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # post_migrate reaches this app before later apps have their permissions:
    # create them all now (both calls are idempotent).
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    public = public_collection() if root_collection else None
    for name, (global_perms, page_perms, document_perms, image_perms) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*filter(None, map(_permission, global_perms)))
        _grant(GroupPagePermission, group, "page", root_page, page_perms)
        _grant(GroupCollectionPermission, group, "collection", public, document_perms)
        _grant(GroupCollectionPermission, group, "collection", root_collection, image_perms)
        # Earlier versions granted documents on the root: take that back.
        GroupCollectionPermission.objects.filter(
            group=group, collection=root_collection, permission__codename__in=DOCUMENT_CODENAMES
        ).delete()


def _grant(model, group, node_field, node, codenames):
    if node is None:
        return
    for codename in codenames:
        model.objects.get_or_create(group=group, **{node_field: node}, permission=_codename_permission(codename))


def public_collection():
    """The collection of public documents that staff manage."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    return root.get_children().filter(name=PUBLIC_COLLECTION).first() or root.add_child(name=PUBLIC_COLLECTION)
