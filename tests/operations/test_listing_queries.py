"""Listing pages cost a bounded number of queries: as many with 30 items
as with 3 (no query per item), under a ceiling."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ThemeFactory,
    ThemePageFactory,
)

CEILING = 40


def queries(client, url):
    # Warm the per-site caches and Wagtail's templates: twice, because the
    # first request to a site creates its Navigation setting, whose save
    # makes the entries just cached obsolete (pages.navigation).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def listings(home_page, library_page):
    theme = ThemeFactory(name="Voirie", slug="voirie")
    news = NewsIndexPageFactory(parent=home_page, slug="actualites")
    agenda = EventIndexPageFactory(parent=home_page, slug="agenda")
    theme_page = ThemePageFactory(parent=home_page, theme=theme)

    def add(count):
        for number in range(count):
            NewsPageFactory(parent=news, themes=[theme], tags=["travaux"])
            EventPageFactory(parent=agenda, days=number + 1, themes=[theme])
            ArchiveDocumentFactory(themes=[theme])

    urls = [home_page.url, news.url, agenda.url, theme_page.url, library_page.url, news.url + "?tag=travaux"]
    return urls, add


def test_listings_do_not_query_per_item(client, listings):
    urls, add = listings
    add(3)
    few = {url: queries(client, url) for url in urls}
    add(27)
    many = {url: queries(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= CEILING, many
