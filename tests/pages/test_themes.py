"""Each Wagtail Site is drawn with the theme its SiteIdentity names, and the
template cache never serves one site's theme to the other."""
import pytest

from pages.models import SiteIdentity
from tests.factories import StandardPageFactory, install_home_page
from tests.html import stylesheets, visible_text

INTERCO = "interco.localhost"


@pytest.fixture
def two_sites(db):
    commune = install_home_page(title="Saint-Parvis", slug="saint-parvis", theme="commune")
    interco = install_home_page(hostname=INTERCO, title="Communauté du Parvis", slug="cc-parvis", theme="interco")
    StandardPageFactory(parent=commune, title="Conseil municipal", slug="conseil")
    StandardPageFactory(parent=interco, title="Conseil communautaire", slug="conseil")
    return commune, interco


def themed_get(client, host, path="/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path)
    return response


def assert_commune(response):
    sheets = stylesheets(response)
    assert any(href.startswith("/static/commune/") for href in sheets), sheets
    assert not any(href.startswith("/static/interco/") for href in sheets), sheets


def assert_interco(response):
    """The interco theme may build on the commune's styles, but must add its own."""
    sheets = stylesheets(response)
    assert any(href.startswith("/static/interco/") for href in sheets), sheets


def test_each_site_links_its_own_theme_stylesheet(client, two_sites):
    assert_commune(themed_get(client, "localhost"))
    assert_interco(themed_get(client, INTERCO))


def test_each_site_shows_its_own_pages(client, two_sites):
    assert "Conseil municipal" in visible_text(themed_get(client, "localhost", "/conseil/"))
    assert "Conseil communautaire" in visible_text(themed_get(client, INTERCO, "/conseil/"))


@pytest.mark.parametrize("path", ["/", "/conseil/"])
def test_template_cache_does_not_leak_between_sites(client, two_sites, path):
    """The same template names are rendered alternately for both sites."""
    for _round in range(3):
        assert_commune(themed_get(client, "localhost", path))
        assert_interco(themed_get(client, INTERCO, path))


def test_unknown_theme_falls_back_to_the_default(client, two_sites):
    identity = SiteIdentity.for_site(two_sites[1].get_site())
    identity.theme = "disparu"
    identity.save()
    assert_commune(themed_get(client, INTERCO))
