"""Token and session authentication, the error shape, the OpenAPI schema and the Swagger UI under CSP."""

import re
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.exceptions import ValidationError
from knox.models import AuthToken

from diklat.api_errors import validation_detail
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(api_client):
    """Messages are asserted in their English msgids, whatever the default language."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


PASSWORD = "rahasia-uji-123"  # the factories' password


# --- authentication -----------------------------------------------------------------------------


def test_a_token_is_issued_for_a_username_and_password(api_client, participant):
    response = api_client.post(
        "/api/auth/token/", {"username": participant.user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = AuthToken.objects.get(user=participant.user)
    assert response.json()["token"].startswith(token.token_key)


def test_a_wrong_password_gets_no_token(api_client, participant):
    response = api_client.post(
        "/api/auth/token/", {"username": participant.user.username, "password": "salah"}, format="json"
    )
    assert response.status_code == 400
    assert not AuthToken.objects.exists()


def test_a_token_authenticates_and_scopes_the_api(api_client, participant, project, other_project):
    _, token = AuthToken.objects.create(user=participant.user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.get("/api/projects/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [project.pk]


def test_a_bad_token_is_refused(api_client, project):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.get("/api/projects/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Invalid token."


@pytest.mark.parametrize("method, url", [("get", "/api/projects/"), ("post", "/api/milestones/"), ("get", "/api/")])
def test_a_request_without_credentials_is_a_401_that_says_how_to_authenticate(api_client, method, url):
    response = getattr(api_client, method)(url)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_a_signed_in_browser_session_works_too(api_client, participant, project):
    api_client.force_login(participant.user)
    response = api_client.get("/api/projects/")
    assert [row["id"] for row in response.json()["results"]] == [project.pk]


def test_the_api_root_lists_every_endpoint(api_client, stranger):
    api_client.force_authenticate(stranger)
    endpoints = set(api_client.get("/api/").json())
    assert endpoints >= {
        "programmes",
        "cohorts",
        "agencies",
        "participants",
        "projects",
        "milestones",
        "updates",
        "budget-lines",
        "assignments",
    }


# --- the error shape ------------------------------------------------------------------------------


def test_field_errors_keep_their_field_and_model_wide_ones_become_non_field_errors():
    error = ValidationError({"target_date": ["Too late."], "__all__": ["Inconsistent."]})
    assert validation_detail(error) == {"target_date": ["Too late."], "non_field_errors": ["Inconsistent."]}


def test_a_plain_service_error_becomes_a_non_field_error():
    assert validation_detail(ValidationError("Not now.")) == {"non_field_errors": ["Not now."]}


# --- schema and docs ------------------------------------------------------------------------------


def test_the_schema_is_served_and_describes_the_endpoints(api_client):
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    paths = schema["paths"]
    assert "/api/projects/{id}/approve/" in paths
    assert "/api/projects/{id}/return/" in paths
    assert "/api/auth/token/" in paths
    assert "multipart/form-data" in paths["/api/updates/"]["post"]["requestBody"]["content"]


def local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


@pytest.fixture
def static_served(settings):
    """Let WhiteNoise serve the sidecar's files from the app directories, as runserver does."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def test_the_docs_page_loads_only_local_scripts_that_the_csp_allows(client, static_served):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script would be blocked by the CSP"
    assert "http://" not in html and "https://" not in html
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 4  # the stylesheet, two Swagger UI bundles and the start-up script
    for url in assets:
        url = url.replace("&amp;", "&")
        assert local(url), url
        asset = client.get(url)
        assert asset.status_code == 200, url


def test_the_docs_start_up_script_points_only_at_this_site(client):
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert '"/api/schema/"' in script
    assert "http://" not in script and "https://" not in script
    assert '"validatorUrl": null' in script


@pytest.mark.browser
def test_swagger_ui_renders_under_the_csp_in_a_real_browser(live_server, page):
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    # Swagger UI renders only the tags near the viewport, so the deep link brings "projects" into view.
    page.goto(f"{live_server.url}/api/docs/#/projects")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Diklat Tracker API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector('.opblock-tag[data-tag="projects"]', timeout=15_000)
    assert page.locator(".opblock-tag", has_text="projects").count() == 1
    assert violations == []


def test_factories_password_matches_this_module():
    user = factories.UserFactory.build()
    assert user.check_password(PASSWORD)
