"""/sante/ answers 200 when the database, the cache and the search backend
answer, 503 naming the failing check otherwise, never an error's text."""
from unittest import mock

from django.db import OperationalError

from extensions.operations.health import CHECKS

SECRET = "postgres://parvis:motdepasse@db.interne:5432/parvis"


def test_everything_answers(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_a_failing_database_gives_503_without_its_error(client, db):
    with mock.patch.dict(CHECKS, database=mock.Mock(side_effect=OperationalError(SECRET))):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "error", "cache": "ok", "search": "ok"}
    assert b"motdepasse" not in response.content and b"db.interne" not in response.content


def test_a_silent_search_server_gives_503(client, db):
    server = mock.Mock(es=mock.Mock(ping=mock.Mock(return_value=False)))
    with mock.patch("extensions.operations.health.get_search_backend", return_value=server):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == "error"


def test_a_failing_cache_gives_503(client, db):
    with mock.patch("extensions.operations.health.cache.get", side_effect=ConnectionError(SECRET)):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"
    assert b"motdepasse" not in response.content
