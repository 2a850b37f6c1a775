"""What every page of a site reads before its own content, cached per site
like the navigation (navigation.py: same version, raised by the same
changes, same SECONDS): the Site answering a host (one query of Wagtail's at
every request), with its home page in its specific form (one more, made by
the routing) and its picture, and the site's identity with its logo (two more, for the
theme, the header and the footer)."""
from django.http.request import split_domain_port
from wagtail.models import Site

from . import navigation

NO_SITE = "none"


def find_site(request):
    """Site.find_for_request(request), from the cache: stored where Wagtail
    looks for it first (request._wagtail_site)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        site = navigation.cached(f"site:{hostname}:{request.get_port()}", lambda: _site(request))
        request._wagtail_site = None if site == NO_SITE else site
    return request._wagtail_site


def _site(request):
    site = Site._find_for_request(request)
    if site is None:
        return NO_SITE
    site.root_page = site.root_page.specific
    getattr(site.root_page, "image", None)  # a home's picture, cached with it
    return site


def identity(model, request):
    """The SiteIdentity of the request's site with its logo, from the cache."""
    site = find_site(request)
    if site is None:
        return model.for_site(site)  # raises DoesNotExist, as Wagtail's
    return navigation.cached(f"identity:{site.pk}", lambda: _identity(model, site))


def _identity(model, site):
    found = model.for_site(site)
    found.logo  # noqa: B018 - loaded now, to be cached with it
    return found


def first_live(model, request):
    """The first live page of `model` (a library, an agenda…) on the
    request's site, or None, from the cache."""
    site = find_site(request)
    name = f"first:{model._meta.label_lower}:{site.pk if site else NO_SITE}"
    found = navigation.cached(name, lambda: _first_live(model, site) or NO_SITE)
    return None if found == NO_SITE else found


def _first_live(model, site):
    pages = model.objects.live()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.first()
