"""The demo's `deliberations.csv`, of both sites and for every year
filter, as the national validator judges it: the official SCDL
« Délibérations » Table Schemas (2.1.5, which the export declares, and
2.1.3) through frictionless and the schema's custom checks
(tests/api/validata.py): no error at all."""
import csv
import io

import pytest

from extensions.deliberations.models import Deliberation
from tests.api.validata import SCHEMA_FILES, errors_of
from tests.demo.test_load_demo import demo  # noqa: F401 (the demo, loaded once for the module)

pytestmark = pytest.mark.sqlite
HOSTS = ("localhost", "interco.localhost")


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
