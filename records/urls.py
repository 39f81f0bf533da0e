from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("records/<int:pk>/pdf/", views.download, name="download"),
    path("verify/<text:code>/", views.verify, name="verify"),
]
