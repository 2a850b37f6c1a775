"""The deliberations in the SCDL "Délibérations" schema, version 2.1.3, of
the Socle Commun des Données Locales (OpenDataFrance, published on
schema.data.gouv.fr): a UTF-8 CSV, comma separated, one row per published
deliberation, these columns in this order. The rows come from the
deliberations capability; this module checks them against the schema and
writes them."""
import csv
import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pages.validators import validate_siret

SCHEMA_VERSION = "2.1.3"
COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)
REQUIRED = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
            "DELIB_OBJET")
DATES = ("DELIB_DATE", "PREF_DATE")
VOTES = ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")
# Patterns of the schema: a level-2 matière of the ACTES nomenclature
# ("8.4"), a budget year or span ("2017" or "2017/2018").
MATIERE_CODE = re.compile(r"^\d\.\d{1,2}$")
BUDGET_ANNEE = re.compile(r"^[0-9]{4}(/[0-9]{4})?$")


class ScdlError(ValueError):
    """A row the schema would refuse: the export is not written."""


def problems(row):
    """What makes `row` (a dict keyed by the columns) invalid, in French."""
    found = []
    if set(row) != set(COLUMNS):
        found.append(_("The columns differ from the schema's."))
        return found
    found += [_("%(column)s is required.") % {"column": c} for c in REQUIRED if row[c] in (None, "")]
    if row["COLL_SIRET"]:
        try:
            validate_siret(row["COLL_SIRET"])
        except ValidationError as error:
            found += [f"COLL_SIRET\u00a0: {message}" for message in error.messages]
    if row["DELIB_MATIERE_CODE"] and not MATIERE_CODE.match(str(row["DELIB_MATIERE_CODE"])):
        found.append(_("DELIB_MATIERE_CODE must be a level-2 code of the ACTES nomenclature, such as 8.4."))
    if row["BUDGET_ANNEE"] and not BUDGET_ANNEE.match(str(row["BUDGET_ANNEE"])):
        found.append(_("BUDGET_ANNEE must be a year (2025) or a span of years (2025/2026)."))
    found += [_("%(column)s must be a date.") % {"column": c}
              for c in DATES if row[c] not in (None, "") and not isinstance(row[c], datetime.date)]
    found += [_("%(column)s must be a whole number, 0 or more.") % {"column": c}
              for c in VOTES if row[c] is not None and (not isinstance(row[c], int) or row[c] < 0)]
    if not found:
        found += vote_problems(row)
    return found


def vote_problems(row):
    """VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION ≤ VOTE_REEL ≤ VOTE_EFFECTIF:
    no more votes than voters, no more voters than members."""
    cast = [row[c] for c in ("VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")]
    found = []
    if row["VOTE_REEL"] is not None and None not in cast and sum(cast) > row["VOTE_REEL"]:
        found.append(_("More votes (for, against, abstentions) than voters."))
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
