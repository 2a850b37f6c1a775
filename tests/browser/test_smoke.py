"""A visitor's journey in a real Chromium (Debian's, through Playwright):
home, news, the library with a filter, a document and its download; and
axe-core finds no serious or critical accessibility problem on those pages."""
import datetime
import re

import pytest
from playwright.sync_api import expect

from library.models import ArchiveDocument
from tests.browser.support import blocking_violations
from tests.factories import (
    ArchiveDocumentFactory,
    LibraryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PublicImageFactory,
    install_home_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def site_content(django_db_serialized_rollback, transactional_db):
    """A small commune: home, news, a library of three acts. Live-server
    tests commit for real; the serialized rollback puts back Wagtail's root
    page and collection that the flush after each test removes."""
    home = install_home_page(title="Saint-Parvis", slug="saint-parvis",
                             intro="<p>Bienvenue sur le site de la commune.</p>",
                             image=PublicImageFactory(description="La place du village"))
    news = NewsIndexPageFactory(parent=home, title="Actualités", slug="actualites")
    NewsPageFactory(parent=news, title="Ouverture de la nouvelle médiathèque", date=datetime.date(2025, 3, 1))
    NewsPageFactory(parent=news, title="Travaux rue des Écoles", date=datetime.date(2025, 2, 1))
    library = LibraryPageFactory(parent=home, title="Actes et documents", slug="actes")
    decree = ArchiveDocumentFactory(
        title="Arrêté de stationnement place du Marché", kind=ArchiveDocument.Kind.ARRETE,
        reference="AR-2025-004", act_date=datetime.date(2025, 1, 20),
    )
    ArchiveDocumentFactory(title="Budget primitif 2025", kind=ArchiveDocument.Kind.DELIBERATION,
                           reference="DEL-2025-001", act_date=datetime.date(2025, 1, 10))
    ArchiveDocumentFactory(title="Procès-verbal du conseil de janvier", kind=ArchiveDocument.Kind.PROCES_VERBAL,
                           reference="PV-2025-001", act_date=datetime.date(2025, 1, 12))
    return {"home": home.url, "news": news.url, "library": library.url, "document": library.document_url(decree)}


def test_visitor_journey(page, site_content):
    page.goto("/")
    expect(page.locator("main")).to_contain_text("Bienvenue sur le site de la commune.")
    expect(page.locator("main")).to_contain_text("Ouverture de la nouvelle médiathèque")
    expect(page).to_have_title(re.compile("Saint-Parvis"))

    page.goto(site_content["news"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    expect(page.locator("main")).to_contain_text("Travaux rue des Écoles")

    page.goto(site_content["library"])
    expect(page.locator("main")).to_contain_text("Budget primitif 2025")
    page.select_option("select[name=kind]", "arrete")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=arrete"))
    main = page.locator("main")
    expect(main).to_contain_text("Arrêté de stationnement place du Marché")
    expect(main).not_to_contain_text("Budget primitif 2025")

    page.get_by_role("link", name="Arrêté de stationnement place du Marché").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrêté de stationnement place du Marché")
    expect(main).to_contain_text("AR-2025-004")
    href = page.locator("main a[href^='/documents/']").first.get_attribute("href")
    download = page.request.get(href)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")


def test_no_serious_accessibility_violation(page, site_content):
    """One test for all the pages: each live-server test costs a database
    flush and restore."""
    report = []
    for url in site_content.values():
        page.goto(url)
        expect(page.locator("main")).to_be_visible()
        report += [f"{url} {finding}" for finding in blocking_violations(page)]
    assert not report, "\n".join(report)
