"""URL converters: a path segment that reaches a query holds no NUL character.

Django's ``str`` converter matches ``%00``, which PostgreSQL refuses in a text parameter with a
DataError (a 500); ``<text:...>`` is ``str`` without it, so such a path is simply not found.
"""

from django.urls import register_converter
from django.urls.converters import StringConverter


class TextConverter(StringConverter):
    regex = "[^/\x00]+"


register_converter(TextConverter, "text")
