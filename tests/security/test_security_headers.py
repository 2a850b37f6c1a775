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


def inline_scripts(document):
    """Scripts the browser would run from the page itself (JSON data blocks
    are not run, so the policy does not concern them)."""
    return [script for script in document.find_all("script") if not script.get("src")
            and script.get("type") not in ("application/json", "application/ld+json")]


def test_every_public_page_type_has_the_headers(client, public_urls, https):
    for url in public_urls:
        response = client.get(url, secure=True)
        assert response.status_code in (200, 404), url
        policy = directives(response)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        # Our own origin and the admin's (the editors' user bar), nothing else.
        assert policy["script-src"] == policy["style-src"] == "'self' http://testserver", url
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
        assert not inline_scripts(document), url
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


def test_the_editors_user_bar_fits_the_public_policy(client, users, home_page):
    """Editors see Wagtail's user bar on public pages: its files come from
    origins the policy allows, and it has no inline script."""
    client.force_login(users["redaction"])
    response = client.get(home_page.url)
    document = soup(response)
    assert document.find(id="wagtail-userbar-template")
    allowed = directives(response)["script-src"].replace("'self'", "").split()
    sources = [tag["src"] for tag in document.find_all("script", src=True)]
    sources += [tag["href"] for tag in document.find_all("link", rel="stylesheet")]
    assert sources
    for source in sources:
        assert source.startswith("/") or any(source.startswith(origin + "/") for origin in allowed), source
    assert not inline_scripts(document)
