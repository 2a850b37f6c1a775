"""Uncached pages run a fixed number of queries, whatever they list (issue
19): the home page with one or several news, events and restricted
sections, a news article with one or several tags and themes. Measured
on a warm process (the site, its identity and its navigation cached:
pages/sites.py, pages/navigation.py), as every request but the first."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import (
    EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory,
    ThemeFactory,
)
from tests.html import visible_text

# The home page cached with its site: Wagtail's view restriction check (2),
# the restrictions for the listings and menus (1), the news, the events,
# their two indexes (3), the latest acts (1: none here, so no index).
HOME_QUERIES = 7
# Routing under the cached home (4), Wagtail's view restriction check (2),
# the restrictions for the menus (1), tags (1), themes (1); the breadcrumb
# none (the ancestors the routing walked through).
ARTICLE_QUERIES = 9


def queries(client, path):
    # What the first requests of a process cache (the very first one also
    # creates the site's Navigation setting, which raises the version).
    client.get(path)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), visible_text(response), "\n".join(q["sql"] for q in captured.captured_queries)


def restricted_section(home_page, title):
    section = StandardPageFactory(parent=home_page, title=title)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    return section


@pytest.mark.parametrize("size", [1, 4])
def test_the_home_page(home_page, client, size):
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités")
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda")
    for number in range(size):
        NewsPageFactory(parent=news_index, title=f"Brève {number}")
        EventPageFactory(parent=agenda, title=f"Fête {number}", days=number + 1)
        hidden = restricted_section(home_page, f"Réservé {number}")
        NewsIndexPageFactory(parent=hidden, title=f"Actualités réservées {number}")
    count, text, sql = queries(client, home_page.url)
    assert count == HOME_QUERIES, sql
    # The home lists the latest few: which of news made the same day is the database's choice.
    assert any(f"Brève {n}" in text for n in range(size)) and "Fête 0" in text
    assert "Toutes les actualités" in text and "Tout l’agenda" in text


def test_the_home_page_lists_no_restricted_news(home_page, client):
    hidden = restricted_section(home_page, "Réservé")
    news_index = NewsIndexPageFactory(parent=hidden, title="Actualités réservées")
    NewsPageFactory(parent=news_index, title="Brève secrète")
    count, text, sql = queries(client, home_page.url)
    assert "Brève secrète" not in text
    assert count <= HOME_QUERIES, sql


@pytest.mark.parametrize("size", [1, 4])
def test_a_news_article(home_page, client, size):
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités")
    for number in range(size):
        restricted_section(home_page, f"Réservé {number}")
    article = NewsPageFactory(
        parent=news_index, title="Travaux de voirie", tags=[f"voirie {n}" for n in range(size)],
        themes=[ThemeFactory(name=f"Urbanisme {n}") for n in range(size)],
    )
    count, text, sql = queries(client, article.url)
    assert count == ARTICLE_QUERIES, sql
    assert "Travaux de voirie" in text and f"voirie {size - 1}" in text and f"Urbanisme {size - 1}" in text
