"""A property-based fuzz of the API from its own OpenAPI schema
(schemathesis): for every operation, generated parameters never cause a
server error, and every documented answer matches its schema. Anonymously
and with a member's token. Short by design: a bounded number of examples
per operation, no timing."""
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from wagtail.models import APIToken

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FUZZ = settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def api_schema(content, civic):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())


@pytest.fixture
def member_token(people):
    _token, key = APIToken.create_token(user=people["elu_member"], name="Fuzz")
    return key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@FUZZ
def test_anonymous_clients_never_cause_a_server_error(case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_token_clients_never_cause_a_server_error(case, member_token):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {member_token}"})
