"""Login throttling against password guessing, for every login form (the
front end's /connexion/ and the Wagtail admin's): authentication failures
are counted in the cache per (username, address) and per address; past the
limit, the login form answers 429 with a French message without checking
the password, until the window has passed.

Per (username, address) rather than per username alone: a stranger cannot
lock an élu out of their account by failing on purpose from elsewhere.
The per-address limit, higher, stops one address from trying many
usernames. The address is the connection's, or the header named by
CLIENT_IP_HEADER behind a proxy that sets it (nginx: X-Real-IP)."""
import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.urls import reverse


def client_address(request):
    """The first address of CLIENT_IP_HEADER (set by our proxy), else the
    connection's; the same rule as the contests' rate limits."""
    header = request.META.get(settings.CLIENT_IP_HEADER, "") if settings.CLIENT_IP_HEADER else ""
    return header.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def counter_keys(request, username):
    """(per-user key, per-address key); hashed: a username may hold
    characters a cache key may not."""
    address = client_address(request)
    pair = hashlib.sha256(f"{username.strip().lower()}\n{address}".encode()).hexdigest()
    return f"parvis:login-failures:pair:{pair}", f"parvis:login-failures:ip:{hashlib.sha256(address.encode()).hexdigest()}"


def is_throttled(request, username):
    pair_key, ip_key = counter_keys(request, username)
    counts = cache.get_many([pair_key, ip_key])
    limits = settings.LOGIN_THROTTLE
    return counts.get(pair_key, 0) >= limits["per_user"] or counts.get(ip_key, 0) >= limits["per_address"]


def count_failure(request, username):
    for key in counter_keys(request, username):
        # add() starts the window at the first failure; incr() does not
        # extend it, so the lock lifts WINDOW seconds after that failure.
        if not cache.add(key, 1, settings.LOGIN_THROTTLE["window"]):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, settings.LOGIN_THROTTLE["window"])


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        count_failure(request, credentials.get("username", ""))


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(counter_keys(request, user.get_username())[0])


def login_paths():
    return {reverse(name) for name in settings.LOGIN_THROTTLE["views"]}


class LoginThrottleMiddleware:
    """Refuses a login POST while its username or address is throttled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in login_paths():
            if is_throttled(request, request.POST.get("username", "")):
                return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        minutes = settings.LOGIN_THROTTLE["window"] // 60
        response = TemplateResponse(request, "operations/too_many_attempts.html", {"minutes": minutes}, status=429)
        response["Retry-After"] = str(settings.LOGIN_THROTTLE["window"])
        return response.render()  # a middleware's response is not rendered for it
