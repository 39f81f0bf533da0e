"""The WhatsApp channel against a real HTTP gateway on 127.0.0.1: what it sends, and how each answer maps."""

import io
import json
import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from notifications.channels.base import Outgoing, PermanentFailure, TemporaryFailure
from notifications.channels.whatsapp import ConsoleWhatsApp, WhatsAppGateway, whatsapp_channel, whatsapp_text


def outgoing(**overrides) -> Outgoing:
    fields = {
        "to": "+6281234567890",
        "subject": "Seminar rancangan besok",
        "text": "Sesi Anda mulai pukul 09.00 WITA.",
        "html": "<p>Sesi Anda mulai pukul 09.00 WITA.</p>",
        "reference": "delivery-41",
    }
    return Outgoing(**(fields | overrides))


def failure(kind, message=None, gateway=None):
    with pytest.raises(kind) as caught:
        (gateway or WhatsAppGateway()).send(message or outgoing())
    return caught.value


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/messages"


# --- a message that goes through ---------------------------------------------------------------


def test_a_sent_message_returns_the_gateways_id(fake_gateway):
    assert WhatsAppGateway().send(outgoing()) == fake_gateway.messages[0].id


def test_the_gateway_gets_the_number_in_plus_62_form(fake_gateway):
    WhatsAppGateway().send(outgoing(to="0812-3456-7890"))
    assert fake_gateway.messages[0].to == "+6281234567890"


def test_the_gateway_gets_the_subject_in_bold_then_the_plain_text(fake_gateway):
    WhatsAppGateway().send(outgoing())
    assert fake_gateway.messages[0].message == "*Seminar rancangan besok*\n\nSesi Anda mulai pukul 09.00 WITA."


def test_the_gateway_gets_the_bearer_token_and_the_reference_as_idempotency_key(fake_gateway):
    WhatsAppGateway().send(outgoing())
    received = fake_gateway.messages[0]
    assert received.headers["Authorization"] == f"Bearer {fake_gateway.token}"
    assert received.headers["Idempotency-Key"] == "delivery-41"
    assert received.headers["Content-Type"] == "application/json"
    assert received.reference == "delivery-41"


def test_the_same_reference_sent_twice_reaches_the_gateway_once_with_one_id(fake_gateway):
    first = WhatsAppGateway().send(outgoing())
    second = WhatsAppGateway().send(outgoing())
    assert first == second
    assert len(fake_gateway.messages) == 1
    assert fake_gateway.requests == 2


def test_different_references_are_two_messages(fake_gateway):
    WhatsAppGateway().send(outgoing(reference="delivery-41"))
    WhatsAppGateway().send(outgoing(reference="delivery-42"))
    assert len(fake_gateway.messages) == 2


def test_a_2xx_without_an_id_counts_as_sent_with_an_empty_id_and_a_warning(fake_gateway, caplog):
    fake_gateway.respond(status=200, body="OK")
    with caplog.at_level(logging.WARNING, logger="notifications.channels.whatsapp"):
        assert WhatsAppGateway().send(outgoing()) == ""
    assert "without a message id" in caplog.text
    assert "delivery-41" in caplog.text


# --- answers that mean "try again later" -------------------------------------------------------


def test_a_500_is_a_temporary_failure_naming_the_status(fake_gateway):
    fake_gateway.respond(status=500, body={"error": "upstream down"})
    error = failure(TemporaryFailure)
    assert "500" in str(error)
    assert "upstream down" in str(error)


def test_a_503_then_a_working_gateway_sends_on_the_retry(fake_gateway):
    fake_gateway.respond(status=503)
    failure(TemporaryFailure)
    assert WhatsAppGateway().send(outgoing()) == fake_gateway.messages[0].id


def test_a_gateway_slower_than_the_timeout_is_a_temporary_failure_well_under_2_seconds(fake_gateway):
    fake_gateway.respond(delay=2.0)
    started = time.monotonic()
    error = failure(TemporaryFailure)
    assert time.monotonic() - started < 1.5
    assert "timed out" in str(error)
    assert "0.5 s" in str(error)


def test_a_429_with_retry_after_is_temporary_and_carries_the_wait(fake_gateway):
    fake_gateway.respond(status=429, retry_after=7)
    error = failure(TemporaryFailure)
    assert error.retry_after == 7
    assert "429" in str(error)


def test_a_429_without_retry_after_leaves_the_wait_to_the_back_off(fake_gateway):
    fake_gateway.respond(status=429)
    assert failure(TemporaryFailure).retry_after is None


def test_a_429_with_retry_after_as_a_date_gives_the_seconds_until_then(fake_gateway):
    fake_gateway.respond(status=429, retry_after="Wed, 21 Oct 2015 07:28:00 GMT")
    assert failure(TemporaryFailure).retry_after == 0


def test_a_closed_port_is_a_temporary_failure_saying_connection_refused():
    error = failure(TemporaryFailure, gateway=WhatsAppGateway(url=closed_port_url(), token="t", timeout=0.5))
    assert "connection refused" in str(error)


def test_an_unknown_host_is_a_temporary_failure_saying_dns(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    gateway = WhatsAppGateway(url="http://gateway.invalid/messages", token="t", timeout=0.5)
    assert "DNS" in str(failure(TemporaryFailure, gateway=gateway))


# --- answers that mean "sending again will not help" -------------------------------------------


def test_a_400_is_a_permanent_failure_carrying_the_gateways_words(fake_gateway):
    fake_gateway.respond(status=400, body={"error": "nomor tidak terdaftar di WhatsApp"})
    error = failure(PermanentFailure)
    assert "nomor tidak terdaftar di WhatsApp" in str(error)
    assert "400" in str(error)


@pytest.mark.parametrize("body", [{"error": "x" * 1000}, "x" * 1000])
def test_the_gateways_error_text_is_cut_to_300_characters(fake_gateway, body):
    fake_gateway.respond(status=422, body=body)
    error = str(failure(PermanentFailure))
    assert "x" * 300 in error
    assert "x" * 301 not in error


def test_a_wrong_token_is_a_permanent_failure_called_a_configuration_error(fake_gateway, settings):
    settings.WHATSAPP_GATEWAY_TOKEN = "not-the-token"
    error = failure(PermanentFailure)
    assert "401" in str(error)
    assert "configuration error" in str(error)
    assert "WHATSAPP_GATEWAY_TOKEN" in str(error)
    assert fake_gateway.messages == []


def test_a_redirect_is_a_permanent_failure_and_the_message_is_not_resent_as_get(fake_gateway):
    fake_gateway.respond(status=302, headers={"Location": "http://127.0.0.1:1/elsewhere"})
    assert "302" in str(failure(PermanentFailure))
    assert fake_gateway.requests == 1


def test_a_landline_is_refused_before_the_gateway_is_asked(fake_gateway):
    error = failure(PermanentFailure, outgoing(to="021-5550-1234"))
    assert "landline" in str(error)
    assert fake_gateway.requests == 0


def test_a_gateway_address_that_is_not_http_is_refused_without_a_request():
    gateway = WhatsAppGateway(url="file:///etc/passwd", token="t")
    assert "http" in str(failure(PermanentFailure, gateway=gateway))


# --- the token stays secret --------------------------------------------------------------------


def test_the_token_never_appears_in_a_failure_even_when_the_gateway_echoes_it(fake_gateway):
    fake_gateway.respond(status=400, body={"error": f"bad request with Bearer {fake_gateway.token}"})
    fake_gateway.respond(status=500, body=f"token {fake_gateway.token}")
    fake_gateway.respond(status=401)
    fake_gateway.respond(delay=2.0)
    errors = [failure(PermanentFailure), failure(TemporaryFailure), failure(PermanentFailure)]
    errors.append(failure(TemporaryFailure))
    assert all(fake_gateway.token not in f"{error!s} {error!r}" for error in errors)


def test_no_part_of_the_token_survives_where_the_error_text_is_cut(fake_gateway):
    fake_gateway.respond(status=400, body={"error": "x" * 290 + fake_gateway.token})
    assert fake_gateway.token[:10] not in str(failure(PermanentFailure))


def test_the_token_never_appears_in_the_gateways_repr(fake_gateway):
    assert fake_gateway.token not in repr(WhatsAppGateway())


def test_the_token_never_appears_in_the_warning_log(fake_gateway, caplog):
    fake_gateway.respond(status=200, body=f"sent with {fake_gateway.token}")
    with caplog.at_level(logging.DEBUG):
        WhatsAppGateway().send(outgoing())
    assert fake_gateway.token not in caplog.text


# --- the text, the console, and which one is used ----------------------------------------------


def test_the_whatsapp_text_is_plain_text_without_the_html():
    assert "<p>" not in whatsapp_text(outgoing())


def test_a_message_without_a_subject_is_the_text_alone():
    assert whatsapp_text(outgoing(subject="")) == "Sesi Anda mulai pukul 09.00 WITA."


def test_a_subject_over_several_lines_stays_one_bold_line():
    assert whatsapp_text(outgoing(subject=" Seminar\nrancangan ", text="")) == "*Seminar rancangan*"


def test_the_console_channel_writes_the_number_subject_and_text():
    stream = io.StringIO()
    provider_id = ConsoleWhatsApp(stream).send(outgoing())
    written = stream.getvalue()
    assert "+6281234567890" in written
    assert "*Seminar rancangan besok*\n\nSesi Anda mulai pukul 09.00 WITA." in written
    assert provider_id == "console-delivery-41"


def test_the_console_channel_writes_to_stdout_by_default(capsys):
    ConsoleWhatsApp().send(outgoing())
    assert "Seminar rancangan besok" in capsys.readouterr().out


def test_without_a_gateway_address_the_channel_is_the_console(settings):
    settings.WHATSAPP_GATEWAY_URL = ""
    assert isinstance(whatsapp_channel(), ConsoleWhatsApp)


def test_with_a_gateway_address_the_channel_is_the_gateway_with_its_settings(fake_gateway):
    channel = whatsapp_channel()
    assert isinstance(channel, WhatsAppGateway)
    assert (channel.url, channel.timeout, channel.name) == (fake_gateway.url, 0.5, "whatsapp")


def test_without_any_settings_the_timeout_is_10_seconds(settings):
    if hasattr(settings, "WHATSAPP_GATEWAY_TIMEOUT"):
        del settings.WHATSAPP_GATEWAY_TIMEOUT
    assert WhatsAppGateway(url="http://127.0.0.1/").timeout == 10.0


# --- the fake gateway itself -------------------------------------------------------------------


def test_the_fake_gateway_refuses_a_request_without_the_token(fake_gateway):
    request = urllib.request.Request(fake_gateway.url, data=json.dumps({"to": "+62", "message": "x"}).encode())
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=1)
    assert caught.value.code == 401


def test_a_scripted_answer_applies_to_the_next_n_requests_only(fake_gateway):
    fake_gateway.respond(status=500, times=2)
    failure(TemporaryFailure)
    failure(TemporaryFailure)
    assert WhatsAppGateway().send(outgoing())


def test_another_process_reaches_the_fake_gateway_and_its_repeat_is_not_delivered_twice(fake_gateway):
    WhatsAppGateway().send(outgoing())
    sender = (
        "import json, sys, urllib.request\n"
        "request = urllib.request.Request(sys.argv[1], method='POST', data=json.dumps("
        "{'to': '+6281234567890', 'message': 'x', 'reference': 'delivery-41'}).encode(), headers={"
        "'Authorization': 'Bearer ' + sys.argv[2], 'Idempotency-Key': 'delivery-41'})\n"
        "print(json.load(urllib.request.urlopen(request, timeout=5))['id'])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", sender, fake_gateway.url, fake_gateway.token], capture_output=True, text=True, timeout=30
    )
    assert run.stdout.strip() == fake_gateway.messages[0].id
    assert len(fake_gateway.messages) == 1
