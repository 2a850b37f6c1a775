"""A property-based fuzz of the API from its own OpenAPI schema
(schemathesis, every check it has, as its CLI's `--checks all`): for
every operation, valid parameters are accepted, invalid ones refused with
a documented 4xx, no server error, and every answer (status, content type,
headers, body) is the one the schema documents. The open-data agenda
(/donnees/agenda.json) is in the schema, so it is fuzzed too.

Each request is sent anonymously, and again with a member's token (what a
person sees depends on who asks), except the coverage phase's invalid
values: each changes one parameter of a valid request to something the
schema forbids, and the refusal comes before anyone's data is read, so
the anonymous run says it all (the fuzzing phase's invalid requests still
go both ways). Short by design: derandomized, and after the coverage
phase's cases (every parameter at its bounds and beyond), a few random
examples per operation: fewer for the details, whose only parameter is
the id. No timing."""
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.meta import TestPhase
from wagtail.models import APIToken

# Every check schemathesis has (its CLI's `--checks all`).
load_all_checks()
CHECKS = REGISTRY.get_all()
# Random examples per operation, after the coverage phase's.
CONFIG = SchemathesisConfig.from_dict({
    "generation": {"max-examples": 10},
    "operations": [{"include-path-regex": r"\{id\}/$", "generation": {"max-examples": 4}}],
})
# Deterministic (derandomize: the examples follow from the schema).
FUZZ = settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture
def api_schema(content, civic):
    """The schema, served by the WSGI application itself. Like Django's test
    client, requests must not close the database connection at their end:
    the test's transaction lives on it (PostgreSQL would lose it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler(), config=CONFIG)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def member_token(people):
    _token, key = APIToken.create_token(user=people["elu_member"], name="Fuzz")
    return key


schema = schemathesis.pytest.from_fixture("api_schema")


def is_one_invalid_value(case):
    return case.meta.phase.name is TestPhase.COVERAGE and case.meta.generation.mode is GenerationMode.NEGATIVE


@schema.parametrize()
@FUZZ
def test_the_api_answers_as_its_schema_says(case, member_token):
    case.call_and_validate(checks=CHECKS)
    if not is_one_invalid_value(case):
        case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {member_token}"})
