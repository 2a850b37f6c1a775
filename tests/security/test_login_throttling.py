"""Password guessing is throttled on every path that checks a password,
found by walking the project's URL patterns rather than listed by hand: the
sign-in views (ours, the admin's, Wagtail's /_util/login/, any LoginView
added later) through django-axes at the authentication layer, and
Wagtail's password forms of pages and documents. After the configured
failures, whatever the spelling of the account (another case, its e-mail
address), the path answers 429 with a French page and refuses even the
right password until the cool-off has passed."""
import functools
import inspect
import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.urls import URLResolver, get_resolver, resolve
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_views
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import PASSWORD
from tests.html import visible_text

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"
# The spellings of one account that a guesser may rotate.
SPELLINGS = ["elu", "ELU", "elu@parvis.localhost", "Elu@Parvis.Localhost", "  elu "]
PAGE_PASSWORD = "mot-de-passe-de-la-page"
PAGE_PASSWORD_ROUTE = "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/"
# What the enumeration must find at least.
KNOWN = {
    "admin/login/",
    "connexion/",
    "_util/login/",
    PAGE_PASSWORD_ROUTE,
    "documents/authenticate_with_password/<int:restriction_id>/",
}
CHECKS_A_PASSWORD = re.compile(r"\b(?:auth_)?(?:authenticate|login|mark_as_passed)\(")


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry.callback


@functools.cache
def source_checks_a_password(code):
    try:
        return bool(CHECKS_A_PASSWORD.search(inspect.getsource(code)))
    except (OSError, TypeError):  # built-ins, generated code
        return False


def view_code(callback):
    """The view's class, or its function under any decorator."""
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or inspect.unwrap(callback)


def authenticates(callback):
    code = view_code(callback)
    if inspect.isclass(code):
        return issubclass(code, LoginView) or any(source_checks_a_password(k) for k in code.__mro__[:-1])
    return source_checks_a_password(code)


@functools.cache
def authenticating_routes(urlconf=None):
    """{route: view} of every URL pattern whose view checks a password."""
    return {route: callback for route, callback in walk(get_resolver(urlconf).url_patterns) if authenticates(callback)}


@pytest.fixture
def elu(users):
    user = users["elu"]
    user.is_staff = True  # may also sign in to the admin
    user.save()
    return user


@pytest.fixture
def restricted(home_page):
    """A page and a collection of documents behind a shared password."""
    page = home_page.add_child(instance=type(home_page)(title="Réservé", slug="reserve"))
    page_restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD)
    collection = Collection.get_first_root_node().add_child(name="Dossier protégé")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=PAGE_PASSWORD)
    return {"page_view_restriction_id": page_restriction.pk, "page_id": page.pk,
            "restriction_id": collection_restriction.pk}


def concrete(route, values):
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def sign_in(client, url, username, password, address=ADDRESS):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


def give_password(client, url, password, address=ADDRESS):
    return client.post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=address)


def passed_a_restriction(client):
    return any(key.startswith("passed_") and value for key, value in client.session.items())


def not_a_password_check(callback):
    """Why a view that logs someone in checks no password, or None."""
    code = view_code(callback)
    if inspect.isclass(code) and issubclass(code, PasswordResetConfirmView):
        return "checks a one-time token sent by e-mail, then a new password is chosen"
    return None


def driver(callback):
    """(attempt(client, url, password, spelling), succeeded(client)) for the view."""
    code = view_code(callback)
    if inspect.isclass(code) and issubclass(code, LoginView):
        return (lambda client, url, password, spelling, address: sign_in(client, url, spelling, password, address),
                signed_in)
    if code in (wagtail_views.authenticate_with_password, wagtaildocs_views.authenticate_with_password):
        return (lambda client, url, password, spelling, address: give_password(client, url, password, address),
                passed_a_restriction)
    return None


def assert_locked_after_failures(client, url, callback, address=ADDRESS):
    attempt, succeeded = driver(callback)
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, url, "devinette", SPELLINGS[number % len(SPELLINGS)], address)
        assert response.status_code == 200, f"{url}: failure {number + 1} should show the form again"
    last = attempt(client, url, "devinette", SPELLINGS[-1], address)
    assert last.status_code == 429, f"{url}: the last failure locks"
    for spelling in SPELLINGS:
        response = attempt(client, url, PASSWORD if "password" not in url else PAGE_PASSWORD, spelling, address)
        assert response.status_code == 429, f"{url} is not throttled (spelling {spelling!r})"
        assert not succeeded(client), f"{url}: the right password got through the lock"
    assert response["Retry-After"] == "900"
    text = visible_text(response)
    assert "Trop de tentatives" in text and "Réessayez dans 15 minutes." in text


def test_the_enumeration_finds_every_known_path():
    assert KNOWN <= set(authenticating_routes())


def test_every_path_that_checks_a_password_is_throttled(client, elu, restricted):
    found = authenticating_routes()
    urls = {}
    for route, callback in found.items():
        if not_a_password_check(callback):
            continue
        assert driver(callback) is not None, f"{route} checks a password: throttle it and teach this test to try it"
        url = concrete(route, restricted)
        urls.setdefault(url, resolve(url).func)  # a shadowed Wagtail pattern resolves to its throttled twin
    # Each from its own address: a lock is per account, whatever the path.
    for number, (url, callback) in enumerate(sorted(urls.items())):
        client.logout()
        assert_locked_after_failures(client, url, callback, address=f"203.0.113.{number + 10}")


def test_failures_on_one_sign_in_path_lock_the_others(client, elu):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/_util/login/", "ELU", "devinette")
    for url in ("/connexion/", "/admin/login/", "/_util/login/"):
        assert sign_in(client, url, "elu@parvis.localhost", PASSWORD).status_code == 429
    assert not signed_in(client)


@pytest.mark.urls("tests.security.new_login_urls")
def test_a_login_view_added_later_is_found_and_throttled(client, elu):
    found = authenticating_routes("tests.security.new_login_urls")
    assert "nouvelle-connexion/" in found
    assert_locked_after_failures(client, "/nouvelle-connexion/", found["nouvelle-connexion/"])


@pytest.mark.parametrize("url", ["/connexion/", "/admin/login/", "/_util/login/"])
def test_another_address_is_not_locked(client, elu, url):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "elu", "devinette")
    assert sign_in(client, url, "elu", PASSWORD, address="198.51.100.20").status_code == 302
    assert client.session["_auth_user_id"] == str(elu.pk)


def test_another_account_from_the_same_address_is_not_locked(client, elu, users):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/connexion/", "elu", "devinette")
    assert sign_in(client, "/connexion/", "agent", PASSWORD).status_code == 302


def test_a_success_clears_the_failures(client, elu):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "/connexion/", "ELU", "devinette")
    assert sign_in(client, "/connexion/", "elu", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "/connexion/", "elu@parvis.localhost", "devinette")
    assert sign_in(client, "/connexion/", "elu", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, elu, restricted, monkeypatch):
    page_url = concrete(PAGE_PASSWORD_ROUTE, restricted)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/connexion/", "elu", "devinette")
        give_password(client, page_url, "devinette")
    assert sign_in(client, "/connexion/", "elu", PASSWORD).status_code == 429
    assert give_password(client, page_url, PAGE_PASSWORD).status_code == 429
    # The cool-off passes: axes' attempt is older, the cache's window over.
    later = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - later)
    clock = time.time() + later.total_seconds()
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: clock)
    assert sign_in(client, "/connexion/", "elu", PASSWORD).status_code == 302
    assert give_password(client, page_url, PAGE_PASSWORD).status_code == 302


def test_a_page_password_lock_is_per_restriction_whatever_the_page_named(client, restricted, home_page):
    url = concrete(PAGE_PASSWORD_ROUTE, restricted)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        give_password(client, url, "devinette")
    other_page = url.replace(f"/{restricted['page_id']}/", f"/{home_page.pk}/")
    assert give_password(client, other_page, PAGE_PASSWORD).status_code == 429
    assert give_password(client, url, PAGE_PASSWORD, address="198.51.100.20").status_code == 302


def test_the_address_behind_a_proxy_comes_from_the_configured_header(client, elu, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/connexion/", {"username": "elu", "password": "x"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    # Another visitor behind the same proxy is not locked.
    other = client.post("/connexion/", {"username": "elu", "password": PASSWORD},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.55")
    assert other.status_code == 302
