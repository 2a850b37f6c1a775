"""Which pages a visitor may see: Wagtail's page view restrictions, turned
into tree paths once per request so that menus, listings and (later) search
filter pages without a query per page."""
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from wagtail.models import PageViewRestriction, Site

from library.privacy import failed_restriction_paths


def hidden_page_paths(request):
    """Tree paths of the pages restricted against this visitor (cached on the
    request: two queries, three when signed in)."""
    if not hasattr(request, "_hidden_page_paths"):
        user = getattr(request, "user", None) or AnonymousUser()
        session = getattr(request, "session", None) or {}
        passed = session.get(PageViewRestriction.passed_view_restrictions_session_key, ())
        request._hidden_page_paths = failed_restriction_paths(
            PageViewRestriction.objects.all(), "page", user, passed
        )
    return request._hidden_page_paths


def is_page_visible(page, request):
    return page is not None and page.live and not any(
        page.path.startswith(path) for path in hidden_page_paths(request)
    )


def visible_pages(request, queryset):
    """Live pages of `queryset` that the visitor may see."""
    hidden = Q()
    for path in hidden_page_paths(request):
        hidden |= Q(path__startswith=path)
    queryset = queryset.live()
    return queryset.exclude(hidden) if hidden else queryset


def visible_site_pages(request, queryset):
    """Live pages of `queryset` on the requested site (its root included)
    that the visitor may see: what search and the API list."""
    site = Site.find_for_request(request)
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return visible_pages(request, queryset)
