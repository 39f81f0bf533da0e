"""Each decision tells the people it concerns, once the change is committed, through the queue."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.feedback import give_feedback, move_feedback
from notifications.kinds import Kind
from notifications.models import Delivery, Notification
from projects.services.lifecycle import approve_project, return_project, submit_project
from tests import factories

pytestmark = pytest.mark.django_db


def ready_to_submit(project):
    for horizon in ("short", "medium", "long"):
        factories.MilestoneFactory(project=project, horizon=horizon)
    return project


def test_a_submitted_project_tells_its_mentor_by_mail_after_the_commit(
    project, mentor, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    mentor.email = "mentor@example.go.id"
    mentor.save()
    ready_to_submit(project)
    with django_capture_on_commit_callbacks() as callbacks:
        submit_project(project, by=project.enrolment.participant.user)
    assert Notification.objects.count() == 0  # nothing before the commit
    run_tasks(callbacks)
    notification = Notification.objects.get()
    assert notification.recipient == mentor and notification.kind == Kind.PROJECT_STATUS
    assert project.enrolment.participant.user.full_name in notification.title
    assert notification.link == f"/projects/{project.pk}/"
    delivery = notification.deliveries.get()
    assert (delivery.channel, delivery.status, delivery.attempts) == ("email", Delivery.Status.SENT, 1)
    assert [mail.to for mail in mailoutbox] == [["mentor@example.go.id"]]
    assert mailoutbox[0].subject == notification.title
    assert f"/notifications/{notification.pk}/" in mailoutbox[0].body
    assert "/notifications/unsubscribe/" in mailoutbox[0].body
    assert mailoutbox[0].extra_headers["List-Unsubscribe"].startswith("<http")


def test_approval_and_return_tell_the_participant(project, mentor, run_tasks, django_capture_on_commit_callbacks):
    owner = project.enrolment.participant.user
    ready_to_submit(project)
    with django_capture_on_commit_callbacks() as callbacks:
        submit_project(project, by=owner)
        return_project(project, by=mentor, comment="Perjelas indikator jangka pendek.")
        submit_project(project, by=owner)
        approve_project(project, by=mentor)
    run_tasks(callbacks)
    told = list(Notification.objects.filter(recipient=owner).order_by("pk").values_list("title", "body"))
    assert len(told) == 2
    assert told[0][0].startswith("Your project was returned") and told[0][1] == "Perjelas indikator jangka pendek."
    assert told[1][0].startswith("Your project is approved")
    assert Notification.objects.filter(recipient=mentor).count() == 2  # both submissions


def test_a_task_run_twice_tells_nobody_twice(project, mentor, run_tasks, django_capture_on_commit_callbacks):
    ready_to_submit(project)
    with django_capture_on_commit_callbacks() as callbacks:
        submit_project(project, by=project.enrolment.participant.user)
    run_tasks(callbacks + callbacks)  # the same event enqueued twice (a retried task)
    assert Notification.objects.count() == 1


def test_feedback_given_done_verified_and_rejected_go_to_the_right_person(
    approved_project, run_tasks, django_capture_on_commit_callbacks, tmp_path
):
    project = approved_project
    owner = project.enrolment.participant.user
    examiner = factories.AssignmentFactory(enrolment=project.enrolment, role="examiner").user
    due = timezone.localdate() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks() as callbacks:
        item = give_feedback(
            project, by=examiner, category="scope", text="Libatkan kecamatan.", owner="Peserta", due_date=due
        )
    run_tasks(callbacks)
    given = Notification.objects.get(recipient=owner)
    assert given.kind == Kind.FEEDBACK_UPDATE and "Libatkan kecamatan." in given.title
    assert given.link == f"/seminars/feedback/{item.pk}/"
    proof = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    with django_capture_on_commit_callbacks() as callbacks:
        move_feedback(item, "accepted", by=owner)
        move_feedback(item, "implemented", by=owner, files=[proof])
    run_tasks(callbacks)
    assert Notification.objects.filter(recipient=examiner).get().title.startswith("Your feedback is reported done")
    assert Notification.objects.filter(recipient=owner).count() == 1  # accepting by oneself tells nobody
    with django_capture_on_commit_callbacks() as callbacks:
        move_feedback(item, "rejected", by=examiner, note="Bukti belum menunjukkan keterlibatan kecamatan.")
    run_tasks(callbacks)
    rejected = Notification.objects.filter(recipient=owner).latest("pk")
    assert rejected.title.startswith("Feedback implementation rejected")
    assert rejected.body == "Bukti belum menunjukkan keterlibatan kecamatan."


def test_verified_feedback_tells_the_participant(approved_project, run_tasks, django_capture_on_commit_callbacks):
    owner = approved_project.enrolment.participant.user
    examiner = factories.AssignmentFactory(enrolment=approved_project.enrolment, role="examiner").user
    due = timezone.localdate() + datetime.timedelta(days=30)
    item = give_feedback(
        approved_project, by=examiner, category="scope", text="Libatkan kecamatan.", owner="Peserta", due_date=due
    )
    proof = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    move_feedback(item, "accepted", by=owner)
    move_feedback(item, "implemented", by=owner, files=[proof])
    with django_capture_on_commit_callbacks() as callbacks:
        move_feedback(item, "verified", by=examiner, note="Sudah melibatkan tiga kecamatan.")
    run_tasks(callbacks)
    (told,) = Notification.objects.filter(recipient=owner)
    assert told.title == "Feedback verified: Libatkan kecamatan." and told.body == "Sudah melibatkan tiga kecamatan."
