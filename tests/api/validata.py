"""What Validata (the validator of schema.data.gouv.fr) runs on a CSV: the
Table Schema through frictionless, then the custom checks the schema
declares in `custom_checks`. validata-core itself pins frictionless 4 and
pulls pandas, numpy and shapely, so the checks the deliberations schema
uses are written here as frictionless 5 checks, following Validata's
documented behaviour: a one-column check skips empty cells, a
multi-column check skips a row where one of its cells is empty (except
cohesive-columns-value, whose point is empty cells)."""
import json
import operator
import unicodedata

import attrs
from frictionless import Check, Resource, Schema, errors, validate
from stdnum.fr import siret

from extensions.api.scdl import SCHEMA_FILE

# Every official version kept (2.1.3 and 2.1.5 differ only in metadata):
# the export must pass each.
SCHEMA_FILES = sorted(SCHEMA_FILE.parent.glob("scdl-deliberations-*.json"))

# The level-1 names of the Actes nomenclature, compared without case or accents.
ACTES_LEVEL_1 = (
    "Commande publique", "Urbanisme", "Domaine et patrimoine", "Fonction publique", "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police", "Finances locales", "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
)
# compare-columns-value compares numbers as numbers and dates as dates.
OPERATORS = {">": operator.gt, ">=": operator.ge, "==": operator.eq, "<=": operator.le, "<": operator.lt}


def folded(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


class CustomCheckError(errors.CellError):
    type = "custom-check"
    title = "Custom check"
    description = "A check the schema declares in custom_checks."
    template = "{note}"


@attrs.define(kw_only=True, repr=False)
class CustomCheck(Check):
    """One entry of `custom_checks`: `name` and its `params`."""

    type = "custom-check"
    Errors = [CustomCheckError]
    name: str
    params: dict

    def validate_row(self, row):
        columns = [self.params["column"], self.params.get("column2"), *self.params.get("columns", []),
                   *self.params.get("othercolumns", [])]
        values = [row[column] for column in columns if column]
        if self.name != "cohesive-columns-value" and any(value in (None, "") for value in values):
            return
        note = getattr(self, self.name.replace("-", "_"))(*values)
        if note:
            yield CustomCheckError.from_row(row, note=f"{self.name}: {note}", field_name=self.params["column"])

    def french_siret_value(self, value):
        return "" if siret.is_valid(value) else f"{value} is not a valid SIRET"

    def nomenclature_actes_value(self, value):
        if "/" not in value:
            return "the slash is missing"
        level_1 = value[:value.index("/")]
        if folded(level_1) not in {folded(name) for name in ACTES_LEVEL_1} or "/ " in value:
            return f"{level_1!r} is not a level-1 name of the Actes nomenclature, or spaces surround the slash"
        return ""

    def year_interval_value(self, value):
        years = value.split("/")
        if len(years) == 1 and self.params.get("allow-year-only") in ("yes", "true"):
            return "" if value.isdigit() and len(value) == 4 else "not a year"
        if len(years) != 2 or not all(y.isdigit() and len(y) == 4 for y in years) or years[0] >= years[1]:
            return "not an interval of two increasing years"
        return ""

    def cohesive_columns_value(self, *values):
        filled = {value not in (None, "") for value in values}
        return "" if len(filled) == 1 else "these columns are all filled or all empty"

    def compare_columns_value(self, first, second):
        holds = OPERATORS[self.params["op"]](first, second)
        return "" if holds else f"{first} {self.params['op']} {second} does not hold"

    def sum_columns_value(self, total, *parts):
        return "" if sum(parts) == total else f"{' + '.join(map(str, parts))} != {total}"


def report(csv_text, schema_file=SCHEMA_FILE):
    """The frictionless report of `csv_text` against a kept schema (by
    default the one the export declares) and its custom checks."""
    descriptor = json.loads(schema_file.read_text(encoding="utf-8"))
    checks = [CustomCheck(name=check["name"], params=check["params"]) for check in descriptor["custom_checks"]]
    resource = Resource(data=csv_text.encode("utf-8"), format="csv", encoding="utf-8",
                        schema=Schema.from_descriptor(descriptor))
    return validate(resource, checks=checks)


def errors_of(csv_text, schema_file=SCHEMA_FILE):
    """Every error of the report, as « row/field: message »."""
    result = report(csv_text, schema_file)
    found = [f"{getattr(error, 'row_number', '-')}/{getattr(error, 'field_name', '')}: {error.message}"
             for task in result.tasks for error in task.errors]
    return found + [error.message for error in result.errors]
