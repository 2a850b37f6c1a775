"""The OpenAPI schema covers this API only (not Wagtail's admin API, which
is DRF too), and says every answer an operation can give: its errors
(400 with the parameters' messages, 401, 403, 404, 429, and 503 for the
search) and its ids' bounds. schemathesis (tests/api/test_fuzz.py) holds
the API to it."""
from django.utils.translation import gettext_lazy as _

API_PREFIX = "/api/v1/"
# Open-data files whose format the schema documents too (JSON ones).
OPEN_DATA = ("/donnees/agenda.json",)
# The ids the views accept (ReadOnlyViewSet.lookup_pattern).
ID = {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}


def only_this_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX) or endpoint[0] in OPEN_DATA]


def error_answers():
    """The errors every operation may answer, by status."""
    return {
        "400": (_("A parameter is wrong: for each one, its messages."), "FieldErrors"),
        "401": (_("The API token is unknown, revoked or malformed (WWW-Authenticate: Bearer)."), "Error"),
        "403": (_("Refused to the person authenticated."), "Error"),
        "404": (_("Nothing with this id that you may see, or a page after the last one."), "Error"),
        "429": (_("Too many requests: try again after the delay in Retry-After."), "Error"),
    }


def document_answers(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers of every
    operation (400 where it takes query parameters, 401 and 403 where a
    person may be identified, 503 for the search) and integer ids from 1."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(Error=DETAIL, FieldErrors=FIELD_ERRORS)
    for path, operations in result["paths"].items():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            for parameter in parameters:
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"] = dict(ID)
            answers = error_answers()
            if not any(parameter["in"] == "query" for parameter in parameters):
                del answers["400"]
            if "security" not in operation:  # open data: nobody is identified, nobody refused
                del answers["401"], answers["403"]
            if path.startswith(f"{API_PREFIX}search/"):
                answers["503"] = (_("The search server is unavailable for the moment."), "Error")
            for status, (description, schema) in answers.items():
                operation["responses"].setdefault(status, {
                    "description": str(description),
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
                })
    return result
