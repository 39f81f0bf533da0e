"""Horizon windows as rule-set data, at their boundaries; the written commitment for later work."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from diklat.horizons import add_months
from projects.models import Commitment, Milestone, Signatory
from projects.services.commitments import record_commitment
from projects.services.milestones import save_milestone
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def fields(horizon, target):
    return {
        "horizon": horizon,
        "activity": "Replikasi ke OPD lain",
        "responsible": "Peserta",
        "start_date": min(target, factories.today()),
        "target_date": target,
    }


def refused(project, participant, horizon, target) -> str | None:
    try:
        save_milestone(project, by=participant.user, **fields(horizon, target))
    except ValidationError as error:
        return error.message_dict["target_date"][0]
    return None


def window(project, horizon):
    cohort = project.cohort
    seminar = cohort.results_seminar_date
    return {
        "short": (cohort.start_date, seminar),
        "medium": (add_months(seminar, 6), add_months(seminar, 12)),
        "long": (add_months(seminar, 12), add_months(seminar, 24)),
    }[horizon]


@pytest.mark.parametrize("horizon", ["short", "medium", "long"])
def test_the_first_and_last_day_of_a_window_are_accepted(project, participant, horizon):
    first, last = window(project, horizon)
    assert refused(project, participant, horizon, first) is None
    assert refused(project, participant, horizon, last) is None
    assert Milestone.objects.count() == 2


@pytest.mark.parametrize("horizon", ["short", "medium", "long"])
@pytest.mark.parametrize("side", ["before", "after"])
def test_a_day_outside_a_window_is_refused_with_the_window_in_the_message(project, participant, horizon, side):
    first, last = window(project, horizon)
    message = refused(project, participant, horizon, first - DAY if side == "before" else last + DAY)
    label = {"short": "short-term", "medium": "medium-term", "long": "long-term"}[horizon]
    assert message == f"A {label} milestone must target a date from {first:%d-%m-%Y} to {last:%d-%m-%Y}."
    assert not Milestone.objects.exists()


def test_a_medium_term_milestone_a_week_after_the_seminar_is_refused(project, participant):
    assert refused(project, participant, "medium", project.cohort.results_seminar_date + 7 * DAY)


def test_the_windows_follow_the_rule_set(project, participant):
    rule_set = project.cohort.rule_set
    rule_set.medium_horizon_from_months, rule_set.medium_horizon_months = 3, 9
    rule_set.save()
    seminar = project.cohort.results_seminar_date
    assert refused(project, participant, "medium", add_months(seminar, 3)) is None
    assert refused(project, participant, "medium", add_months(seminar, 9) + DAY)


def test_a_rule_set_whose_window_closes_before_it_opens_is_refused(db):
    rule_set = factories.EnrolmentFactory().cohort.rule_set
    rule_set.medium_horizon_from_months = 13
    with pytest.raises(ValidationError) as caught:
        rule_set.full_clean()
    assert "must open before it closes" in str(caught.value)


# --- the written commitment -------------------------------------------------------------------------


def scan():
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile("komitmen.png", buffer.getvalue(), content_type="image/png")


SIGNATORIES = {
    "participant": {"name": "Andi", "position": "Kepala Bidang", "nip": "19701218 199603 1 001"},
    "mentor": {"name": "Budi", "position": "Kepala Dinas"},
    "agency_head": {"name": "Citra", "position": "Sekretaris Daerah (PPK)"},
}


def test_the_participant_records_a_commitment_signed_by_three_with_its_scan(project, participant):
    commitment = record_commitment(
        project, by=participant.user, signed_on=factories.today(), signatories=SIGNATORIES, files=[scan()]
    )
    assert sorted(commitment.signatories.values_list("role", flat=True)) == ["agency_head", "mentor", "participant"]
    assert commitment.signatories.get(role="participant").nip == "197012181996031001"
    assert commitment.scans.count() == 1


def test_a_commitment_missing_a_signatory_a_scan_or_with_a_bad_nip_is_refused_and_nothing_saved(project, participant):
    signatories = {**SIGNATORIES, "agency_head": {"name": "", "position": "PPK", "nip": "123"}}
    with pytest.raises(ValidationError) as caught:
        record_commitment(project, by=participant.user, signed_on=factories.today(), signatories=signatories, files=[])
    assert {"agency_head_name", "agency_head_nip", "files"} <= set(caught.value.message_dict)
    assert not Commitment.objects.exists() and not Signatory.objects.exists()


def test_only_the_participant_records_the_commitment(project, mentor):
    with pytest.raises(PermissionDenied):
        record_commitment(project, by=mentor, signed_on=factories.today(), signatories=SIGNATORIES, files=[scan()])
    assert not Commitment.objects.exists()


def test_the_commitment_is_shown_on_the_project_page(client, project, participant, mentor):
    client.force_login(participant.user)
    data = {"signed_on": factories.today().isoformat(), "files": scan()}
    for role, values in SIGNATORIES.items():
        data.update({f"{role}_{name}": value for name, value in values.items()})
    response = client.post(reverse("projects:commitment_create", args=[project.pk]), data)
    assert response.status_code == 302
    client.force_login(mentor)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Sekretaris Daerah (PPK)" in page
    scan_url = Commitment.objects.get().scans.get().get_absolute_url()
    assert scan_url in page
    assert client.get(scan_url).status_code == 200


def test_a_commitment_dated_before_the_training_began_is_refused(project, participant):
    start = project.enrolment.cohort.start_date
    with pytest.raises(ValidationError) as caught:
        record_commitment(project, by=participant.user, signed_on=start - DAY, signatories=SIGNATORIES, files=[scan()])
    assert f"{start:%d-%m-%Y}" in caught.value.message_dict["signed_on"][0]
    assert record_commitment(project, by=participant.user, signed_on=start, signatories=SIGNATORIES, files=[scan()])
