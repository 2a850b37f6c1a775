"""The main menu and footer are built once per site and kept until a
change (pages/navigation.py): a second page costs no navigation query, a
publication shows at once, a restricted page stays out of anonymous menus."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from pages.site_settings import Navigation
from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.html import visible_text

# Measured: site, identity, routing, restrictions, tags, themes; the navigation none.
ARTICLE_QUERIES = 13


def menu_of(home_page, *pages):
    navigation = Navigation.for_site(Site.objects.get(root_page=home_page))
    navigation.main_menu = [("link", {"label": "", "page": page}) for page in pages]
    navigation.save()


def navigation_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [q["sql"] for q in queries.captured_queries if "pages_navigation" in q["sql"]]


def test_the_menu_is_read_once_per_site(home_page, client):
    menu_of(home_page, StandardPageFactory(parent=home_page, title="Démarches"))
    assert navigation_queries(client, "/")
    assert not navigation_queries(client, "/")
    assert "Démarches" in visible_text(client.get("/"))


def test_a_publication_shows_in_the_menu_at_once(home_page, client):
    page = StandardPageFactory(parent=home_page, title="Démarches")
    menu_of(home_page, page)
    client.get("/")
    page.title = "Vos démarches"
    page.save_revision().publish()
    assert "Vos démarches" in visible_text(client.get("/"))
    page.unpublish()
    assert "Vos démarches" not in visible_text(client.get("/"))


def test_a_restricted_page_stays_out_of_anonymous_menus(home_page, client):
    page = StandardPageFactory(parent=home_page, title="Espace des élus")
    menu_of(home_page, page)
    client.get("/")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Espace des élus" not in visible_text(client.get("/"))


def test_a_news_article_costs_a_small_fixed_number_of_queries(home_page, client):
    news = NewsIndexPageFactory(parent=home_page, title="Actualités")
    menu_of(home_page, news)
    first, second = (NewsPageFactory(parent=news, title=title) for title in ("Travaux", "Fête de la musique"))
    client.get(first.url)  # the navigation, the site and its settings, cached
    with CaptureQueriesContext(connection) as one:
        assert client.get(first.url).status_code == 200
    with CaptureQueriesContext(connection) as other:
        assert client.get(second.url).status_code == 200
    assert len(one) == len(other) <= ARTICLE_QUERIES, "\n".join(q["sql"] for q in one.captured_queries)
