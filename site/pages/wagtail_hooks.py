"""Admin hooks of the editorial pages."""
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import chooser
from .models import HomePage


@hooks.register("before_create_page")
def forget_cached_page_permissions(request, parent_page, page_class):
    """A new child of a home page is a section, whose page permissions are
    granted while it is saved (roles.grant_new_section). Wagtail caches a
    user's page permissions for the request: without this, creating and
    publishing a section in one click would be refused."""
    if isinstance(parent_page, HomePage):
        for name in (PagePermissionPolicy.permission_cache_name,
                     PagePermissionPolicy._explorable_root_instance_cache_name):
            if hasattr(request.user, name):
                delattr(request.user, name)


@hooks.register("construct_page_chooser_queryset")
def only_choosable_pages(pages, request):
    """The page chooser lists a user's own pages and the pages the public
    site shows them, nothing else (pages.chooser; its views answer at
    Wagtail's chooser addresses, pages/admin_urls.py)."""
    return chooser.choosable_pages(request, pages)

