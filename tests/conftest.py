"""Fixtures shared by the whole suite: a site tree, one user per role, a
private collection for the Élus and documents on both sides of it."""
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from pages.roles import AGENTS, ELUS, REDACTION
from tests.factories import (
    ArchiveDocumentFactory,
    LibraryPageFactory,
    UserFactory,
    install_home_page,
    private_collection,
)

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


@pytest.fixture(scope="session", autouse=True)
def _throw_away_media():
    """Files that tests upload go to the temporary MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT of config.settings.test, removed at the end of the run."""
    yield
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
