"""The search page on a phone (390 × 844): the query box and the first
results within the first screen, the sort and facets behind « Filtrer »,
an event shown with its own date. The screenshot is kept in
docs/screenshots/search-phone.png for the documentation."""
import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.support import PHONE, blocking_violations
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    LibraryPageFactory,
    install_home_page,
)

pytestmark = pytest.mark.browser
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "search-phone.png"


@pytest.fixture
def commune(django_db_serialized_rollback, transactional_db):
    home = install_home_page(title="Saint-Parvis", slug="saint-parvis")
    LibraryPageFactory(parent=home, title="Actes et documents", slug="actes")
    agenda = EventIndexPageFactory(parent=home, title="Agenda", slug="agenda")
    start = timezone.make_aware(datetime.datetime(2027, 3, 14, 18, 30))
    EventPageFactory(parent=agenda, title="Réunion publique du conseil de quartier", start=start,
                     end=start + datetime.timedelta(hours=2))
    for year in range(2012, 2026):
        ArchiveDocumentFactory(title=f"Procès-verbal du conseil municipal {year}", kind="proces_verbal",
                               act_date=datetime.date(year, 3, 2),
                               summary="Le conseil municipal approuve le budget et les tarifs de la cantine.")


def test_results_come_first_on_a_phone(new_window, commune):
    tab = new_window(PHONE)
    tab.goto("/recherche/?q=conseil")
    expect(tab.locator(".search-result").first).to_be_visible()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOT))
    assert tab.locator("#recherche-page-q").bounding_box()["y"] < 844
    first = tab.locator(".search-result").first.bounding_box()
    assert first["y"] + first["height"] < 844, "the first result ends below the first screen"
    assert tab.locator(".search-result").nth(1).bounding_box()["y"] < 844, "one result only on the first screen"
    expect(tab.locator(".search-facets")).to_be_hidden()
    tab.get_by_text("Filtrer").click()
    expect(tab.locator(".search-facets")).to_be_visible()
    assert not blocking_violations(tab)


def test_an_event_shows_its_own_date(new_window, commune):
    tab = new_window(PHONE)
    tab.goto("/recherche/?q=quartier")
    expect(tab.locator(".search-result").first).to_contain_text("14 mars 2027")
