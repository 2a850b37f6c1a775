"""The demo's open data, on both sites and for every year filter, as
validators nobody here wrote judge it (the demo is loaded once for both):

- `deliberations.csv` against the official SCDL « Délibérations » Table
  Schemas (2.1.5, which the export declares, and 2.1.3) through
  frictionless and the schema's custom checks (tests/api/validata.py):
  no error at all;
- `agenda.json` against the `Agenda` component of the OpenAPI schema
  (jsonschema): its times carry the Europe/Paris offset of their instant,
  and restricted events stay out."""
import csv
import datetime
import io
import zoneinfo
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator

from extensions.deliberations.models import Deliberation
from pages.models import EventPage
from tests.api.validata import SCHEMA_FILES, errors_of
from tests.demo.test_load_demo import demo  # noqa: F401 (the demo, loaded once for the module)

pytestmark = pytest.mark.sqlite
HOSTS = ("localhost", "interco.localhost")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def export(client, host, **query):
    response = client.get("/donnees/deliberations.csv", query, HTTP_HOST=host)
    assert response.status_code == 200, response.content.decode()
    return response.content.decode()


def year_filters():
    """No filter, each year with deliberations, and a year without any."""
    years = sorted(set(Deliberation.objects.exclude(year=None).values_list("year", flat=True)))
    return [{}] + [{"annee": year} for year in years] + [{"annee": 1999}]


def test_the_demo_exports_pass_validata(demo, db, client):  # noqa: F811
    assert [path.name for path in SCHEMA_FILES] == ["scdl-deliberations-2.1.3.json", "scdl-deliberations-2.1.5.json"]
    exported = 0
    for host in HOSTS:
        for query in year_filters():
            text = export(client, host, **query)
            for schema_file in SCHEMA_FILES:
                assert errors_of(text, schema_file) == [], (host, query, schema_file.name)
            exported += len(list(csv.DictReader(io.StringIO(text)))) if not query else 0
    assert exported >= 5  # the demo's published acts are there, not an empty file


def test_the_demo_rows_say_what_the_schema_means(demo, db, client):  # noqa: F811
    rows = list(csv.DictReader(io.StringIO(export(client, "localhost"))))
    budget = next(row for row in rows if row["DELIB_MATIERE_CODE"] == "7.1")
    assert budget["DELIB_MATIERE_NOM"] == "finances locales/décisions budgétaires"
    assert budget["COLL_SIRET"] == "21120345000013"
    for row in rows:
        assert int(row["VOTE_REEL"]) == int(row["VOTE_POUR"]) + int(row["VOTE_CONTRE"]) + int(row["VOTE_ABSTENTION"])
        assert row["PREF_ID"] in ("", "PREF012")



def json_schema(node):
    """OpenAPI 3.0's schema dialect as JSON Schema: `nullable: true`
    becomes a null alternative (the only keyword of 3.0 that differs in
    what the API's schema uses)."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items() if key != "nullable"}
    return {"anyOf": [converted, {"type": "null"}]} if node.get("nullable") else converted


@pytest.fixture(scope="module")
def validator(demo, django_db_blocker):  # noqa: F811
    from django.test import Client

    with django_db_blocker.unblock():
        document = yaml.safe_load(Client().get("/api/v1/schema/").content)
    operation = document["paths"]["/donnees/agenda.json"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Agenda"}
    return Draft202012Validator({"$ref": "#/components/schemas/Agenda",
                                 "components": json_schema(document["components"])})


def agenda(client, host, **query):
    response = client.get("/donnees/agenda.json", query, HTTP_HOST=host)
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"] == "application/json"
    return response.json()


def agenda_year_filters():
    years = sorted({start.year for start in EventPage.objects.values_list("start", flat=True)})
    return [{}] + [{"annee": year} for year in years] + [{"annee": 1999}]


def test_the_demo_agenda_keeps_the_schemas_contract(demo, validator, db, client):  # noqa: F811
    served = 0
    for host in HOSTS:
        for query in agenda_year_filters():
            data = agenda(client, host, **query)
            assert [error.message for error in validator.iter_errors(data)] == [], (host, query)
            assert data["year"] == query.get("annee")
            for event in data["events"]:
                for moment in filter(None, (event["start"], event["end"], event["last_published_at"])):
                    value = datetime.datetime.fromisoformat(moment)
                    assert value.utcoffset() == value.astimezone(PARIS).utcoffset(), moment
                assert urlsplit(event["url"]).hostname == host
            served += len(data["events"]) if not query else 0
    assert served >= 4  # the demo's public events are there, not an empty list


def test_the_demo_agenda_shows_public_events_only(demo, db, client):  # noqa: F811
    served = {event["id"] for host in HOSTS for query in agenda_year_filters()
              for event in agenda(client, host, **query)["events"]}
    public = set(EventPage.objects.live().public().values_list("pk", flat=True))
    assert served and served <= public


def test_a_wrong_event_fails_the_contract(validator, db):
    # `db`: its validator reads the demo, so it runs among the database
    # tests (pytest-django runs tests without one after the transactional
    # ones, which leave the database flushed).
    event = {"id": 1, "title": "Marché", "url": "http://localhost/agenda/marche/", "start": "2026-12-05T18:30:00+01:00",
             "end": None, "location_name": "", "address": "", "intro": "", "themes": [], "last_published_at": None}
    assert not validator.is_valid({"site": "Saint-Aurèle", "year": None, "events": [event]})
    assert validator.is_valid({"site": "Saint-Aurèle", "year": None, "events": [{**event, "end": event["start"]}]})
