"""The roles of ARCHITECTURE.md as Django groups, with their Wagtail
permissions. Kept in step after every migrate (idempotent).

Page permissions are granted per section, never on the root nor on a home
page: a Wagtail page permission reaches every page below, and the meetings
(whose publication sends a convocation) and the private spaces live beside
the editorial pages. A section is a child of a site's home page; its page
type says which role edits it (`section_editors`: a group name, or None
for sections that only code and administrators change), the Rédaction
otherwise. Sections created later get their role when they are created
(`grant_new_section`), moved ones on the move. The home pages themselves
are edited by the holders of `pages.change_homepage` (the Rédaction),
which reaches no page below them (models.HomePagePermissionTester)."""
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

# Group -> (global permissions, page permissions on its sections, document
# permissions on the public collection, image permissions on the root).
ROLES = {
    REDACTION: (
        [
            "wagtailadmin.access_admin",
            # The home pages themselves (models.HomePagePermissionTester).
            "pages.change_homepage",
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
        # Agents are the secretariat of the assemblies: they prepare and
        # publish the meetings (the section types that name them).
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
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
    from wagtail.models import Collection, GroupCollectionPermission

    # post_migrate reaches this app before later apps have their permissions:
    # create them all now (both calls are idempotent).
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    root_collection = Collection.get_first_root_node()
    public = public_collection() if root_collection else None
    for name, (global_perms, _page_perms, document_perms, image_perms) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*filter(None, map(_permission, global_perms)))
        _grant(GroupCollectionPermission, group, "collection", public, document_perms)
        _grant(GroupCollectionPermission, group, "collection", root_collection, image_perms)
        # Earlier versions granted documents on the root: take that back.
        GroupCollectionPermission.objects.filter(
            group=group, collection=root_collection, permission__codename__in=DOCUMENT_CODENAMES
        ).delete()
    ensure_sections()


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


# Sections


def section_editors(page):
    """The role that edits the section `page`, a page or a page type
    (None: no role does)."""
    model = page if isinstance(page, type) else page.specific_class
    return getattr(model, "section_editors", REDACTION)


def sections():
    """The children of every home page."""
    from wagtail.models import Page

    from .models import HomePage

    for home in Page.objects.type(HomePage):
        yield from home.get_children()


def ensure_sections():
    """Each role's page permissions on exactly the sections it edits; none
    above them (earlier versions granted them on the root)."""
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.filter(group__name__in=ROLES, page__depth__lte=2).delete()
    for section in sections():
        grant_section(section)


def grant_section(section):
    """Gives `section` to its role and takes it from the others."""
    from wagtail.models import GroupPagePermission

    editors = section_editors(section)
    for name, (_global, page_perms, _documents, _images) in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if name == editors:
            _grant(GroupPagePermission, group, "page", section, page_perms)
            GroupPagePermission.objects.filter(group=group, page=section).exclude(
                permission__codename__in=page_perms).delete()
        else:
            GroupPagePermission.objects.filter(group=group, page=section).delete()


def grant_new_section(sender, instance, created, raw=False, **kwargs):
    """post_save of every page: a new child of a home page is a section."""
    from wagtail.models import Page

    from .models import HomePage

    if created and not raw and isinstance(instance, Page) and instance.depth > 2:
        if issubclass(instance.get_parent().specific_class or Page, HomePage):
            grant_section(instance)


def regrant_moved_sections(sender, parent_page_before, parent_page_after, **kwargs):
    """post_page_move: a page moved into or out of a home page changes the
    sections."""
    from .models import HomePage

    if any(issubclass(parent.specific_class or object, HomePage) for parent in (parent_page_before, parent_page_after)):
        ensure_sections()
