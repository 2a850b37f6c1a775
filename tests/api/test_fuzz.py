"""A property-based fuzz of the API from its own OpenAPI schema
(schemathesis, every check it has, as its CLI's `--checks all`): for
every operation, valid parameters are accepted, invalid ones refused with
a documented 4xx, no server error, and every answer (status, content type,
headers, body) is the one the schema documents. Each generated request is
sent anonymously and with a member's token. Short by design: a bounded,
derandomized number of examples per operation, no timing."""
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks
from wagtail.models import APIToken

# Every check schemathesis has (its CLI's `--checks all`).
load_all_checks()
CHECKS = REGISTRY.get_all()
# Deterministic (derandomize: the examples follow from the schema) and short.
FUZZ = settings(max_examples=20, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@pytest.fixture
def api_schema(content, civic):
    """The schema, served by the WSGI application itself. Like Django's test
    client, requests must not close the database connection at their end:
    the test's transaction lives on it (PostgreSQL would lose it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def member_token(people):
    _token, key = APIToken.create_token(user=people["elu_member"], name="Fuzz")
    return key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@FUZZ
def test_the_api_answers_as_its_schema_says(case, member_token):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {member_token}"})
