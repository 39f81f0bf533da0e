from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/<int:enrolment_pk>/", views.project_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("<int:pk>/budget/new/", views.budget_create, name="budget_create"),
    path("budget/<int:pk>/edit/", views.budget_edit, name="budget_edit"),
    path("budget/<int:pk>/delete/", views.budget_delete, name="budget_delete"),
    path("<int:pk>/updates/new/", views.update_create, name="update_create"),
    path("<int:pk>/transition/<slug:name>/", views.transition, name="transition"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
