"""Budget lines go planned → approved (by the rule set's approver, with the document) → realised (with evidence)."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from projects.models import BudgetEvidence, BudgetLine
from projects.services.budget import approve_budget_line, realise_budget_line, save_budget_line
from tests import factories

pytestmark = pytest.mark.django_db
DPA = {"document_reference": "DPA 1.02.0001/2027", "document_date": datetime.date(2026, 1, 5)}


def scan(name="sp2d.png"):
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def line(project):
    return factories.BudgetLineFactory(project=project, planned=3_800_000)


@pytest.fixture
def approved_line(line, mentor):
    return approve_budget_line(line, by=mentor, approved=3_000_000, **DPA)


def realise(line, user, **overrides):
    fields = {"realised": 2_500_000, "realisation_reference": "SP2D 00123/2027", "files": [scan()], **overrides}
    return realise_budget_line(line, by=user, **fields)


# --- approval -------------------------------------------------------------------------------------


def test_the_mentor_approves_a_line_with_its_budget_document(line, mentor):
    approve_budget_line(line, by=mentor, approved=3_000_000, **DPA)
    line.refresh_from_db()
    assert (line.stage, line.approved, line.document_reference) == ("approved", 3_000_000, "DPA 1.02.0001/2027")
    assert line.approved_by == mentor and line.approved_at is not None


def test_the_participant_cannot_approve_their_own_budget(line, participant):
    with pytest.raises(PermissionDenied, match="cannot approve their own budget"):
        approve_budget_line(line, by=participant.user, approved=3_000_000, **DPA)
    line.refresh_from_db()
    assert line.approved is None


@pytest.mark.parametrize("role", ["coach", "examiner", "organiser_staff", "stranger"])
def test_only_the_mentor_approves_when_the_rule_set_names_the_mentor(request, line, role):
    with pytest.raises(PermissionDenied):
        approve_budget_line(line, by=request.getfixturevalue(role), approved=1, **DPA)
    assert BudgetLine.objects.get().approved is None


def test_organiser_staff_approve_when_the_rule_set_names_them_and_the_mentor_no_longer_does(
    line, mentor, organiser_staff
):
    rule_set = line.project.enrolment.cohort.rule_set
    rule_set.budget_approver = "organiser"
    rule_set.save()
    with pytest.raises(PermissionDenied):
        approve_budget_line(line, by=mentor, approved=1, **DPA)
    approve_budget_line(line, by=organiser_staff, approved=3_800_000, **DPA)
    assert BudgetLine.objects.get().approved_by == organiser_staff


def test_an_approval_without_its_document_is_refused_at_each_field(line, mentor):
    future = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        approve_budget_line(line, by=mentor, approved=None, document_reference=" ", document_date=future)
    assert set(caught.value.message_dict) == {"approved", "document_reference", "document_date"}
    assert BudgetLine.objects.get().approved is None


def test_an_approved_lines_money_can_no_longer_be_replanned_nor_deleted(approved_line, participant):
    with pytest.raises(ValidationError) as caught:
        save_budget_line(approved_line.project, by=participant.user, line=approved_line, planned=9_000_000)
    assert list(caught.value.message_dict) == ["planned"]
    assert BudgetLine.objects.get().planned == 3_800_000


# --- realisation ----------------------------------------------------------------------------------


def test_the_participant_records_the_realisation_with_its_scan(approved_line, participant):
    realise(approved_line, participant.user)
    line = BudgetLine.objects.get()
    assert (line.stage, line.realised, line.realisation_reference) == ("realised", 2_500_000, "SP2D 00123/2027")
    assert BudgetEvidence.objects.get(line=line).content_type == "image/png"


def test_a_realisation_before_the_approval_is_refused(line, participant):
    with pytest.raises(ValidationError) as caught:
        realise(line, participant.user)
    assert "not approved yet" in caught.value.message_dict["realised"][0]
    assert not BudgetEvidence.objects.exists()
    assert BudgetLine.objects.get().realised is None


def test_a_realisation_without_evidence_or_reference_is_refused(approved_line, participant):
    with pytest.raises(ValidationError) as caught:
        realise(approved_line, participant.user, files=[], realisation_reference="")
    assert set(caught.value.message_dict) == {"files", "realisation_reference"}
    assert BudgetLine.objects.get().realised is None


def test_realised_above_approved_needs_a_reason(approved_line, participant):
    with pytest.raises(ValidationError) as caught:
        realise(approved_line, participant.user, realised=9_000_000)
    assert caught.value.message_dict["overrun_reason"] == [
        "Rp 9.000.000 is more than the approved Rp 3.000.000: say why."
    ]
    assert not BudgetEvidence.objects.exists()
    realise(approved_line, participant.user, realised=3_200_000, overrun_reason="Harga satuan naik (SSH 2027).")
    assert BudgetLine.objects.get().realised == 3_200_000


def test_only_the_participant_records_the_realisation(approved_line, mentor):
    with pytest.raises(PermissionDenied):
        realise(approved_line, mentor)
    assert BudgetLine.objects.get().realised is None


def test_a_realised_lines_approval_cannot_change(approved_line, participant, mentor):
    realise(approved_line, participant.user)
    with pytest.raises(ValidationError):
        approve_budget_line(approved_line, by=mentor, approved=1, **DPA)
    assert BudgetLine.objects.get().approved == 3_000_000


# --- the database holds the order -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"realised": 1, "realisation_reference": "SP2D 1"},  # realised, never approved
        {"approved": 1},  # approved without its document
        {"approved": 1, "document_reference": "DPA", "document_date": datetime.date(2026, 1, 1)},  # no approver time
    ],
)
def test_the_database_refuses_a_line_that_skips_a_stage(line, fields):
    BudgetLine.objects.filter(pk=line.pk).update(realised_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(**fields)


def test_the_database_refuses_an_unexplained_overrun(approved_line):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=approved_line.pk).update(
            realised=9_000_000, realisation_reference="SP2D 1", realised_at=approved_line.approved_at
        )


# --- API ------------------------------------------------------------------------------------------


@pytest.fixture
def _english(api_client, client):
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.cookies["django_language"] = "en"


URL = "/api/budget-lines/"


@pytest.mark.usefixtures("_english")
def test_the_api_refuses_approved_and_realised_amounts_from_the_participant(api_client, participant, line):
    api_client.force_authenticate(participant.user)
    response = api_client.patch(f"{URL}{line.pk}/", {"approved": 3_000_000, "realised": 1}, format="json")
    assert response.status_code == 400
    assert {"approved", "realised"} <= set(response.json())
    response = api_client.post(f"{URL}{line.pk}/approve/", {"approved": 1, **DPA}, format="json")
    assert response.status_code == 403
    assert "cannot approve their own budget" in response.json()["detail"]
    assert BudgetLine.objects.get().approved is None


@pytest.mark.usefixtures("_english")
def test_the_mentor_approves_and_the_participant_realises_through_the_api(api_client, mentor, participant, line):
    api_client.force_authenticate(mentor)
    response = api_client.post(
        f"{URL}{line.pk}/approve/",
        {"approved": 3_000_000, "document_reference": "DPA 7/2027", "document_date": "05-01-2026"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["stage"], response.json()["approved_rupiah"]) == ("approved", "Rp 3.000.000")
    api_client.force_authenticate(participant.user)
    response = api_client.post(
        f"{URL}{line.pk}/realise/", {"realised": 9_000_000, "realisation_reference": "SP2D 9", "files": [scan()]}
    )
    assert response.status_code == 400
    assert "overrun_reason" in response.json()
    assert not BudgetEvidence.objects.exists()
    response = api_client.post(
        f"{URL}{line.pk}/realise/", {"realised": 2_000_000, "realisation_reference": "SP2D 9", "files": [scan()]}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["stage"] == "realised"
    assert len(response.json()["evidence"]) == 1


@pytest.mark.usefixtures("_english")
def test_a_realisation_before_approval_is_a_400_at_the_field(api_client, participant, line):
    api_client.force_authenticate(participant.user)
    response = api_client.post(f"{URL}{line.pk}/realise/", {"realised": 1, "realisation_reference": "x"})
    assert response.status_code == 400
    assert "realised" in response.json()


def test_a_stranger_cannot_approve_a_line_they_cannot_see(api_client, stranger, line):
    api_client.force_authenticate(stranger)
    assert api_client.post(f"{URL}{line.pk}/approve/", {"approved": 1, **DPA}, format="json").status_code == 404


# --- pages ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("_english")
def test_the_mentor_sees_where_to_approve_and_approves_on_the_page(client, mentor, line):
    client.force_login(mentor)
    page = client.get(line.project.get_absolute_url())
    assert reverse("projects:budget_approve", args=[line.pk]) in page.content.decode()
    response = client.post(
        reverse("projects:budget_approve", args=[line.pk]),
        {"approved": "3.000.000", "document_reference": "", "document_date": "2026-01-05"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["document_reference"]
    assert BudgetLine.objects.get().approved is None
    client.post(
        reverse("projects:budget_approve", args=[line.pk]),
        {"approved": "3.000.000", "document_reference": "DPA 7", "document_date": "2026-01-05"},
    )
    assert BudgetLine.objects.get().approved == 3_000_000


def test_the_participant_has_no_approval_page(client, participant, line):
    client.force_login(participant.user)
    assert (
        reverse("projects:budget_approve", args=[line.pk])
        not in client.get(line.project.get_absolute_url()).content.decode()
    )
    assert client.post(reverse("projects:budget_approve", args=[line.pk]), {"approved": "1"}).status_code == 403


def test_the_participant_records_the_realisation_on_the_page(client, participant, approved_line):
    client.force_login(participant.user)
    url = reverse("projects:budget_realise", args=[approved_line.pk])
    response = client.post(url, {"realised": "2.500.000", "realisation_reference": "SP2D 1", "files": scan()})
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert line.realised == 2_500_000
    evidence = line.evidence.get()
    assert client.get(evidence.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("years_before", "month_day", "refused"),
    [(2, (12, 31), True), (1, (1, 1), False), (0, (12, 31), False), (37, (12, 1), True)],
)
def test_the_budget_document_is_dated_in_the_fiscal_year_or_the_one_before(
    line, mentor, years_before, month_day, refused
):
    line.fiscal_year = factories.today().year  # so that the year's last day is not in the future
    line.save()
    dated = min(datetime.date(line.fiscal_year - years_before, *month_day), factories.today())
    try:
        approve_budget_line(line, by=mentor, approved=1_000_000, document_reference="DPA 7", document_date=dated)
    except ValidationError as error:
        assert refused, error
        assert str(line.fiscal_year) in error.message_dict["document_date"][0]
    else:
        assert not refused
    assert (BudgetLine.objects.get(pk=line.pk).approved is None) == refused


def test_an_approval_of_nothing_is_refused(line, mentor):
    with pytest.raises(ValidationError) as caught:
        approve_budget_line(line, by=mentor, approved=0, **DPA)
    assert "approved" in caught.value.message_dict
    assert BudgetLine.objects.get(pk=line.pk).approved is None
