"""Search fixtures: the backend under test (the database one always; an
OpenSearch node when SEARCH_TEST_URL is set, Elasticsearch when
ELASTICSEARCH_TEST_URL is) and helpers to index and search as a role."""
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from modelsearch.backends import get_search_backend

from extensions.search.backend_settings import DATABASE, ELASTICSEARCH, server_backend

SERVER_URLS = {
    "opensearch": os.environ.get("SEARCH_TEST_URL", ""),
    "elasticsearch": os.environ.get("ELASTICSEARCH_TEST_URL", ""),
}
SERVER_BACKENDS = {"elasticsearch": ELASTICSEARCH}


def backend_params(names):
    """The database backend (marked `sqlite`: it also runs on SQLite, whose
    search differs from PostgreSQL's), then each search server, skipped when
    its node is not given."""
    params = []
    for name in names:
        if name == "database":
            params.append(pytest.param(name, id=name, marks=pytest.mark.sqlite))
            continue
        url = SERVER_URLS[name]
        reason = f"no {name} node ({'SEARCH' if name == 'opensearch' else 'ELASTICSEARCH'}_TEST_URL unset)"
        params.append(pytest.param(name, id=name, marks=pytest.mark.skipif(not url, reason=reason)))
    return params


def pytest_generate_tests(metafunc):
    """Every test of `search_backend` runs on each backend, or on those its
    `backends` marker names (a test of a server's rebuild has nothing to
    prove on the database): a parametrisation that does not apply is not
    generated rather than skipped, so a CI run skips nothing but Elasticsearch."""
    if "search_backend" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("backends")
        names = marker.args if marker else ("database", *SERVER_URLS)
        metafunc.parametrize("search_backend", backend_params(names), indirect=True)


# One set of indexes per server and test session, emptied after each test.
PREFIX = f"parvis_test_{uuid.uuid4().hex[:8]}_"
_created = set()


def backend_settings(name):
    if name == "database":
        return {"default": {"BACKEND": DATABASE}}
    conf = server_backend(SERVER_URLS[name], index_prefix=PREFIX)
    if name in SERVER_BACKENDS:
        conf["BACKEND"] = SERVER_BACKENDS[name]
    return {"default": conf}


def empty_indexes(backend):
    indexes = backend.index_prefix + "*"
    backend.es.delete_by_query(index=indexes, body={"query": {"match_all": {}}}, refresh=True, conflicts="proceed")


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indexes():
    yield
    for name in _created:
        backend = get_search_backend(**backend_settings(name)["default"])
        backend.es.indices.delete(index=PREFIX + "*")


@pytest.fixture
def search_backend(request, settings, db):
    """The backend of this parametrisation, installed as the default one,
    with empty indexes (a search server gets its own prefixed indexes)."""
    settings.WAGTAILSEARCH_BACKENDS = backend_settings(request.param)
    backend = get_search_backend()
    backend.name = request.param
    if request.param != "database":
        if request.param not in _created:
            # The indexes with their (French) mappings, before anything is indexed.
            call_command("update_index", verbosity=0)
            _created.add(request.param)
        empty_indexes(backend)
    yield backend


@pytest.fixture
def refresh(search_backend):
    """Call before searching: a search server shows new documents after a refresh."""

    def run():
        if search_backend.name != "database":
            search_backend.refresh_indexes()

    return run


@pytest.fixture
def request_as(users):
    """request_as("elu") is a GET request of that role's user (anonymous too)."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    def build(role, path="/recherche/", **params):
        request = RequestFactory().get(path, params)
        request.user = AnonymousUser() if role == "anonymous" else users[role]
        request.session = SessionStore()
        return request

    return build
