"""The demo, built once per test run in a site of its own, and its backup."""

from pathlib import Path

import pytest

from tests.backup.sites import Site, sqlite_site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Site:
    """A SQLite site with the demo cohort and its evidence files (about 25 s: migrate, then load_demo)."""
    site = sqlite_site(tmp_path_factory.mktemp("demo-site"))
    site.manage_ok("migrate", "--noinput", "-v0")
    site.manage_ok("load_demo")
    return site


@pytest.fixture(scope="session")
def demo_archive(demo_site, tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("demo-backup") / "demo.tar.gz"
    demo_site.manage_ok("backup", "--output", str(archive))
    return archive


@pytest.fixture
def fresh_site(tmp_path) -> Site:
    """A site with no database file and no media folder yet."""
    return sqlite_site(tmp_path / "fresh")
