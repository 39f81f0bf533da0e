"""The site's URLs with the event exports under ``events:`` until events/urls.py includes them."""

from django.urls import get_resolver, include, path

from events import export_urls

_site = get_resolver("diklat.urls")
urlpatterns = list(_site.url_patterns)
if "events" not in _site.namespace_dict:
    urlpatterns.append(path("events/", include((export_urls, "events"))))
