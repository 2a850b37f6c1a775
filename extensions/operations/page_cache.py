"""Anonymous page cache: a page served by Wagtail to a visitor who carries
no cookie is kept in the cache (Redis when REDIS_URL is set, local memory
otherwise) and served from it to the next anonymous visitor of the same
site and address.

What is never stored: anything for a signed-in user or a visitor with a
session or message cookie, a response that sets a cookie or holds a CSRF
token (every page with a form), a response marked private or no-store, any
status but 200, and anything that is not a Wagtail page (search, API,
documents, contest actions).

Freshness: each entry carries the generation tokens of its site and of the
whole instance at the time it was rendered. Publishing, unpublishing,
moving or deleting a page draws a new token for its site (moves and deletes
for every site); documents, images, site settings and contest entries that
listings show draw a new instance token. Tokens are random, so an evicted
token can never match an old entry again. PAGE_CACHE_SECONDS bounds what no
signal announces (an event becoming past, a contest opening); a response
with a shorter Cache-Control max-age is kept that long only."""
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

ALL_SITES = "all"
CACHEABLE_METHODS = {"GET", "HEAD"}
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Response headers worth keeping; Set-Cookie is never among them.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary", "Last-Modified")


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def generation_key(scope):
    return f"parvis:page-generation:{scope}"


def current_generations(site_id):
    """The tokens an entry of this site must match; missing ones are drawn
    now (cache.add: two processes drawing at once keep the same token)."""
    keys = [generation_key(ALL_SITES), generation_key(site_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
    return tuple(cache.get_many(keys).get(key) for key in keys)


def new_generation(scope):
    cache.set(generation_key(scope), uuid.uuid4().hex, None)


def entry_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return "parvis:page:" + hashlib.sha256(address.encode()).hexdigest()


def request_is_anonymous(request):
    """No signed-in user and no cookie but the CSRF one (a session or a
    message cookie may change what the page says)."""
    cookies = set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
    return request.method in CACHEABLE_METHODS and not cookies and not request.user.is_authenticated


def response_is_shareable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # get_token() (any {% csrf_token %}) raises this flag; the CSRF
    # middleware, outside this one, then sets the cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.user.is_authenticated:
        return False
    directives = {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & UNCACHEABLE_DIRECTIVES


def remember_cacheable_page(page, request, serve_args, serve_kwargs):
    """before_serve_page hook (wagtail_hooks.py): marks the request as a
    page the middleware may store, with its site's tokens. Pages with a view
    restriction are never marked, whatever they answer."""
    if enabled() and request_is_anonymous(request) and not page.get_view_restrictions().exists():
        site_id = page.get_site().pk
        # Tokens read before rendering: a publish made during it draws a
        # new token, so this entry is stale at its next lookup.
        request.page_cache_tokens = (site_id, current_generations(site_id))


def stored_response(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Place after AuthenticationMiddleware: it needs request.user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and request_is_anonymous(request)):
            return self.get_response(request)
        key = entry_key(request)
        entry = cache.get(key)
        if entry and entry["generations"] == current_generations(entry["site_id"]):
            return stored_response(entry)
        response = self.get_response(request)
        tokens = getattr(request, "page_cache_tokens", None)
        if tokens and response_is_shareable(request, response):
            self.store(key, tokens, response)
        return response

    @staticmethod
    def store(key, tokens, response):
        site_id, generations = tokens
        # A page may ask for less (Cache-Control max-age): live results
        # pages are kept seconds, whatever process flushes the cache.
        max_age = get_max_age(response)
        timeout = settings.PAGE_CACHE_SECONDS if max_age is None else min(max_age, settings.PAGE_CACHE_SECONDS)
        cache.set(key, {
            "site_id": site_id,
            "generations": generations,
            "content": response.content,
            "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
        }, timeout)
        response["X-Page-Cache"] = "miss"


def flush_site_of(page):
    site = page.get_site()
    new_generation(site.pk if site else ALL_SITES)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    flush_site_of(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    new_generation(ALL_SITES)  # it may have left one site for another


@receiver(post_delete)
def content_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or is_listed_content(sender):
        new_generation(ALL_SITES)


@receiver(post_save)
def content_saved(sender, instance, created=False, **kwargs):
    # A site setting is created with its defaults on its first read, while
    # a page renders: nothing changed for the visitor.
    if is_listed_content(sender) and not (created and issubclass(sender, BaseSiteSetting)):
        new_generation(ALL_SITES)


def is_listed_content(model):
    """Models whose changes public pages show without a page being
    published (settings.PAGE_CACHE_FLUSHED_BY, "app_label.ModelName")."""
    return model._meta.label in settings.PAGE_CACHE_FLUSHED_BY
