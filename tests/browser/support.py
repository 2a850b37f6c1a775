"""What every browser test shares: Debian's Chromium driven by Playwright,
and axe-core's verdict on a page. Loaded as a plugin by tests/conftest.py,
so any test module may ask for the `browser` fixture."""
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import sync_playwright

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
# Devices the journeys run on (ARCHITECTURE.md: élus on phones, secretaries on tablets).
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop in this thread; Django would
    otherwise refuse the ORM calls that fixtures and database flushes make
    while the browser is open."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(_async_unsafe_allowed, django_db_setup):
    """Debian's Chromium, headless; skipped when missing, except under CI."""
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
def new_window(browser, live_server):
    """new_window(PHONE) opens a window of its own (own cookies), in French,
    on the live server unless `base_url` says otherwise; all are closed
    after the test."""
    contexts = []

    def open_window(device=None, base_url=None):
        context = browser.new_context(base_url=base_url or live_server.url, locale="fr-FR", **(device or {}))
        contexts.append(context)
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


def blocking_violations(tab):
    """axe-core's serious and critical findings on the page open in `tab`,
    once it is still: a message fading in has, half-way, a contrast it does
    not keep."""
    tab.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
    violations = Axe().run(tab).response["violations"]
    return [
        f"{tab.url} {v['impact']}: {v['id']} – {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
