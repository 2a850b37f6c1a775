"""What every page of a site reads before its own content, cached per site
like the navigation (navigation.py: same version, raised by the same
changes, same SECONDS): the Site answering a host (one query of Wagtail's at
every request), with its home page in its specific form (one more, made by
the routing) and its picture, and the site's identity with its logo (two more, for the
theme, the header and the footer)."""
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from . import navigation

NO_SITE = "none"


def find_site(request):
    """Site.find_for_request(request), from the cache: stored where Wagtail
    looks for it first (request._wagtail_site)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = navigation.key(f"site:{hostname}:{request.get_port()}")
        site = cache.get(key)
        if site is None:
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
                getattr(site.root_page, "image", None)  # a home's picture, cached with it
            cache.set(navigation.key(f"site:{hostname}:{request.get_port()}"), site or NO_SITE, navigation.SECONDS)
        request._wagtail_site = None if site == NO_SITE else site
    return request._wagtail_site


def identity(model, request):
    """The SiteIdentity of the request's site with its logo, from the cache."""
    site = find_site(request)
    if site is None:
        return model.for_site(site)  # raises DoesNotExist, as Wagtail's
    found = cache.get(navigation.key(f"identity:{site.pk}"))
    if found is None:
        found = model.for_site(site)
        found.logo  # noqa: B018 - loaded now, to be cached with it
        # Keyed after building: for_site() may create the setting, whose
        # save raises the version.
        cache.set(navigation.key(f"identity:{site.pk}"), found, navigation.SECONDS)
    return found
