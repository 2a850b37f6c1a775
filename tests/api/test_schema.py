"""The OpenAPI schema tells the truth: every route of /api/v1/ is in it and
nothing else, every operation is a read, and the documentation page runs
on this site's own files (no CDN, no inline script)."""
import re

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver

from extensions.api.schema import OPEN_DATA
from tests.html import soup

pytestmark = pytest.mark.django_db

# Routes that are not API resources: the API root, the schema and its page.
NOT_DOCUMENTED = {"/api/v1/", "/api/v1/schema/", "/api/v1/docs/"}


def routes(patterns, prefix=""):
    """OpenAPI-style paths of every URL pattern ("{id}" for parameters)."""
    for pattern in patterns:
        route = prefix + re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", str(pattern.pattern)).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route.replace("{pk}", "{id}")


def api_routes():
    resolver = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/v1/")
    return {"/api/v1/" + route for route in routes(resolver.url_patterns)}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_and_routes_agree(schema):
    assert set(schema["paths"]) == (api_routes() - NOT_DOCUMENTED) | set(OPEN_DATA)


def test_every_operation_is_a_documented_read(schema):
    for path, operations in schema["paths"].items():
        assert set(operations) - {"parameters"} == {"get"}, path
        assert "200" in operations["get"]["responses"], path


def test_schema_describes_both_authentications(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_the_documentation_page_uses_only_this_sites_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    scripts = page.find_all("script")
    assert scripts and all(script.get("src") and not script.string for script in scripts)
    assets = [script["src"] for script in scripts] + [link["href"] for link in page.find_all("link")]
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert client.get(scripts[-1]["src"]).status_code == 200


def test_every_operation_documents_its_errors_and_bounds(schema):
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        parameters = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
        # Open data identifies nobody, so refuses nobody (no 401 nor 403).
        identified = {"401", "403"} if operation.get("security") else set()
        expected = {"404", "429"} | identified | ({"400"} if parameters else set())
        assert expected <= set(operation["responses"]), path
        for name in ("page", "page_size"):
            if name in parameters:
                assert parameters[name]["schema"]["minimum"] == 1, path
        if "page_size" in parameters:
            assert parameters["page_size"]["schema"]["maximum"] == 100, path
        if "ordering" in parameters:
            assert parameters["ordering"]["schema"]["items"]["enum"], path
        if "year" in parameters:
            assert parameters["year"]["schema"]["type"] == "integer", path
        if "{id}" in path:
            [id_parameter] = [p for p in operation["parameters"] if p["in"] == "path"]
            assert (id_parameter["schema"]["type"], id_parameter["schema"]["minimum"]) == ("integer", 1), path
    errors = schema["components"]["schemas"]["FieldErrors"]
    assert errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
