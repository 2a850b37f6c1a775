"""The main menu and footer links of each site, cached: built from the
Navigation setting and the pages it links to once per site (5 queries on
every page before), kept until a page is published, unpublished, moved or
deleted, a site or its Navigation changes (a version number in the cache
that every change raises), or SECONDS pass (a local-memory cache is per
process: another worker's entry lives until then). Who may see a link is still decided per request, from
the page paths restricted against the visitor."""
import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .privacy import hidden_page_paths
from .site_settings import Navigation, SiteIdentity

VERSION_KEY = "parvis:navigation:version"
SECONDS = 300

logger = logging.getLogger(__name__)


def _version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def key(name):
    """A cache key that the next change of any site's pages or settings
    makes obsolete."""
    return f"parvis:navigation:{_version()}:{name}"


def cached(name, build):
    """build(), kept in the cache under key(name) for SECONDS. Keyed after
    building: a first build may create a setting, whose save raises the
    version. The cache only saves work: when its server fails (any error
    its client raises), this is built without it, and the health check
    (/sante/) answers 503 rather than the theme's lookup a 500."""
    try:
        found = cache.get(key(name))
    except Exception:  # noqa: BLE001 - each cache client raises its own errors
        logger.warning("Cache unavailable: %s built without it", name, exc_info=True)
        return build()
    if found is None:
        found = build()
        try:
            cache.set(key(name), found, SECONDS)
        except Exception:  # noqa: BLE001 - as above
            logger.warning("Cache unavailable: %s not kept", name, exc_info=True)
    return found


def forget(**kwargs):
    """Every site's cached navigation is out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not cached yet: nothing to forget
        pass
    except Exception:  # noqa: BLE001 - a failing cache server holds nothing to forget either
        logger.warning("Cache unavailable: the navigation's version not raised", exc_info=True)


def _entries(request, site, field_name):
    """(label, url, path) of the live pages the field links to."""
    navigation = Navigation.for_site(site)
    entries = []
    for block in getattr(navigation, field_name):
        page = block.value["page"]
        url = page.get_url(request) if page is not None and page.live else None
        if url:
            entries.append((block.value["label"] or page.title, url, page.path))
    return entries


def links(request, field_name, current_state):
    """The visible links of a Navigation field: label, url and aria-current."""
    site = Site.find_for_request(request)
    if site is None:  # no Wagtail site answers this host
        return []
    entries = cached(f"{site.pk}:{field_name}", lambda: _entries(request, site, field_name))
    hidden = hidden_page_paths(request)
    return [
        {"label": label, "url": url, "current": current_state(url, request.path)}
        for label, url, path in entries
        if not any(path.startswith(prefix) for prefix in hidden)
    ]


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(forget, dispatch_uid=f"pages.navigation.{signal}")
post_delete.connect(forget, sender=Page, dispatch_uid="pages.navigation.delete")
post_save.connect(forget, sender=Navigation, dispatch_uid="pages.navigation.settings")
post_save.connect(forget, sender=SiteIdentity, dispatch_uid="pages.navigation.identity")
for model in (Site, get_image_model()):  # a site's host and home, a logo
    post_save.connect(forget, sender=model, dispatch_uid=f"pages.navigation.save.{model._meta.label}")
    post_delete.connect(forget, sender=model, dispatch_uid=f"pages.navigation.delete.{model._meta.label}")
