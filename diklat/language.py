"""The language of the pages: Indonesian for everyone, English only for whoever picks it.

Django's LocaleMiddleware follows the browser's Accept-Language, so an official whose laptop came
set to American English got the whole product in English without asking. Here the browser is not
asked: a logged-in user's own choice (remembered on their account, so it follows them to another
phone), else the choice made on this browser before logging in (the language cookie), else Indonesian.

Only the API still honours Accept-Language, because there it is sent on purpose by a program, not
by a browser's factory setting.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def offered(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def chosen_language(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and offered(user.language):
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if offered(cookie):
        return cookie
    if request.path.startswith(API_PREFIX):
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """After AuthenticationMiddleware, since the user's account holds their choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        # Left active after the response, as LocaleMiddleware does: a streamed export renders later.
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if request.path.startswith(API_PREFIX):
            patch_vary_headers(response, ["Accept-Language"])
        return response
