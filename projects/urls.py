from django.urls import path

from .views import budget, confirmations, design, gallery, history, milestones, updates

app_name = "projects"

urlpatterns = [
    path("", design.dashboard, name="dashboard"),
    path("new/<int:enrolment_pk>/", design.project_create, name="create"),
    path("<int:pk>/", design.detail, name="detail"),
    path("<int:pk>/edit/", design.project_edit, name="edit"),
    path("<int:pk>/history/", history.history, name="history"),
    path("<int:pk>/milestones/new/", milestones.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", milestones.milestone_delete, name="milestone_delete"),
    path("<int:pk>/budget/new/", budget.budget_create, name="budget_create"),
    path("budget/<int:pk>/edit/", budget.budget_edit, name="budget_edit"),
    path("budget/<int:pk>/delete/", budget.budget_delete, name="budget_delete"),
    path("budget/<int:pk>/approve/", confirmations.budget_approve, name="budget_approve"),
    path("budget/<int:pk>/realise/", confirmations.budget_realise, name="budget_realise"),
    path("budget/evidence/<int:pk>/", confirmations.budget_evidence, name="budget_evidence"),
    path("<int:pk>/commitment/new/", confirmations.commitment_create, name="commitment_create"),
    path("commitment/scan/<int:pk>/", confirmations.commitment_scan, name="commitment_scan"),
    path("<int:pk>/updates/new/", updates.update_create, name="update_create"),
    path("<int:pk>/transition/<slug:name>/", design.transition, name="transition"),
    path("evidence/<int:pk>/", updates.evidence_download, name="evidence"),
    path("evidence/<int:pk>/thumbnail/", gallery.evidence_thumbnail, name="evidence_thumbnail"),
    path("evidence/<int:pk>/preview/", gallery.evidence_preview, name="evidence_preview"),
    path("<int:pk>/gallery/", gallery.gallery, name="gallery"),
]
