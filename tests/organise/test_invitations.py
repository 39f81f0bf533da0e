"""Invitations: mailed on an import's commit, a link that sets the password once and only for its account,
expiring and resendable, with each person's status on the staff's page."""

import re
import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organise.imports.batches import create_batch
from organise.imports.commit import commit_batch
from organise.invitations.roster import roster
from organise.invitations.tokens import invitation_tokens
from organise.models import Invitation
from people.models import User
from tests import factories
from tests.organise.import_fixtures import csv_file, import_cohort, person

pytestmark = pytest.mark.django_db
__all__ = ["import_cohort"]
PASSWORD = "Sandi-Pertama-Gowa-2027"


def link_in(mail) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", mail.body).group(1)


def committed(cohort, rows, capture, run_tasks=None):
    """Commit the rows; with run_tasks, the worker then sends what the commit queued."""
    batch = create_batch(cohort, "a.csv", csv_file(rows))
    with capture() as callbacks:
        result = commit_batch(batch, by=cohort.staff_member)
    if run_tasks is not None:
        run_tasks(callbacks)
    return result


def accept(client, path, password=PASSWORD):
    form = client.get(path, follow=True)
    if not form.context["validlink"]:
        return form
    return client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_a_commit_mails_every_new_account_its_link(
    import_cohort, mailoutbox, django_capture_on_commit_callbacks, run_tasks
):
    result = committed(import_cohort, [person(1), person(2)], django_capture_on_commit_callbacks, run_tasks)
    assert result.invited == 3  # two participants and their shared mentor
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "hasanuddin@gowa.example.go.id",
        "peserta1@gowa.example.go.id",
        "peserta2@gowa.example.go.id",
    ]
    mail = next(mail for mail in mailoutbox if mail.to == ["peserta1@gowa.example.go.id"])
    assert "as participant" in mail.body and str(import_cohort) in mail.body and "14 days" in mail.body
    assert mail.alternatives and link_in(mail) in mail.alternatives[0][0]  # the HTML part has the same link
    mentor_mail = next(mail for mail in mailoutbox if mail.to == ["hasanuddin@gowa.example.go.id"])
    assert "as mentor" in mentor_mail.body
    invitation = Invitation.objects.get(user__email="peserta1@gowa.example.go.id")
    assert invitation.times_sent == 1 and invitation.sent_at and invitation.cohort == import_cohort


def test_nothing_is_mailed_before_the_commit_is_committed(
    import_cohort, mailoutbox, django_capture_on_commit_callbacks
):
    batch = create_batch(import_cohort, "a.csv", csv_file([person(1)]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        commit_batch(batch, by=import_cohort.staff_member)
    assert mailoutbox == [] and len(callbacks) == 1


def test_the_link_sets_the_password_once_and_logs_in(
    client, import_cohort, mailoutbox, django_capture_on_commit_callbacks, run_tasks
):
    committed(import_cohort, [person(1)], django_capture_on_commit_callbacks, run_tasks)
    mail = next(mail for mail in mailoutbox if mail.to == ["peserta1@gowa.example.go.id"])
    done = accept(client, link_in(mail))
    assert done.status_code == 302 and done["Location"] == reverse("home")
    user = User.objects.get(email="peserta1@gowa.example.go.id")
    assert user.check_password(PASSWORD)
    assert client.get(reverse("home")).wsgi_request.user == user  # logged in
    assert Invitation.objects.get(user=user).joined_at is not None
    client.logout()
    again = accept(client, link_in(mail), password="Lain-Lagi-2027-Sandi")
    assert again.status_code == 200 and not again.context["validlink"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_link_works_only_for_its_own_account(
    client, import_cohort, mailoutbox, django_capture_on_commit_callbacks, run_tasks
):
    committed(import_cohort, [person(1), person(2)], django_capture_on_commit_callbacks, run_tasks)
    first, second = (User.objects.get(email=f"peserta{n}@gowa.example.go.id") for n in (1, 2))
    token = invitation_tokens.make_token(first)
    other_uid = urlsafe_base64_encode(force_bytes(second.pk))
    response = accept(client, reverse("invitation_accept", args=[other_uid, token]))
    assert not response.context["validlink"]
    second.refresh_from_db()
    assert not second.has_usable_password()


def test_a_password_reset_token_is_no_invitation(client):
    user = factories.UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = accept(client, reverse("invitation_accept", args=[uid, default_token_generator.make_token(user)]))
    assert not response.context["validlink"]


def test_the_link_expires_after_the_days_set(client, import_cohort, settings, mailoutbox, monkeypatch):
    settings.INVITATION_VALID_DAYS = 3
    user = factories.UserFactory()
    token = invitation_tokens.make_token(user)
    later = invitation_tokens._now() + timedelta(days=3, minutes=1)
    monkeypatch.setattr(type(invitation_tokens), "_now", lambda self: later)
    assert not invitation_tokens.check_token(user, token)
    monkeypatch.setattr(type(invitation_tokens), "_now", lambda self: later - timedelta(minutes=2))
    assert invitation_tokens.check_token(user, token)


def staff_page(cohort):
    return reverse("organise:invitations", args=[cohort.pk])


def test_staff_see_each_persons_status_and_resend(
    client, import_cohort, mailoutbox, django_capture_on_commit_callbacks, run_tasks
):
    committed(import_cohort, [person(1), person(2)], django_capture_on_commit_callbacks, run_tasks)
    joined = User.objects.get(email="peserta1@gowa.example.go.id")
    joined.set_password(PASSWORD)
    joined.save()
    Invitation.objects.filter(user=joined).update(joined_at=timezone.now())
    expired = Invitation.objects.get(user__email="peserta2@gowa.example.go.id")
    fortnight_ago = timezone.now() - timedelta(days=15)
    Invitation.objects.filter(pk=expired.pk).update(queued_at=fortnight_ago, sent_at=fortnight_ago)
    client.force_login(import_cohort.staff_member)
    statuses = {p.user.email: p.status for p in roster(import_cohort)}
    assert statuses == {
        "peserta1@gowa.example.go.id": "joined",
        "peserta2@gowa.example.go.id": "expired",
        "hasanuddin@gowa.example.go.id": "invited",
    }
    page = client.get(staff_page(import_cohort) + "?status=expired")
    assert [p.user.email for p in page.context["page"].object_list] == ["peserta2@gowa.example.go.id"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(staff_page(import_cohort), {"users": [str(expired.user_id), str(joined.pk)]})
    run_tasks(callbacks)
    assert response.status_code == 302
    assert [mail.to for mail in mailoutbox] == [["peserta2@gowa.example.go.id"]]  # the joined one is left out
    expired.refresh_from_db()
    assert expired.times_sent == 2 and expired.status(timezone.now(), timedelta(days=14)) == "invited"


def test_a_mail_server_failure_is_recorded_and_shown(
    client, import_cohort, monkeypatch, django_capture_on_commit_callbacks, run_tasks
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("server down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    committed(import_cohort, [person(1)], django_capture_on_commit_callbacks, run_tasks)
    invitation = Invitation.objects.get(user__email="peserta1@gowa.example.go.id")
    assert invitation.send_error == "server down" and invitation.sent_at is None and invitation.times_sent == 0
    client.force_login(import_cohort.staff_member)
    page = client.get(staff_page(import_cohort) + "?status=failed")
    assert "server down" in page.text and len(page.context["page"].object_list) == 2


def test_invite_everyone_not_invited_yet(
    client, import_cohort, mailoutbox, django_capture_on_commit_callbacks, run_tasks
):
    enrolment = factories.EnrolmentFactory(cohort=import_cohort, participant__user__email="baru@example.go.id")
    no_address = factories.EnrolmentFactory(cohort=import_cohort)
    for made_without_password in (enrolment, no_address):
        made_without_password.participant.user.set_unusable_password()
        made_without_password.participant.user.save()
    with_password = factories.EnrolmentFactory(cohort=import_cohort, participant__user__email="lama@example.go.id")
    client.force_login(import_cohort.staff_member)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(staff_page(import_cohort), {"everyone": "1"})
    run_tasks(callbacks)
    assert [mail.to for mail in mailoutbox] == [[enrolment.participant.user.email]]
    statuses = {p.user.pk: p.status for p in roster(import_cohort)}
    assert statuses[with_password.participant.user_id] == "has_password"
    assert statuses[no_address.participant.user_id] == ""  # not invited: no address to mail


def test_the_invitations_page_is_scoped_to_the_organiser(client, import_cohort):
    url = staff_page(import_cohort)
    other = factories.UserFactory()
    factories.CohortFactory().organiser.staff.add(other)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.post(url, {"everyone": "1"}).status_code == 404
    client.force_login(factories.ParticipantFactory().user)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert not Invitation.objects.exists()
