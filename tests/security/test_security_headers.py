"""Every public page type carries the security headers, with a
Content-Security-Policy that allows no inline script or style, and sends
none; the Wagtail admin gets its own, relaxed, policy."""
import pytest

from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LibraryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    ThemePageFactory,
)
from tests.html import soup
from tests.participation.helpers import make_contest


@pytest.fixture
def public_urls(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    news_index = NewsIndexPageFactory(parent=home_page, slug="actualites")
    agenda = EventIndexPageFactory(parent=home_page, slug="agenda")
    contest = make_contest(home_page)
    pages = [
        home_page, StandardPageFactory(parent=home_page, title="Mentions légales"), news_index,
        NewsPageFactory(parent=news_index), agenda, EventPageFactory(parent=agenda),
        ThemePageFactory(parent=home_page), LibraryPageFactory(parent=home_page, slug="actes"), contest,
    ]
    return [page.url for page in pages] + [
        contest.url + "galerie/", "/actes/?type=deliberation", "/recherche/?q=budget", "/connexion/",
        "/page-qui-n-existe-pas/", "/sante/",
    ]


@pytest.fixture
def https(settings):
    """Production's transport settings; requests come over HTTPS."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split(" ", 1) + [""])[:2] for part in policy.split("; "))


def test_every_public_page_type_has_the_headers(client, public_urls, https):
    for url in public_urls:
        response = client.get(url, secure=True)
        assert response.status_code in (200, 404), url
        policy = directives(response)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", url
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'", url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_public_pages_hold_no_inline_script_or_style(client, public_urls):
    """What the policy forbids must not be there: it would silently break."""
    for url in public_urls:
        document = soup(client.get(url))
        inline_scripts = [s for s in document.find_all("script") if not s.get("src")
                          and s.get("type") not in ("application/json", "application/ld+json")]
        assert not inline_scripts, url
        assert not document.find_all("style"), url
        assert not document.find_all(style=True), url
        assert not document.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs)), url


def test_the_admin_has_its_own_policy(client, users):
    client.force_login(users["superuser"])
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"  # page previews are framed by the admin
