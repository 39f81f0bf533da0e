"""Every API operation fuzzed against its own schema, as four roles (issue 10, part 4).

Schemathesis generates valid and invalid requests from the OpenAPI document that the site serves
and runs all of its checks on each response: no 500, every status and header documented, the body
as the schema says, valid data accepted and invalid data refused, authentication not ignored.
CI runs ``FUZZ_EXAMPLES`` (25) examples per operation and role with a fixed seed; ``make fuzz``
runs more with a fresh one.
"""

import copy
import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from knox.models import AuthToken

from people.models import User

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 25))
FRESH_SEED = os.environ.get("FUZZ_FRESH_SEED", "") == "1"
ROLES = {  # the demo's accounts
    "participant": "peserta",
    "mentor": "mentor",
    "organiser": "penyelenggara",
    "superuser": "admin",
}


def _served_schema() -> dict:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


# A schema cannot say which related rows exist, which dates fall inside a cohort, or which state a
# row is in: a write of well-formed data, or a report filtered by a cohort the user cannot see, is
# refused with a 400 that names the field. Those operations may answer a valid request with 400;
# `refusals_name_their_fields` then holds the 400 to naming only fields the operation declares, so
# a field the schema offers and the server does not take still fails.
_BY_THE_DATA = ["2xx", "400", "401", "403", "404", "409", "412", "429"]
CONFIG = schemathesis.Config.from_dict(
    {
        "operations": [
            {
                "include-method": ["POST", "PUT", "PATCH", "DELETE"],
                "checks": {"positive_data_acceptance": {"expected-statuses": _BY_THE_DATA}},
            },
            {
                "include-path-regex": "^/api/reports/",
                "checks": {"positive_data_acceptance": {"expected-statuses": _BY_THE_DATA}},
            },
        ]
    }
)
DOCUMENT = _served_schema()
schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT), config=CONFIG)  # it rewrites what it is given
schema.app = get_wsgi_application()
_signed_in = {}  # the token of the role under test, set by the fixture


@schema.auth(refresh_interval=None)
class RoleToken:
    """Declared to schemathesis as the credentials, so that its auth checks remove and replace it."""

    def get(self, case, context):
        return _signed_in.get("token", "")  # asked once while collecting, before any role signs in

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@schemathesis.check
def refusals_name_their_fields(ctx, response, case):
    """A 400 to a schema-valid request names only the fields and parameters the operation declares."""
    if response.status_code != 400 or case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    errors = response.json()
    if not isinstance(errors, dict):
        return None
    declared = {"detail", "non_field_errors", *_declared_names(case.operation)}
    unknown = set(errors) - declared
    if unknown:
        raise AssertionError(f"A valid request was refused for fields the schema does not declare: {sorted(unknown)}")
    return None


def _declared_names(operation) -> set[str]:
    names = {parameter.name for parameter in operation.iter_parameters()}
    definition = DOCUMENT["paths"][operation.path][operation.method.lower()]
    for content in definition.get("requestBody", {}).get("content", {}).values():
        body = content["schema"]
        if "$ref" in body:
            body = DOCUMENT["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
        names |= set(body.get("properties", {}))
    return names


@pytest.fixture
def requests_keep_the_test_transaction():
    """What Django's test client does: a request must not close the connection that holds the test's
    transaction (with PostgreSQL's pool, closing it rolls the transaction back)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(params=sorted(ROLES))
def role(request, demo_world, db, requests_keep_the_test_transaction):
    user = User.objects.get(username=ROLES[request.param])
    _signed_in["token"] = AuthToken.objects.create(user=user)[1]
    yield request.param
    _signed_in.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not FRESH_SEED,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_operation_keeps_its_schema(case, role):
    case.call_and_validate()
