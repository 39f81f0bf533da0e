from django.urls import include, path

from .views import attendance, events, followup, groups, judging, missions, people

app_name = "events"

urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_new, name="new"),
    path("<int:event_pk>/", events.event_detail, name="detail"),
    path("<int:event_pk>/edit/", events.event_edit, name="edit"),
    path("<int:event_pk>/status/", events.event_status, name="status"),
    path("<int:event_pk>/venues/", events.venue_add, name="venue-add"),
    path("<int:event_pk>/venues/<int:venue_pk>/choose/", events.venue_choose, name="venue-choose"),
    path("<int:event_pk>/agenda/", events.session_add, name="session-add"),
    path("<int:event_pk>/agenda/<int:session_pk>/delete/", events.session_delete, name="session-delete"),
    path("<int:event_pk>/agenda/<int:session_pk>/materials/", events.material_add, name="material-add"),
    path("<int:event_pk>/materials/<int:material_pk>/", events.material_download, name="material"),
    path("<int:event_pk>/invitees/", people.invitee_list, name="invitees"),
    path("<int:event_pk>/invitees/heads/", people.invite_heads, name="invite-heads"),
    path("<int:event_pk>/invitees/person/", people.invite_person, name="invite-person"),
    path("<int:event_pk>/invitees/<int:invitee_pk>/respond/", people.respond_for, name="respond-for"),
    path("<int:event_pk>/invitees/<int:invitee_pk>/remove/", people.uninvite, name="uninvite"),
    path("<int:event_pk>/respond/", people.respond, name="respond"),
    path("<int:event_pk>/check-in/", attendance.check_in, name="check-in"),
    path("<int:event_pk>/check-in/screen/", attendance.check_in_screen, name="check-in-screen"),
    path("<int:event_pk>/check-in/code/", attendance.check_in_code, name="check-in-code"),
    path("<int:event_pk>/attendance/", attendance.attendance_list, name="attendance"),
    path("<int:event_pk>/attendance/tick/", attendance.attendance_tick, name="attendance-tick"),
    path("<int:event_pk>/attendance/<int:check_in_pk>/remove/", attendance.attendance_untick, name="attendance-untick"),
    path("<int:event_pk>/attendance/print/", attendance.attendance_print, name="attendance-print"),
    path("<int:event_pk>/groups/", groups.group_list, name="groups"),
    path("<int:event_pk>/groups/split/", groups.group_split, name="groups-split"),
    path("<int:event_pk>/groups/move/", groups.group_move, name="groups-move"),
    path("<int:event_pk>/groups/<int:group_pk>/captain/", groups.group_captain, name="group-captain"),
    path("<int:event_pk>/groups/<int:group_pk>/name/", groups.group_rename, name="group-rename"),
    path("<int:event_pk>/missions/", missions.mission_list, name="missions"),
    path("<int:event_pk>/missions/new/", missions.mission_add, name="mission-add"),
    path("<int:event_pk>/missions/from-bank/", missions.mission_from_bank, name="mission-from-bank"),
    path("<int:event_pk>/missions/<int:mission_pk>/", missions.mission_detail, name="mission"),
    path("<int:event_pk>/missions/<int:mission_pk>/edit/", missions.mission_edit, name="mission-edit"),
    path("<int:event_pk>/review/", judging.review_queue, name="review"),
    path("<int:event_pk>/review/judged/", judging.judged_list, name="judged"),
    path("<int:event_pk>/review/<int:submission_pk>/", judging.review_judge, name="judge"),
    path("<int:event_pk>/leaderboard/", judging.leaderboard, name="leaderboard"),
    path("<int:event_pk>/gallery/", judging.gallery, name="gallery"),
    path("<int:event_pk>/files/<int:file_pk>/", judging.submission_file, name="file"),
    path(
        "<int:event_pk>/files/<int:file_pk>/thumbnail/", judging.submission_file, {"thumbnail": True}, name="thumbnail"
    ),
    path("<int:event_pk>/funding/", followup.funding_list, name="funding"),
    path("<int:event_pk>/funding/new/", followup.funding_add, name="funding-add"),
    path("<int:event_pk>/funding/<int:line_pk>/", followup.funding_edit, name="funding-edit"),
    path("<int:event_pk>/funding/<int:line_pk>/documents/", followup.funding_document, name="funding-document"),
    path(
        "<int:event_pk>/funding/documents/<int:document_pk>/", followup.funding_document_download, name="funding-file"
    ),
    path("<int:event_pk>/actions/", followup.action_list, name="actions"),
    path("<int:event_pk>/actions/new/", followup.action_add, name="action-add"),
    path("<int:event_pk>/actions/<int:item_pk>/", followup.action_detail, name="action"),
    path("<int:event_pk>/evaluation/", followup.evaluation, name="evaluation"),
    path("", include("events.export_urls")),
]
