"""Production settings: `check --deploy` prints nothing; the HTTPS settings come from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_")) and name != "PYTEST_CURRENT_TEST"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="diklat.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="tracker.example.go.id",
        DJANGO_PUBLIC_URL="https://tracker.example.go.id",
        DATABASE_URL="postgres://tracker:secret@db.invalid:5432/tracker",
    )
    env.update(overrides)
    return env


def run(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=production_env(**env), capture_output=True, text=True
    )


def setting(name: str, **env) -> str:
    result = run(
        "shell", "--no-imports", "-c", f"from django.conf import settings; print(repr(settings.{name}))", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_with_production_settings_prints_no_warning():
    result = run("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_sends_hsts_for_a_year_with_subdomains_and_redirects_to_https():
    assert setting("SECURE_HSTS_SECONDS") == "31536000"
    assert setting("SECURE_HSTS_INCLUDE_SUBDOMAINS") == "True"
    assert setting("SECURE_SSL_REDIRECT") == "True"
    assert setting("SECURE_PROXY_SSL_HEADER") == "None"


def test_the_https_settings_can_be_set_for_a_deployment_behind_a_proxy():
    env = {
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "DJANGO_SECURE_HSTS_SECONDS": "3600",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    assert setting("SECURE_PROXY_SSL_HEADER", **env) == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert setting("SECURE_HSTS_SECONDS", **env) == "3600"
    assert setting("SECURE_SSL_REDIRECT", **env) == "False"


def test_development_sends_no_hsts_and_does_not_redirect():
    env = {"DJANGO_DEBUG": "1"}
    assert setting("SECURE_HSTS_SECONDS", **env) == "0"
    assert setting("SECURE_SSL_REDIRECT", **env) == "False"
