"""Pages restricted to the Élus stay out of every public channel of the
foundation: listings (home, news, agenda, thematic spaces) and the sitemap."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from pages.roles import ELUS
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ThemeFactory,
    ThemePageFactory,
)
from tests.html import visible_text

SECRET_NEWS = "Préparation du budget : arbitrages confidentiels"
SECRET_EVENT = "Séminaire des élus à huis clos"


def restrict_to_elus(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=ELUS)])


@pytest.fixture
def channels(home_page):
    """Public listings, each next to a page restricted to the Élus."""
    theme = ThemeFactory(name="Finances", slug="finances")
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actualites")
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    NewsPageFactory(parent=news_index, title="Budget voté", themes=[theme])
    restrict_to_elus(NewsPageFactory(parent=news_index, title=SECRET_NEWS, themes=[theme]))
    EventPageFactory(parent=agenda, title="Conseil municipal public", days=5, themes=[theme])
    restrict_to_elus(EventPageFactory(parent=agenda, title=SECRET_EVENT, days=4, themes=[theme]))
    theme_page = ThemePageFactory(parent=home_page, theme=theme, title="Finances")
    return [home_page, news_index, agenda, theme_page]


@pytest.mark.parametrize("role", ["anonymous", "externe", "agent"])
def test_listings_do_not_show_restricted_pages(client_as, channels, role):
    client = client_as(role)
    for page in channels:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert SECRET_NEWS not in html, page.url
        assert SECRET_EVENT not in html, page.url
    assert "Budget voté" in visible_text(client.get(channels[1].url))
    assert "Conseil municipal public" in visible_text(client.get(channels[2].url))


def test_sitemap_lists_public_pages_only(client, channels):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "/actualites/budget-vote/" in xml
    assert "arbitrages" not in xml and "huis-clos" not in xml


def test_restricted_page_itself_is_closed_to_outsiders(client_as, channels):
    news = channels[1].get_children().get(title=SECRET_NEWS)
    response = client_as("externe").get(news.url)
    assert response.status_code in (302, 403, 404)
    assert SECRET_NEWS not in response.content.decode()
    assert SECRET_NEWS in visible_text(client_as("elu").get(news.url))
