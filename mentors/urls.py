from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("", views.participants, name="participants"),
    path("projects/<int:pk>/review/", views.review, name="review"),
]
