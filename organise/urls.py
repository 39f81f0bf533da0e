from django.urls import path

from .views import assignments as assignment_views
from .views import cohorts
from .views import imports as import_views
from .views import invitations as invitation_views
from .views import overview as overview_views
from .views import seminars as seminar_views
from .views import sessions as session_views
from .views import setup as setup_views

app_name = "organise"

urlpatterns = [
    path("", cohorts.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_pk>/", cohorts.cohort_home, name="cohort"),
    path("cohorts/<int:cohort_pk>/overview/", overview_views.overview, name="overview"),
    path("cohorts/<int:cohort_pk>/overview/export/", overview_views.overview_export, name="overview_export"),
    path("cohorts/new/", setup_views.cohort_new, name="cohort-new"),
    path("cohorts/<int:cohort_pk>/edit/", setup_views.cohort_edit, name="cohort-edit"),
    path("cohorts/<int:cohort_pk>/copy/", setup_views.cohort_copy, name="cohort-copy"),
    path("cohorts/<int:cohort_pk>/seminars/", seminar_views.seminar_list, name="seminars"),
    path("cohorts/<int:cohort_pk>/seminars/new/", seminar_views.seminar_new, name="seminar-new"),
    path("cohorts/<int:cohort_pk>/seminars/<int:seminar_pk>/", seminar_views.seminar_detail, name="seminar"),
    path("cohorts/<int:cohort_pk>/sessions/<int:session_pk>/", session_views.session_detail, name="session"),
    path("cohorts/<int:cohort_pk>/sessions/<int:session_pk>/panel/", session_views.session_panel, name="session-panel"),
    path("cohorts/<int:cohort_pk>/sessions/<int:session_pk>/order/", session_views.session_order, name="session-order"),
    path("cohorts/<int:cohort_pk>/sessions/<int:session_pk>/move/", session_views.session_move, name="session-move"),
    path(
        "cohorts/<int:cohort_pk>/sessions/<int:session_pk>/details/",
        session_views.session_details,
        name="session-details",
    ),
    path("cohorts/<int:cohort_pk>/imports/", import_views.import_list, name="imports"),
    path("cohorts/<int:cohort_pk>/imports/template.xlsx", import_views.import_template, name="import_template"),
    path("cohorts/<int:cohort_pk>/imports/<int:batch_pk>/", import_views.import_batch, name="import"),
    path("cohorts/<int:cohort_pk>/imports/<int:batch_pk>/file/", import_views.import_replace, name="import_replace"),
    path("cohorts/<int:cohort_pk>/imports/<int:batch_pk>/rows/", import_views.import_rows, name="import_rows"),
    path(
        "cohorts/<int:cohort_pk>/imports/<int:batch_pk>/agency/",
        import_views.import_choose_agency,
        name="import_agency",
    ),
    path(
        "cohorts/<int:cohort_pk>/imports/<int:batch_pk>/new-agency/",
        import_views.import_new_agency,
        name="import_new_agency",
    ),
    path("cohorts/<int:cohort_pk>/imports/<int:batch_pk>/commit/", import_views.import_commit, name="import_commit"),
    path("cohorts/<int:cohort_pk>/imports/<int:batch_pk>/revert/", import_views.import_revert, name="import_revert"),
    path("cohorts/<int:cohort_pk>/invitations/", invitation_views.invitations, name="invitations"),
    path("cohorts/<int:cohort_pk>/assignments/", assignment_views.assignments, name="assignments"),
    path(
        "cohorts/<int:cohort_pk>/assignments/suggested/",
        assignment_views.accept_suggestions,
        name="assignments_suggested",
    ),
    path(
        "cohorts/<int:cohort_pk>/assignments/<int:assignment_pk>/remove/",
        assignment_views.remove_assignment,
        name="assignment_remove",
    ),
]
