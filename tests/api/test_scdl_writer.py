"""The SCDL "Délibérations" 2.1.5 writer: exactly the schema's columns in
its order, ISO 8601 dates, whole numbers, a valid SIRET, consistent votes,
and nothing written when a row would be refused. Every row the writer
accepts passes Validata's checks (tests/api/validata.py), every row it
refuses fails them."""
import csv
import datetime
import io

import pytest

from extensions.api.scdl import COLUMNS, ScdlError, cell, write_csv
from tests.api.validata import SCHEMA_FILES, errors_of

SCHEMA_COLUMNS = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]


def row(**changes):
    values = {
        "COLL_NOM": "Commune de Saint-Aurèle", "COLL_SIRET": "21120345000013", "DELIB_ID": "DEL-2025-012",
        "DELIB_DATE": datetime.date(2025, 3, 27), "DELIB_MATIERE_CODE": "7.1",
        "DELIB_MATIERE_NOM": "finances locales/décisions budgétaires",
        "DELIB_OBJET": "Vote du budget primitif, « exercice 2025 »", "BUDGET_ANNEE": "2025",
        "BUDGET_NOM": "Budget principal", "PREF_ID": "PREF012", "PREF_DATE": datetime.date(2025, 3, 31),
        "VOTE_EFFECTIF": 23, "VOTE_REEL": 21, "VOTE_POUR": 18, "VOTE_CONTRE": 2, "VOTE_ABSTENTION": 1,
        "DELIB_URL": "https://saint-aurele.example/documents/12/del-2025-012.pdf",
    }
    return {**values, **changes}


def written(*rows):
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue()


def test_columns_are_the_schemas_in_its_order():
    assert list(COLUMNS) == SCHEMA_COLUMNS
    header = next(csv.reader(io.StringIO(written())))
    assert header == SCHEMA_COLUMNS


def test_values_are_written_as_the_schema_wants():
    [record] = list(csv.DictReader(io.StringIO(written(row(PREF_DATE=None, PREF_ID="", BUDGET_ANNEE="", BUDGET_NOM="")))))
    assert record["DELIB_DATE"] == "2025-03-27"
    assert record["PREF_DATE"] == ""
    assert record["VOTE_POUR"] == "18"
    assert record["DELIB_OBJET"] == "Vote du budget primitif, « exercice 2025 »"
    assert record["COLL_SIRET"] == "21120345000013"


def test_a_deliberation_without_votes_is_valid():
    votes = {column: None for column in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")}
    assert written(row(**votes)).count("\r\n") == 2


@pytest.mark.parametrize("changes, message", [
    ({"COLL_SIRET": "21120345000014"}, "SIRET n’est pas valide"),
    ({"COLL_SIRET": "21001234500018"}, "Le SIREN de ce SIRET"),
    ({"COLL_SIRET": "211 203 450 00013"}, "14 chiffres"),
    ({"COLL_SIRET": ""}, "COLL_SIRET est obligatoire"),
    ({"DELIB_ID": ""}, "DELIB_ID est obligatoire"),
    ({"DELIB_DATE": "27/03/2025"}, "DELIB_DATE doit être une date"),
    ({"DELIB_MATIERE_CODE": "7"}, "nomenclature ACTES"),
    ({"DELIB_MATIERE_NOM": "Décisions budgétaires"}, "niveau 1/niveau 2"),
    ({"DELIB_MATIERE_NOM": "finances locales / décisions budgétaires"}, "sans espace"),
    ({"BUDGET_ANNEE": "25"}, "BUDGET_ANNEE"),
    ({"BUDGET_ANNEE": "2026/2025"}, "BUDGET_ANNEE"),
    ({"BUDGET_NOM": ""}, "vont ensemble"),
    ({"PREF_DATE": datetime.date(2025, 3, 26)}, "PREF_DATE est antérieure"),
    ({"VOTE_POUR": -1}, "nombre entier"),
    ({"VOTE_POUR": 19}, "VOTE_REEL doit être égal"),
    ({"VOTE_POUR": 17}, "VOTE_REEL doit être égal"),
    ({"VOTE_REEL": 24, "VOTE_POUR": 20}, "Plus de votants"),
    ({"VOTE_EFFECTIF": None}, "vont ensemble"),
])
def test_invalid_rows_stop_the_export_with_a_french_reason(changes, message):
    out = io.StringIO()
    with pytest.raises(ScdlError) as error:
        write_csv([row(DELIB_ID="DEL-2025-001"), row(**changes)], out)
    assert message in str(error.value)
    assert out.getvalue() == ""


def raw_csv(record):
    return ",".join(COLUMNS) + "\r\n" + ",".join(f'"{cell(record[c])}"' for c in COLUMNS) + "\r\n"


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda path: path.name)
def test_what_the_writer_writes_passes_validata(schema_file):
    text = written(row(), row(BUDGET_ANNEE="", BUDGET_NOM="", PREF_ID="", PREF_DATE=None))
    assert errors_of(text, schema_file) == []


@pytest.mark.parametrize("changes", [
    {"COLL_SIRET": "21001234500018"}, {"DELIB_MATIERE_NOM": "Décisions budgétaires"}, {"BUDGET_NOM": ""},
    {"BUDGET_ANNEE": "2026/2025"}, {"PREF_DATE": datetime.date(2025, 3, 26)}, {"VOTE_POUR": 17},
    {"VOTE_EFFECTIF": 20}, {"VOTE_EFFECTIF": None},
])
def test_what_the_writer_refuses_validata_refuses_too(changes):
    with pytest.raises(ScdlError):
        written(row(**changes))
    assert errors_of(raw_csv(row(**changes)))


def test_a_row_with_other_columns_is_refused():
    extra = {**row(), "DELIB_SECRET": "x"}
    with pytest.raises(ScdlError):
        written(extra)
