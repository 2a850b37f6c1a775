"""Which pages a visitor may see: Wagtail's page view restrictions, turned
into tree paths once per request so that menus, listings and search filter
pages without a query per page, and without reading the restrictions again
for each listing (Wagtail's PageQuerySet.public() reads them at every call)."""
from django.contrib.auth.models import AnonymousUser
from django.db.models import F, prefetch_related_objects
from wagtail.models import BaseViewRestriction, PageViewRestriction, Site

from library.privacy import passes, under_paths


def page_restrictions(request):
    """Every page view restriction, with its page's path as `page_path`:
    one query per request, and one more for the groups when signed in
    (a signed-out visitor passes no group restriction)."""
    if not hasattr(request, "_page_restrictions"):
        restrictions = list(PageViewRestriction.objects.annotate(page_path=F("page__path")).order_by())
        user = _user(request)
        if user.is_authenticated and not user.is_superuser:
            prefetch_related_objects(restrictions, "groups")
        request._page_restrictions = restrictions
    return request._page_restrictions


def _user(request):
    return getattr(request, "user", None) or AnonymousUser()


def _passes(restriction, user, group_ids, passed_ids):
    if restriction.restriction_type == BaseViewRestriction.GROUPS and not user.is_authenticated:
        return False
    return passes(restriction, user, group_ids, passed_ids)


def hidden_page_paths(request):
    """Tree paths of the pages restricted against this visitor (cached on the
    request)."""
    if not hasattr(request, "_hidden_page_paths"):
        user = _user(request)
        session = getattr(request, "session", None) or {}
        passed = set(session.get(PageViewRestriction.passed_view_restrictions_session_key, ()))
        group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
        request._hidden_page_paths = sorted({
            restriction.page_path for restriction in page_restrictions(request)
            if not _passes(restriction, user, group_ids, passed)
        })
    return request._hidden_page_paths


def public_pages(request, queryset):
    """Live pages of `queryset` behind no view restriction at all, whoever
    asks (Wagtail's .live().public(), from the request's one read of the
    restrictions): what a page shared by every visitor lists."""
    under = under_paths({restriction.page_path for restriction in page_restrictions(request)})
    queryset = queryset.live()
    return queryset.exclude(under) if under else queryset


def is_page_visible(page, request):
    return page is not None and page.live and not any(
        page.path.startswith(path) for path in hidden_page_paths(request)
    )


def visible_pages(request, queryset):
    """Live pages of `queryset` that the visitor may see."""
    hidden = under_paths(hidden_page_paths(request))
    queryset = queryset.live()
    return queryset.exclude(hidden) if hidden else queryset


def visible_site_pages(request, queryset):
    """Live pages of `queryset` on the requested site (its root included)
    that the visitor may see: what search and the API list."""
    site = Site.find_for_request(request)
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return visible_pages(request, queryset)
