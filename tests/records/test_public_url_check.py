"""check --deploy warns while the verification links printed on the PDFs would point nowhere public."""

import pytest

from records.checks import public_url_is_the_sites


@pytest.mark.parametrize("url", ["http://localhost:8000", "http://127.0.0.1", "http://tracker.example.go.id", "x"])
def test_a_local_or_plain_http_public_url_is_a_deployment_warning(settings, url):
    settings.RECORDS_PUBLIC_URL = url

    warnings = public_url_is_the_sites()

    assert [w.id for w in warnings] == ["records.W001"]
    assert url in warnings[0].msg


def test_the_sites_https_address_passes(settings):
    settings.RECORDS_PUBLIC_URL = "https://tracker.example.go.id"

    assert public_url_is_the_sites() == []
