from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # At the root: a worker controls only the pages under the folder it is served from.
    path("service-worker.js", views.service_worker, name="service-worker"),
    path("offline/", views.offline_page, name="page"),
    path("outbox/", views.outbox_page, name="outbox"),
]
