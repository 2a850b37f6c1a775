"""Every public page says how to sign in, and comes back to itself
afterwards; signed in, it offers « Mes espaces » and signing out instead.
The anonymous page cache never gives one visitor's header to another."""
import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory, UserFactory, install_home_page
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actualites")
    return NewsPageFactory(parent=index, title="Travaux rue de la Gare", slug="travaux")


def account_links(response):
    return soup(response).find("nav", class_="account-links")


def test_a_visitor_is_offered_to_sign_in_and_come_back(client, news):
    links = account_links(client.get(news.url + "?page=2"))
    link = links.find("a", string="Se connecter")
    assert link["href"] == "/connexion/?next=/actualites/travaux/%3Fpage%3D2"
    assert links.find(string="Mes espaces") is None


def test_signing_in_from_the_link_comes_back_to_the_page(client, news):
    UserFactory(username="nadia", password="Un-mot-de-passe-solide-42")
    href = account_links(client.get(news.url)).find("a")["href"]
    form = soup(client.get(href)).find("form", class_="space-form")
    assert form.find("input", attrs={"name": "next"})["value"] == news.url
    response = client.post(href, {"username": "nadia", "password": "Un-mot-de-passe-solide-42",
                                  "next": news.url})
    assert response["Location"] == news.url


def test_the_sign_in_page_does_not_point_to_itself(client, home_page):
    link = account_links(client.get("/connexion/")).find("a", string="Se connecter")
    assert link["href"] == "/connexion/"


def test_signed_in_the_header_offers_my_spaces_and_signing_out(client, news):
    client.force_login(UserFactory(username="nadia"))
    links = account_links(client.get(news.url))
    assert links.find("a", string="Mes espaces")["href"] == "/espaces/"
    form = links.find("form")
    assert form["action"] == "/deconnexion/" and form["method"] == "post"
    assert form.find("button", string="Se déconnecter") is not None
    assert links.find(string="Se connecter") is None


def test_the_interco_theme_has_the_links_too(client):
    home = install_home_page(hostname="interco.localhost", theme="interco", title="Interco", slug="interco")
    links = account_links(client.get("/", HTTP_HOST="interco.localhost"))
    assert links.find("a", string="Se connecter")["href"] == "/connexion/?next=/"


def test_the_page_cache_never_mixes_signed_in_and_anonymous_headers(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(news.url)["X-Page-Cache"] == "miss"
    client.force_login(UserFactory(username="nadia"))
    signed_in = client.get(news.url)
    assert "X-Page-Cache" not in signed_in or signed_in["X-Page-Cache"] != "hit"
    assert account_links(signed_in).find("a", string="Mes espaces") is not None
    client.logout()
    client.cookies.clear()
    anonymous = client.get(news.url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert account_links(anonymous).find("a", string="Se connecter") is not None
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()


@pytest.mark.parametrize("role, shown", [("elu", False), ("externe", False), ("redaction", True)])
def test_wagtails_user_bar_is_only_for_people_with_admin_access(client_as, news, role, shown):
    """Élus and other people without admin access never get the user bar
    over the content (Wagtail's rule: `wagtailadmin.access_admin`)."""
    text = client_as(role).get(news.url).content.decode()
    assert ("wagtail-userbar" in text) is shown
