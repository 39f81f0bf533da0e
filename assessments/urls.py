from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.seminar_day, name="day"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/finalise/", views.finalise, name="finalise"),
    path("sessions/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("sessions/<int:pk>/absences/", views.absence, name="absence"),
    path("sessions/<int:pk>/absences/<int:absence_pk>/withdraw/", views.absence_withdraw, name="absence-withdraw"),
    path("sessions/<int:pk>/sheet/", views.score_sheet, name="sheet"),
    path("sessions/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("presentations/<int:pk>/score/", views.score, name="score"),
    path("my-results/", views.my_results, name="my-results"),
    path("feedback/", views.feedback_list, name="feedback-list"),
    path("feedback/new/<int:project_pk>/", views.feedback_create, name="feedback-new"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback"),
    path("feedback/<int:pk>/move/", views.feedback_move, name="feedback-move"),
    path("feedback/<int:pk>/budget/", views.feedback_budget, name="feedback-budget"),
    path("feedback/evidence/<int:pk>/", views.evidence_download, name="feedback-evidence"),
]
