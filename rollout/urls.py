from django.urls import path

from . import views

app_name = "rollout"

urlpatterns = [
    path("projects/<int:project_pk>/", views.project_rollout, name="project"),
    path("projects/<int:project_pk>/innovation/", views.innovation_edit, name="innovation_edit"),
    path("innovations/<int:pk>/stage/", views.innovation_stage, name="innovation_stage"),
    path("innovations/<int:pk>/targets/", views.targets_edit, name="targets"),
    path("innovations/<int:pk>/adoptions/new/", views.adoption_create, name="adoption_create"),
    path("adoptions/<int:pk>/stage/", views.adoption_stage, name="adoption_stage"),
    path("adoptions/<int:pk>/evidence/new/", views.evidence_create, name="evidence_create"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
