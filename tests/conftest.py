"""Fixtures shared by the whole suite: a site tree, one user per role, a
private collection for the Élus and documents on both sides of it; and the
run's rules: `postgresql` tests skip elsewhere, and under CI nothing may be
skipped but the tests that need an Elasticsearch node."""
import json
import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.backends.base.creation import BaseDatabaseCreation

from pages.roles import AGENTS, ELUS, REDACTION
from tests.factories import (
    ArchiveDocumentFactory,
    LibraryPageFactory,
    UserFactory,
    install_home_page,
    private_collection,
)

_restore_rows = BaseDatabaseCreation.deserialize_db_from_string


def _restore_into_empty_tables(self, data):
    """A serialized-rollback test restores the migrated rows into tables it
    expects empty, in app order: a handler of a row restored before the
    content types asked for one (GroupApprovalTask's) with a cold cache and
    created it under a new id, and the restore then collided with it (after
    the élu's browser journey). The tables are emptied first and the content
    types restored before everything else."""
    tables = self.connection.introspection.django_table_names(only_existing=True, include_views=False)
    self.connection.ops.execute_sql_flush(self.connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    rows = json.loads(data)
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    _restore_rows(self, json.dumps(rows))


BaseDatabaseCreation.deserialize_db_from_string = _restore_into_empty_tables

# Browser fixtures (Chromium, axe-core) for any test module that asks for them.
pytest_plugins = ["tests.browser.support"]

ROLES = {
    "redaction": {"groups": [REDACTION]},
    "agent": {"groups": [AGENTS]},
    "elu": {"groups": [ELUS]},
    # Externes are signed in but belong to no role of the foundation.
    "externe": {},
    "superuser": {"is_superuser": True, "is_staff": True},
}


# The one skip a CI run allows: no Elasticsearch node is started by `make test`
# (tests/search/conftest.py names the variable in its reason).
ALLOWED_CI_SKIP = "ELASTICSEARCH_TEST_URL unset"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` need its row locks or tools: elsewhere they
    skip with their reason (`make test` deselects them on SQLite instead)."""
    if connection.vendor == "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("postgresql")
        if marker:
            reason = f"needs PostgreSQL: {marker.args[0]}" if marker.args else "needs PostgreSQL"
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, in pytest-django's order (see DatabaseOrderScheduling)."""
    if config.getvalue("dist") == "loadfile":
        from tests.scheduling import DatabaseOrderScheduling

        return DatabaseOrderScheduling(config, log)
    return None


def _skip_reason(report):
    return report.longrepr[2] if isinstance(report.longrepr, (tuple, list)) else str(report.longrepr)


def _forbidden_skips(terminalreporter):
    """Under CI: the skips whose reason is not the Elasticsearch one."""
    if os.environ.get("CI") != "true":
        return []
    skipped = terminalreporter.stats.get("skipped", [])
    return [report for report in skipped if ALLOWED_CI_SKIP not in _skip_reason(report)]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Under CI, says what was skipped, and fails the run (see
    pytest_sessionfinish) when anything but Elasticsearch was."""
    if os.environ.get("CI") != "true":
        return
    forbidden = _forbidden_skips(terminalreporter)
    skipped = len(terminalreporter.stats.get("skipped", []))
    if forbidden:
        terminalreporter.section("skips forbidden under CI", red=True)
        for report in forbidden:
            terminalreporter.line(f"{report.nodeid}: {_skip_reason(report)}")
    elif skipped:
        terminalreporter.line(f"CI: {skipped} skipped, all of them need an Elasticsearch node ({ALLOWED_CI_SKIP}).")
    else:
        terminalreporter.line("CI: nothing skipped.")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """A forbidden skip under CI fails the run (in the controller, which
    sees every worker's reports)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and not hasattr(session.config, "workerinput") and _forbidden_skips(reporter):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    """Files that tests upload go to the temporary MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT of config.settings.test (one pair per process: each
    xdist worker, and the controller, imports the settings), removed when
    that process ends."""
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        if root.name.startswith(("parvis-test-media-", "parvis-test-private-")):
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave its
    sites behind for the next one."""
    cache.clear()
    yield
    cache.clear()


def module_world(build):
    """A fixture built once per test module by `build()`, for worlds the
    tests only read: created in a transaction rolled back after the module;
    each test runs in a savepoint of it, so what a test writes is undone
    (what it changes on the returned Python objects is not: do not)."""

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            cache.clear()
            yield build()
            transaction.set_rollback(True)
        cache.clear()

    return world


@pytest.fixture
def home_page(db):
    """The HomePage at the root of the default Site (localhost)."""
    return install_home_page(title="Accueil", slug="accueil")


@pytest.fixture
def library_page(home_page):
    return LibraryPageFactory(parent=home_page, title="Actes et documents", slug="actes")


@pytest.fixture
def users(db):
    """One user per role, by role name (see ROLES)."""
    return {role: UserFactory(username=role, **extra) for role, extra in ROLES.items()}


@pytest.fixture
def client_as(client, users):
    """client_as("elu") is the test client signed in as that role's user;
    client_as("anonymous") is the client signed out."""

    def sign_in(role):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return sign_in


@pytest.fixture
def elus_collection(db):
    """A collection whose documents only the Élus group may see."""
    return private_collection("Espace des élus", ELUS)


@pytest.fixture
def public_document(db):
    return ArchiveDocumentFactory(title="Budget primitif 2024", reference="DEL-2024-001")


@pytest.fixture
def private_document(elus_collection):
    return ArchiveDocumentFactory(
        title="Note confidentielle au conseil",
        reference="NOTE-2024-007",
        summary="Projet de cession d'un terrain communal.",
        collection=elus_collection,
    )
