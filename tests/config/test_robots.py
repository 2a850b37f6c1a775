"""robots.txt answers on each site with that site's sitemap, keeps
crawlers out of the admin, the private spaces, the search results and the
personal links, and may be cached."""
import urllib.robotparser

import pytest

from tests.factories import install_home_page

pytestmark = pytest.mark.django_db

PRIVATE = ["/admin/", "/espaces/", "/recherche/?q=budget", "/connexion/", "/seances/convocation/abc/",
           "/seances/calendrier/prive/abc.ics", "/invitation/abc/", "/participation/confirmer/abc/",
           "/notifications/desabonnement/abc/un-clic/"]
PUBLIC = ["/", "/actualites/", "/seances/", "/seances/calendrier/seances.ics", "/donnees/agenda.ics",
          "/documents/1/budget.pdf"]


@pytest.fixture
def sites(db):
    commune = install_home_page(title="Saint-Aurèle", slug="commune")
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Val", slug="val")
    return commune, interco


@pytest.mark.parametrize(("host", "root"), [("localhost", "http://localhost"),
                                            ("interco.localhost", "http://interco.localhost")])
def test_each_site_answers_with_its_own_sitemap(client, sites, host, root):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=3600" in response["Cache-Control"]
    text = response.content.decode()
    assert f"Sitemap: {root}/sitemap.xml" in text.splitlines()
    assert client.get("/sitemap.xml", HTTP_HOST=host).status_code == 200
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    assert [path for path in PRIVATE if robots.can_fetch("Googlebot", root + path)] == []
    assert [path for path in PUBLIC if not robots.can_fetch("Googlebot", root + path)] == []


def test_a_site_on_port_443_announces_an_https_sitemap(client, sites):
    site = sites[1].get_site()
    site.port = 443
    site.save()
    text = client.get("/robots.txt", HTTP_HOST="interco.localhost").content.decode()
    assert "Sitemap: https://interco.localhost/sitemap.xml" in text
