"""The account settings come from the environment, with defaults that work without one."""

import importlib

import pytest

from diklat import account_settings


@pytest.fixture
def reloaded(monkeypatch):
    """diklat.account_settings as read with the given environment."""

    def read(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(account_settings)

    yield read
    monkeypatch.undo()
    importlib.reload(account_settings)


def test_without_an_smtp_host_mail_is_printed_to_the_console(reloaded, monkeypatch):
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    assert reloaded().MAILERS == {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


def test_in_production_without_an_smtp_host_mail_goes_to_the_local_mail_server(reloaded, monkeypatch):
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    mailer = reloaded(DJANGO_DEBUG="0").MAILERS["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "localhost" and mailer["OPTIONS"]["port"] == 25
    assert not mailer["OPTIONS"]["use_tls"]


def test_an_smtp_host_from_the_environment_sends_real_mail(reloaded):
    mailer = reloaded(EMAIL_HOST="smtp.bpsdm.example.go.id", EMAIL_HOST_USER="diklat", EMAIL_HOST_PASSWORD="x")
    assert mailer.MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = mailer.MAILERS["default"]["OPTIONS"]
    assert options["host"] == "smtp.bpsdm.example.go.id" and options["port"] == 587
    assert options["use_tls"] and not options["use_ssl"]
    assert options["username"] == "diklat" and options["password"] == "x"


def test_implicit_tls_uses_port_465(reloaded):
    options = reloaded(EMAIL_HOST="smtp.example.go.id", EMAIL_USE_SSL="1").MAILERS["default"]["OPTIONS"]
    assert options["port"] == 465 and options["use_ssl"] and not options["use_tls"]


def test_lockout_tokens_and_sessions_are_configurable(reloaded):
    configured = reloaded(
        LOGIN_FAILURE_LIMIT="10",
        LOGIN_COOLOFF_MINUTES="60",
        API_TOKEN_TTL_HOURS="8",
        DJANGO_SESSION_IDLE_TIMEOUT="600",
        API_THROTTLE_TOKEN="5/minute",
    )
    assert configured.AXES_FAILURE_LIMIT == 10
    assert configured.AXES_COOLOFF_TIME.total_seconds() == 3600
    assert configured.REST_KNOX["TOKEN_TTL"].total_seconds() == 8 * 3600
    assert configured.SESSION_IDLE_TIMEOUT == 600
    assert configured.API_THROTTLE_RATES["auth_token"] == "5/minute"
