"""The event exports' address, included by events/urls.py under the ``events`` namespace (``events:export``)."""

from django.urls import path

from .export_views import export

urlpatterns = [path("<int:event_pk>/export/<slug:table>/", export, name="export")]
