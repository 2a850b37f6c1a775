"""A visitor's journey in a real Chromium (Debian's, through Playwright):
home, news, the library with a filter, a document and its download; and
axe-core finds no serious or critical accessibility problem on those pages."""
import datetime
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import expect, sync_playwright

from library.models import ArchiveDocument
from tests.factories import (
    ArchiveDocumentFactory,
    LibraryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PublicImageFactory,
    install_home_page,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module", autouse=True)
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop in this thread; Django would
    otherwise refuse the ORM calls that fixtures and database flushes make
    while the browser is open."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (scripts/chromium.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    snapshot = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        # While Playwright's event loop runs, asgiref gives this thread another
        # database connection object: hand it the snapshot of the migrated
        # database that serialized rollbacks restore, and close it at the end.
        if snapshot is not None:
            connections[DEFAULT_DB_ALIAS]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


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
    ArchiveDocumentFactory(title="Arrêté de stationnement place du Marché", kind=ArchiveDocument.Kind.ARRETE,
                           reference="AR-2025-004", act_date=datetime.date(2025, 1, 20))
    ArchiveDocumentFactory(title="Budget primitif 2025", kind=ArchiveDocument.Kind.DELIBERATION,
                           reference="DEL-2025-001", act_date=datetime.date(2025, 1, 10))
    ArchiveDocumentFactory(title="Procès-verbal du conseil de janvier", kind=ArchiveDocument.Kind.PROCES_VERBAL,
                           reference="PV-2025-001", act_date=datetime.date(2025, 1, 12))
    return {"home": home, "news": news, "library": library}


def assert_accessible(tab):
    results = Axe().run(tab)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})" for v in blocking
    )
    assert not blocking, f"{tab.url}\n{report}"


def test_visitor_journey(page, site_content):
    page.goto("/")
    expect(page.locator("main")).to_contain_text("Bienvenue sur le site de la commune.")
    expect(page.locator("main")).to_contain_text("Ouverture de la nouvelle médiathèque")
    expect(page).to_have_title(re.compile("Saint-Parvis"))

    page.goto(site_content["news"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    expect(page.locator("main")).to_contain_text("Travaux rue des Écoles")

    page.goto(site_content["library"].url)
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


@pytest.mark.parametrize("which", ["home", "news", "library"])
def test_no_serious_accessibility_violation(page, site_content, which):
    page.goto(site_content[which].url)
    expect(page.locator("main")).to_be_visible()
    assert_accessible(page)
