"""Fixtures for the notifications tests: the fake WhatsApp gateway (see fake_gateway.py)."""

from tests.notifications.fake_gateway import fake_gateway  # noqa: F401
