"""Warm a fresh server process so that its first request costs what its second does.

Django defers most of its start-up to the first request: the URLconf (and with it every view,
serializer and form module), the template engine and its tag libraries, each template's
compilation, the translation catalogs of each language, the static files manifest. A server
that calls these functions before it accepts connections pays that once, off the request path.
"""

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections
from django.template import engines

logger = logging.getLogger(__name__)

# Anonymous and read-only: it renders templates, reverses URLs and issues a CSRF token, but
# runs no query, so it is safe in a process that is about to fork.
WARM_PATH = "/accounts/login/"


def warm_up_code(application: Callable) -> None:
    """Build the models' relation maps, compile the project's templates and render the login page in each language."""
    # Every model's reverse relations are found by walking all models, the first time one is asked for.
    for model in apps.get_models():
        model._meta.get_fields()
    for name in project_templates():
        engines["django"].get_template(name)
    for language, _name in settings.LANGUAGES:
        status = request_once(application, WARM_PATH, language)
        if status != "200 OK":
            logger.warning("Warm-up request for %s (%s) answered %s", WARM_PATH, language, status)
    # The page needs no database; closing makes sure no connection outlives a fork all the same.
    connections.close_all()


def warm_up_database() -> None:
    """Open this process's database connection (the pool's, on PostgreSQL) and read every table; not before a fork."""
    try:
        for connection in connections.all():
            # A new PostgreSQL session reads each table's catalog entries on its first query that
            # uses it: about a millisecond a table, which the first request would pay otherwise.
            for model in apps.get_models():
                if model._meta.managed and not model._meta.proxy:
                    model._base_manager.using(connection.alias).exists()
            connection.close()
    except DatabaseError:
        # A database that is down now may be up by the first request; a worker that fails its
        # start stops the whole server, so this only warns.
        logger.warning("Warm-up could not reach the database", exc_info=True)


def project_templates() -> Iterable[str]:
    """The names of the templates in the project's own template folders."""
    for folder in map(Path, settings.TEMPLATES[0]["DIRS"]):
        for path in sorted(folder.rglob("*.html")):
            yield path.relative_to(folder).as_posix()


def request_once(application: Callable, path: str, language: str) -> str:
    """Send one GET through the WSGI application, as the server would, and return its status line."""
    environ = {
        "PATH_INFO": path,
        "HTTP_HOST": warm_host(),
        "HTTP_ACCEPT_LANGUAGE": language,
        "REMOTE_ADDR": "127.0.0.1",
    }
    setup_testing_defaults(environ)
    answer: list[str] = []
    response = application(environ, lambda status, headers, exc_info=None: answer.append(status))
    try:
        for _chunk in response:
            pass
    finally:
        if hasattr(response, "close"):
            response.close()
    return answer[0]


def warm_host() -> str:
    """A host name the site accepts, so that the warm-up request passes ALLOWED_HOSTS."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "localhost"
