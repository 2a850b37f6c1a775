"""The deliberations in the SCDL "Délibérations" schema of the Socle Commun
des Données Locales (OpenDataFrance, published on schema.data.gouv.fr): a
UTF-8 CSV, comma separated, one row per published deliberation. The schema
file is kept beside this module (schemas/, with its source); the columns
come from it, and each row passes the same rules as the schema's
constraints and its Validata custom checks before anything is written."""
import csv
import datetime
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pages.validators import validate_siret

SCHEMA_VERSION = "2.1.5"
SCHEMA_FILE = Path(__file__).parent / "schemas" / f"scdl-deliberations-{SCHEMA_VERSION}.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
# Where the schema is published, for the export's Link header.
SCHEMA_URL = f"https://schema.data.gouv.fr/schemas/scdl/deliberations/{SCHEMA_VERSION}/schema.json"
COLUMNS = tuple(field["name"] for field in SCHEMA["fields"])
REQUIRED = tuple(field["name"] for field in SCHEMA["fields"] if field.get("constraints", {}).get("required"))
DATES = tuple(field["name"] for field in SCHEMA["fields"] if field["type"] == "date")
VOTES = tuple(field["name"] for field in SCHEMA["fields"] if field["type"] == "integer")
CAST = ("VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")
# The schema's pattern for DELIB_MATIERE_CODE: a level-2 matière ("8.4").
MATIERE_CODE = re.compile(SCHEMA["fields"][COLUMNS.index("DELIB_MATIERE_CODE")]["constraints"]["pattern"])


class ScdlError(ValueError):
    """A row the schema would refuse: the export is not written."""


def problems(row):
    """What makes `row` (a dict keyed by the columns) invalid, in French."""
    if set(row) != set(COLUMNS):
        return [_("The columns differ from the schema's.")]
    found = [_("%(column)s is required.") % {"column": c} for c in REQUIRED if row[c] in (None, "")]
    found += [_("%(column)s must be a date.") % {"column": c}
              for c in DATES if row[c] not in (None, "") and not isinstance(row[c], datetime.date)]
    found += [_("%(column)s must be a whole number, 0 or more.") % {"column": c}
              for c in VOTES if row[c] is not None and (not isinstance(row[c], int) or row[c] < 0)]
    found += siret_problems(row) + matiere_problems(row) + budget_problems(row)
    if not found:
        found += date_problems(row) + vote_problems(row)
    return found


def siret_problems(row):
    """french-siret-value: the SIREN key and the SIRET key."""
    if not row["COLL_SIRET"]:
        return []
    try:
        validate_siret(row["COLL_SIRET"])
    except ValidationError as error:
        return [f"COLL_SIRET\u00a0: {message}" for message in error.messages]
    return []


def matiere_problems(row):
    """The pattern of DELIB_MATIERE_CODE and nomenclature-actes-value: the
    name is the code's, « level 1/level 2 »."""
    code, name = str(row["DELIB_MATIERE_CODE"] or ""), row["DELIB_MATIERE_NOM"]
    if code and not MATIERE_CODE.match(code):
        return [_("DELIB_MATIERE_CODE must be a level-2 code of the ACTES nomenclature, such as 8.4.")]
    if code and not name:
        return [_("DELIB_MATIERE_CODE %(code)s is not in the ACTES nomenclature.") % {"code": code}]
    if name and ("/" not in name or "/ " in name or " /" in name):
        return [_("DELIB_MATIERE_NOM must be « level 1/level 2 » of the ACTES nomenclature, with no space "
                  "around the slash.")]
    return []


def budget_problems(row):
    """year-interval-value on BUDGET_ANNEE (a year, or AAAA/AAAA with the
    first year earlier) and cohesive-columns-value: both budget columns or
    neither."""
    year, name = str(row["BUDGET_ANNEE"] or ""), row["BUDGET_NOM"]
    found = []
    if year:
        span = year.split("/")
        if not all(part.isdigit() and len(part) == 4 for part in span) or len(span) > 2 or span != sorted(set(span)):
            found.append(_("BUDGET_ANNEE must be a year (2025) or a span of years (2025/2026)."))
    if bool(year) != bool(name):
        found.append(_("BUDGET_ANNEE and BUDGET_NOM go together: give the budget's year and name, or neither."))
    return found


def date_problems(row):
    """compare-columns-value: the préfecture registers an act after it was adopted."""
    if row["PREF_DATE"] and row["PREF_DATE"] < row["DELIB_DATE"]:
        return [_("PREF_DATE is earlier than DELIB_DATE.")]
    return []


def vote_problems(row):
    """cohesive-columns-value: the five vote counts all given or none;
    sum-columns-value: VOTE_REEL = VOTE_POUR + VOTE_CONTRE +
    VOTE_ABSTENTION (those who took no part are not voters), so each is at
    most VOTE_REEL; compare-columns-value: VOTE_EFFECTIF ≥ VOTE_REEL."""
    found = []
    if len({row[c] is None for c in VOTES}) > 1:
        found.append(_("The vote counts go together: give all five, or none."))
    cast = [row[c] for c in CAST]
    if row["VOTE_REEL"] is not None and None not in cast and sum(cast) != row["VOTE_REEL"]:
        found.append(_("VOTE_REEL must equal the votes for, against and abstentions."))
    if row["VOTE_REEL"] is not None and row["VOTE_EFFECTIF"] is not None and row["VOTE_REEL"] > row["VOTE_EFFECTIF"]:
        found.append(_("More voters than members of the assembly."))
    return found


def cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(rows, out):
    """Writes `rows` to the text stream `out`, header first; raises
    ScdlError, naming the deliberation, before writing anything if one row
    is invalid."""
    rows = list(rows)
    for row in rows:
        found = problems(row)
        if found:
            raise ScdlError(_("Deliberation %(id)s: %(problems)s") % {
                "id": row.get("DELIB_ID") or "?", "problems": " ".join(found),
            })
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(row[column]) for column in COLUMNS])
