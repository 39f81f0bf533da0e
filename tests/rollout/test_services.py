"""The rules of rollout.services: who may change what, the ladders, the refusals, and the history rows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rollout import services
from rollout.models import Adoption, AdoptionEvidence, AdoptionStageChange, Innovation, InnovationStageChange
from tests import factories
from tests.rollout.conftest import fake_pdf, pdf_upload, png_upload
from tests.rollout.factories import AdoptionFactory, InnovationFactory, days_ago, region, target

pytestmark = pytest.mark.django_db


def fields_of(error: ValidationError) -> set[str]:
    return set(error.message_dict)


# --- who may manage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("owner", True),
        ("organiser_staff", True),
        ("provincial_staff", True),
        ("mentor", False),
        ("other_provincial_staff", False),
        ("stranger", False),
    ],
)
def test_who_may_manage_the_rollout_of_a_project(request, project, who, allowed):
    user = request.getfixturevalue(who)
    assert services.can_manage_rollout(user, project) is allowed


def test_a_superuser_may_manage_any_rollout(project):
    assert services.can_manage_rollout(factories.UserFactory(is_superuser=True), project)


def test_an_anonymous_user_may_not_manage_a_rollout(project):
    from django.contrib.auth.models import AnonymousUser

    assert not services.can_manage_rollout(AnonymousUser(), project)


# --- the innovation record --------------------------------------------------------------------


def test_recording_an_innovation_starts_its_maturity_history(innovation, owner):
    assert innovation.stage == Innovation.Stage.INITIATIVE
    [step] = innovation.stage_changes.all()
    assert (step.from_stage, step.to_stage, step.on, step.by) == ("", "initiative", days_ago(90), owner)


def test_recording_again_updates_the_same_innovation_without_a_second_history_row(innovation, project, owner):
    again = services.record_innovation(project, by=owner, name="Nama Baru", is_digital=True)
    assert again.pk == innovation.pk
    assert (again.name, again.is_digital) == ("Nama Baru", True)
    assert innovation.stage_changes.count() == 1


def test_affairs_are_replaced_only_when_given(innovation, project, owner):
    from rollout.models import GovernmentAffair

    health, education = GovernmentAffair.objects.get(code="kesehatan"), GovernmentAffair.objects.get(code="pendidikan")
    services.record_innovation(project, by=owner, affairs=[health, education])
    services.record_innovation(project, by=owner, name="Tanpa urusan disebut")
    assert set(innovation.affairs.all()) == {health, education}
    services.record_innovation(project, by=owner, affairs=[])
    assert not innovation.affairs.exists()


def test_no_regulation_means_no_regulation_reference(innovation, project, owner):
    services.record_innovation(project, by=owner, regulation="perkada", regulation_reference="Perkada 12/2026")
    innovation.refresh_from_db()
    assert innovation.regulation_reference == "Perkada 12/2026"
    services.record_innovation(project, by=owner, regulation="none")
    innovation.refresh_from_db()
    assert innovation.regulation_reference == ""


def test_a_mentor_cannot_record_an_innovation(project, mentor):
    with pytest.raises(PermissionDenied):
        services.record_innovation(project, by=mentor, name="X", form="other")
    assert not Innovation.objects.exists()


def test_an_innovation_cannot_start_in_the_future(project, owner):
    with pytest.raises(ValidationError) as caught:
        services.record_innovation(project, by=owner, name="X", form="other", started_on=days_ago(-1))
    assert fields_of(caught.value) == {"started_on"}
    assert not Innovation.objects.exists()


def test_an_innovation_cannot_be_derived_from_itself(innovation, project, owner):
    with pytest.raises(ValidationError) as caught:
        services.record_innovation(project, by=owner, derived_from=innovation)
    assert fields_of(caught.value) == {"derived_from"}


def test_lineage_cannot_go_round_in_a_circle(innovation, project, owner):
    child = InnovationFactory(derived_from=innovation)
    with pytest.raises(ValidationError) as caught:
        services.record_innovation(project, by=owner, derived_from=child)
    assert fields_of(caught.value) == {"derived_from"}
    innovation.refresh_from_db()
    assert innovation.derived_from is None


def test_an_innovation_keeps_its_origin_in_another_province(innovation, project, owner):
    origin = InnovationFactory(project__agency=factories.AgencyFactory(government=region("31")))
    services.record_innovation(project, by=owner, derived_from=origin)
    innovation.refresh_from_db()
    assert innovation.derived_from == origin
    assert list(origin.derivatives.all()) == [innovation]


# --- maturity ---------------------------------------------------------------------------------


def test_moving_forward_records_a_dated_step(innovation, owner):
    services.change_innovation_stage(innovation, "trial", by=owner, on=days_ago(10))
    innovation.refresh_from_db()
    assert innovation.stage == "trial"
    step = innovation.stage_changes.last()
    assert (step.from_stage, step.to_stage, step.on, step.reason) == ("initiative", "trial", days_ago(10), "")


def test_going_back_needs_a_reason(innovation, owner):
    services.change_innovation_stage(innovation, "applied", by=owner, on=days_ago(10))
    with pytest.raises(ValidationError) as caught:
        services.change_innovation_stage(innovation, "trial", by=owner, reason="  ")
    assert fields_of(caught.value) == {"reason"}
    services.change_innovation_stage(innovation, "trial", by=owner, reason="Perkada dicabut")
    innovation.refresh_from_db()
    assert innovation.stage == "trial"
    assert innovation.stage_changes.last().reason == "Perkada dicabut"
    assert innovation.stage_changes.count() == 3


@pytest.mark.parametrize(
    ("stage", "on", "field"),
    [("initiative", None, "stage"), ("trial", -1, "on"), ("trial", 100, "on"), ("unknown", None, "stage")],
)
def test_a_maturity_change_is_refused_for_bad_input(innovation, owner, stage, on, field):
    with pytest.raises(ValidationError) as caught:
        services.change_innovation_stage(innovation, stage, by=owner, on=None if on is None else days_ago(on))
    assert fields_of(caught.value) == {field}
    assert innovation.stage_changes.count() == 1


def test_a_mentor_cannot_move_the_maturity(innovation, mentor):
    with pytest.raises(PermissionDenied):
        services.change_innovation_stage(innovation, "trial", by=mentor)
    assert InnovationStageChange.objects.count() == 1


def test_provincial_staff_of_the_province_may_move_the_maturity(innovation, provincial_staff):
    services.change_innovation_stage(innovation, "trial", by=provincial_staff)
    assert innovation.stage_changes.last().by == provincial_staff


# --- targets and coverage ---------------------------------------------------------------------


def test_targets_are_replaced_as_a_whole(innovation, owner, agency_73, agency_31):
    services.set_targets(innovation, by=owner, agencies=[agency_73, agency_73], governments=[region("73.02")])
    assert innovation.targets.count() == 2
    services.set_targets(innovation, by=owner, agencies=[agency_31])
    assert [t.agency for t in innovation.targets.all()] == [agency_31]


def test_the_innovations_own_agency_is_not_a_target_and_nothing_changes(
    innovation, owner, project, agency_73, agency_31
):
    services.set_targets(innovation, by=owner, agencies=[agency_73])
    with pytest.raises(ValidationError) as caught:
        services.set_targets(innovation, by=owner, agencies=[agency_31, project.agency])
    assert fields_of(caught.value) == {"agencies"}
    assert [t.agency for t in innovation.targets.all()] == [agency_73]


def test_coverage_counts_targets_reached_by_an_applied_adoption(innovation, agency_73, agency_31, regency_agency):
    # Targets: agency_73 (applied), agency_31 (only planned), Kabupaten Bulukumba (one of its agencies
    # institutionalised it), Kabupaten Selayar (nobody). Reached: 2 of 4 = 50%.
    target(innovation, agency=agency_73)
    target(innovation, agency=agency_31)
    target(innovation, government=region("73.02"))
    target(innovation, government=region("73.01"))
    AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied")
    AdoptionFactory(innovation=innovation, agency=agency_31, stage="planned")
    AdoptionFactory(innovation=innovation, agency=regency_agency, stage="institutionalised")
    AdoptionFactory(innovation=innovation, stage="piloting")  # an adopter outside the plan
    AdoptionFactory(stage="applied", agency=agency_31)  # another innovation: does not count
    row = Innovation.objects.with_coverage().get(pk=innovation.pk)
    assert (row.targets_count, row.covered_count, row.adoptions_count, row.adopters_count) == (4, 2, 4, 2)
    assert row.coverage == 50.0
    covered = {str(t): t.covered for t in innovation.targets.with_covered()}
    assert list(covered.values()) == [True, False, True, False]


def test_coverage_is_none_without_targets(innovation):
    row = Innovation.objects.with_coverage().get(pk=innovation.pk)
    assert (row.targets_count, row.covered_count, row.coverage) == (0, 0, None)


# --- adoptions --------------------------------------------------------------------------------


def test_recording_an_adoption_starts_its_history(innovation, owner, agency_73):
    adoption = services.record_adoption(
        innovation, agency_73, by=owner, planned_on=days_ago(20), contact_name=" Bu Ani ", contact_phone="0411 123"
    )
    assert (adoption.stage, adoption.planned_on, adoption.contact_name) == ("planned", days_ago(20), "Bu Ani")
    [step] = adoption.stage_changes.all()
    assert (step.from_stage, step.to_stage, step.on) == ("", "planned", days_ago(20))


def test_the_innovations_own_agency_cannot_adopt_it(innovation, owner, project):
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(innovation, project.agency, by=owner)
    assert fields_of(caught.value) == {"agency"}
    assert not Adoption.objects.exists()


def test_an_agency_adopts_an_innovation_once(innovation, owner, agency_73):
    services.record_adoption(innovation, agency_73, by=owner)
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(innovation, agency_73, by=owner)
    assert "already has an adoption record" in caught.value.message_dict["agency"][0]
    assert Adoption.objects.count() == 1


def test_an_adoption_cannot_be_planned_in_the_future(innovation, owner, agency_73):
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(innovation, agency_73, by=owner, planned_on=days_ago(-3))
    assert fields_of(caught.value) == {"planned_on"}


def test_provincial_staff_of_another_province_cannot_record_an_adoption(innovation, other_provincial_staff, agency_31):
    with pytest.raises(PermissionDenied):
        services.record_adoption(innovation, agency_31, by=other_provincial_staff)


def test_skipping_forward_dates_every_stage_passed(innovation, owner, agency_73):
    adoption = services.record_adoption(innovation, agency_73, by=owner, planned_on=days_ago(20))
    services.change_adoption_stage(adoption, "applied", by=owner, on=days_ago(5))
    adoption.refresh_from_db()
    assert (adoption.stage, adoption.piloting_on, adoption.applied_on) == ("applied", days_ago(5), days_ago(5))
    assert adoption.covers_applied


def test_going_back_needs_a_reason_and_clears_the_later_dates(innovation, owner, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="institutionalised")
    with pytest.raises(ValidationError) as caught:
        services.change_adoption_stage(adoption, "piloting", by=owner)
    assert fields_of(caught.value) == {"reason"}
    services.change_adoption_stage(adoption, "piloting", by=owner, reason="Anggaran dipotong")
    adoption.refresh_from_db()
    assert (adoption.stage, adoption.applied_on, adoption.institutionalised_on) == ("piloting", None, None)
    assert adoption.piloting_on == days_ago(40)
    step = adoption.stage_changes.last()
    assert (step.from_stage, step.to_stage, step.reason) == ("institutionalised", "piloting", "Anggaran dipotong")


@pytest.mark.parametrize(
    ("stage", "on", "field"),
    [
        ("piloting", 0, "stage"),  # already there
        ("applied", -1, "on"),  # tomorrow
        ("applied", 45, "on"),  # before piloting began (40 days ago)
        ("somewhere", 0, "stage"),
    ],
)
def test_an_adoption_stage_change_is_refused_for_bad_input(innovation, owner, agency_73, stage, on, field):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="planned")  # planned 50 days ago
    services.change_adoption_stage(adoption, "piloting", by=owner, on=days_ago(40))
    with pytest.raises(ValidationError) as caught:
        services.change_adoption_stage(adoption, stage, by=owner, on=days_ago(on))
    assert fields_of(caught.value) == {field}
    assert AdoptionStageChange.objects.filter(adoption=adoption).count() == 2


def test_a_mentor_cannot_move_an_adoption(innovation, mentor, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    with pytest.raises(PermissionDenied):
        services.change_adoption_stage(adoption, "piloting", by=mentor)


def test_the_contact_is_changed_through_the_service(innovation, owner, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    services.update_adoption_contact(adoption, by=owner, contact_name="Pak Budi", contact_phone="0812")
    adoption.refresh_from_db()
    assert (adoption.contact_name, adoption.contact_phone) == ("Pak Budi", "0812")


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_can_be_a_document_number(innovation, owner, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    evidence = services.add_adoption_evidence(
        adoption, by=owner, kind="decree", reference=" SK 800/12/2026 ", dated=days_ago(3)
    )
    assert (evidence.reference, evidence.file.name, evidence.uploaded_by) == ("SK 800/12/2026", "", owner)


@pytest.mark.parametrize(("upload", "content_type"), [(png_upload, "image/png"), (pdf_upload, "application/pdf")])
def test_evidence_can_be_an_upload(innovation, owner, agency_73, upload, content_type):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    evidence = services.add_adoption_evidence(adoption, by=owner, kind="mou", file=upload())
    assert evidence.content_type == content_type
    assert evidence.size > 0 and evidence.file.name.startswith("adoptions/")
    assert evidence.original_name.endswith((".png", ".pdf"))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "mou", "file": "fake"}, "file"),
        ({"kind": "mou"}, "reference"),
        ({"kind": "mou", "reference": "MoU 1", "dated": "future"}, "dated"),
        ({"kind": "rumour", "reference": "x"}, "kind"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(innovation, owner, agency_73, kwargs, field):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    kwargs = dict(kwargs)
    if kwargs.get("file") == "fake":
        kwargs["file"] = fake_pdf()
    if kwargs.get("dated") == "future":
        kwargs["dated"] = days_ago(-1)
    with pytest.raises(ValidationError) as caught:
        services.add_adoption_evidence(adoption, by=owner, **kwargs)
    assert field in fields_of(caught.value)
    assert not AdoptionEvidence.objects.exists()


def test_a_stranger_cannot_add_evidence(innovation, stranger, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    with pytest.raises(PermissionDenied):
        services.add_adoption_evidence(adoption, by=stranger, kind="mou", reference="MoU 1")
