"""The rollout pages per role: what each person sees and may change, bad input at the field, query counts."""

import pytest
from django.urls import reverse

from rollout import services
from rollout.models import Adoption, AdoptionEvidence, Innovation, InnovationStageChange, RolloutTarget
from tests.rollout.conftest import fake_pdf, png_upload
from tests.rollout.factories import AdoptionFactory, InnovationFactory, days_ago, region, target

pytestmark = pytest.mark.django_db

MANAGERS = ["owner", "organiser_staff", "provincial_staff"]
OUTSIDERS = ["other_provincial_staff", "stranger"]
PAGE_QUERIES = 17


def login(client, user):
    client.force_login(user)
    return client


def rollout_url(project):
    return reverse("rollout:project", args=[project.pk])


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


# --- the rollout page -------------------------------------------------------------------------


@pytest.mark.parametrize("who", [*MANAGERS, "mentor"])
def test_the_rollout_page_shows_the_innovation_to_those_who_may_see_it(client, request, innovation, project, who):
    response = login(client, request.getfixturevalue(who)).get(rollout_url(project))
    assert response.status_code == 200
    assert "Sistem Respons Cepat Humas" in response.content.decode()


@pytest.mark.parametrize("who", MANAGERS)
def test_those_who_manage_see_the_forms(client, request, innovation, project, who):
    response = login(client, request.getfixturevalue(who)).get(rollout_url(project))
    assert response.context["can_manage"]
    assert reverse("rollout:innovation_stage", args=[innovation.pk]) in response.content.decode()


def test_a_mentor_reads_the_rollout_without_forms(client, innovation, project, mentor):
    response = login(client, mentor).get(rollout_url(project))
    page = response.content.decode()
    assert not response.context["can_manage"]
    assert reverse("rollout:innovation_stage", args=[innovation.pk]) not in page
    assert reverse("rollout:adoption_create", args=[innovation.pk]) not in page


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_not_found(client, request, innovation, project, who):
    assert login(client, request.getfixturevalue(who)).get(rollout_url(project)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, innovation, project):
    response = client.get(rollout_url(project))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_page_shows_coverage_targets_and_adoptions_with_their_lineage(
    client, owner, innovation, project, agency_73, agency_31
):
    target(innovation, agency=agency_73)
    target(innovation, agency=agency_31)
    AdoptionFactory(innovation=innovation, agency=agency_73, stage="applied", contact_name="Bu Ani")
    InnovationFactory(
        name="Versi Dinkes", stage="trial", derived_from=innovation, project__agency=agency_73
    )  # the adopting agency's own version
    response = login(client, owner).get(rollout_url(project))
    page = response.content.decode()
    assert "1 of 2 targets reached: 50.0%" in page
    assert "Bu Ani" in page and "Versi Dinkes" in page
    [adoption] = response.context["adoptions"]
    assert [v.name for v in adoption.own_versions] == ["Versi Dinkes"]


def test_a_project_without_an_innovation_offers_to_record_one(client, owner, project):
    response = login(client, owner).get(rollout_url(project))
    assert response.context["innovation"] is None
    assert reverse("rollout:innovation_edit", args=[project.pk]) in response.content.decode()


def test_the_project_page_links_to_the_rollout(client, owner, project):
    response = login(client, owner).get(project.get_absolute_url())
    assert rollout_url(project) in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_the_rollout_page_runs_a_fixed_number_of_queries(
    client, owner, innovation, project, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        adoption = AdoptionFactory(innovation=innovation, stage="applied")
        target(innovation, agency=adoption.agency)
        if not innovation.targets.filter(government=adoption.agency.government).exists():
            target(innovation, government=adoption.agency.government)
        AdoptionEvidence.objects.create(adoption=adoption, kind="mou", reference="MoU", uploaded_by=owner)
        InnovationFactory(stage="trial", derived_from=innovation, project__agency=adoption.agency)
    login(client, owner)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(rollout_url(project))
    assert len(response.context["adoptions"]) == rows


# --- the innovation record --------------------------------------------------------------------


def innovation_data(**overrides):
    data = {"name": "Layanan Aduan Terpadu", "form": "governance", "regulation": "none", "regulation_reference": ""}
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", MANAGERS)
def test_those_who_manage_record_the_innovation(client, request, project, who):
    client = login(client, request.getfixturevalue(who))
    response = client.post(
        reverse("rollout:innovation_edit", args=[project.pk]), innovation_data(started_on=days_ago(30).isoformat())
    )
    assert response.status_code == 302
    innovation = Innovation.objects.get(project=project)
    assert innovation.stage_changes.get().on == days_ago(30)


def test_a_mentor_may_not_record_the_innovation(client, mentor, project):
    response = login(client, mentor).post(reverse("rollout:innovation_edit", args=[project.pk]), innovation_data())
    assert response.status_code == 403
    assert not Innovation.objects.exists()


def test_a_stranger_does_not_even_find_the_form(client, stranger, project):
    assert login(client, stranger).get(reverse("rollout:innovation_edit", args=[project.pk])).status_code == 404


def test_the_origin_is_chosen_by_typing_its_name(client, owner, innovation, project):
    origin = InnovationFactory(name="Inovasi Asal Jakarta", stage="applied")
    url = reverse("rollout:innovation_edit", args=[project.pk])
    page = login(client, owner).get(url).content.decode()
    assert f"[#{origin.pk}]" in page and "<datalist" in page
    response = client.post(url, innovation_data(derived_from="inovasi asal jakarta"))
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.derived_from == origin


def test_an_untried_innovation_of_someone_else_cannot_be_the_origin(client, owner, innovation, project):
    hidden = InnovationFactory(name="Ide Rahasia", stage="initiative")
    url = reverse("rollout:innovation_edit", args=[project.pk])
    assert "Ide Rahasia" not in login(client, owner).get(url).content.decode()
    response = client.post(url, innovation_data(derived_from=f"Ide Rahasia [#{hidden.pk}]"))
    assert response.status_code == 200
    assert errors_of(response, "derived_from")


def test_a_regulation_reference_without_a_regulation_is_refused_at_the_field(client, owner, project):
    response = login(client, owner).post(
        reverse("rollout:innovation_edit", args=[project.pk]), innovation_data(regulation_reference="SK 1/2026")
    )
    assert response.status_code == 200
    assert errors_of(response, "regulation_reference")
    assert not Innovation.objects.exists()


def test_a_future_start_is_refused_at_the_field(client, owner, project):
    response = login(client, owner).post(
        reverse("rollout:innovation_edit", args=[project.pk]), innovation_data(started_on=days_ago(-2).isoformat())
    )
    assert errors_of(response, "started_on") == ["The date cannot be in the future."]


# --- maturity ---------------------------------------------------------------------------------


def test_the_maturity_moves_from_the_page(client, provincial_staff, innovation):
    response = login(client, provincial_staff).post(
        reverse("rollout:innovation_stage", args=[innovation.pk]),
        {"maturity-stage": "trial", "maturity-on": days_ago(2).isoformat()},
    )
    assert response.status_code == 302
    assert innovation.stage_changes.last().to_stage == "trial"


def test_going_back_without_a_reason_is_refused_at_the_field(client, owner, innovation):
    InnovationStageChange.objects.create(
        innovation=innovation, from_stage="initiative", to_stage="applied", on=days_ago(5), by=owner
    )
    Innovation.objects.filter(pk=innovation.pk).update(stage="applied")
    response = login(client, owner).post(
        reverse("rollout:innovation_stage", args=[innovation.pk]),
        {"maturity-stage": "trial", "maturity-on": days_ago(1).isoformat()},
    )
    assert response.status_code == 200
    assert errors_of(response, "reason") == ["Going back a stage needs a reason."]
    assert innovation.stage_changes.count() == 2


def test_a_maturity_date_before_the_last_change_is_refused_at_the_field(client, owner, innovation):
    response = login(client, owner).post(
        reverse("rollout:innovation_stage", args=[innovation.pk]),
        {"maturity-stage": "trial", "maturity-on": days_ago(100).isoformat()},
    )
    assert errors_of(response, "on")


@pytest.mark.parametrize(("who", "status"), [("mentor", 403), ("other_provincial_staff", 404), ("stranger", 404)])
def test_others_cannot_move_the_maturity(client, request, innovation, who, status):
    response = login(client, request.getfixturevalue(who)).post(
        reverse("rollout:innovation_stage", args=[innovation.pk]),
        {"maturity-stage": "trial", "maturity-on": days_ago(1).isoformat()},
    )
    assert response.status_code == status
    assert innovation.stage_changes.count() == 1


# --- targets ----------------------------------------------------------------------------------


def test_targets_are_chosen_province_by_province(client, owner, innovation, project, agency_73, agency_31):
    url = reverse("rollout:targets", args=[innovation.pk])
    client = login(client, owner)
    form = client.get(url).context["form"]
    assert agency_73 in form.fields["agencies"].queryset and agency_31 not in form.fields["agencies"].queryset
    assert project.agency not in form.fields["agencies"].queryset
    response = client.post(f"{url}?province=31", {"agencies": [agency_31.pk], "governments": [region("31").pk]})
    assert response.status_code == 302
    assert {str(t) for t in innovation.targets.all()} == {str(agency_31), str(region("31"))}


def test_a_target_is_taken_off_the_list(client, owner, innovation, agency_73, agency_31):
    keep, drop = target(innovation, agency=agency_73), target(innovation, agency=agency_31)
    response = login(client, owner).post(reverse("rollout:targets", args=[innovation.pk]), {"remove": [drop.pk]})
    assert response.status_code == 302
    assert list(innovation.targets.values_list("agency", flat=True)) == [keep.agency_id]


def test_an_empty_targets_form_says_what_to_do(client, owner, innovation):
    response = login(client, owner).post(reverse("rollout:targets", args=[innovation.pk]), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_an_agency_of_another_province_than_the_one_shown_is_refused_at_the_field(client, owner, innovation, agency_31):
    response = login(client, owner).post(reverse("rollout:targets", args=[innovation.pk]), {"agencies": [agency_31.pk]})
    assert errors_of(response, "agencies")
    assert not RolloutTarget.objects.exists()


# --- adoptions --------------------------------------------------------------------------------


def adoption_data(agency, **overrides):
    data = {"agency": agency.pk, "planned_on": days_ago(3).isoformat(), "contact_name": "Bu Ani"}
    data.update(overrides)
    return data


def test_an_adoption_is_recorded_from_the_page(client, organiser_staff, innovation, agency_73):
    response = login(client, organiser_staff).post(
        reverse("rollout:adoption_create", args=[innovation.pk]), adoption_data(agency_73)
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.agency, adoption.contact_name, adoption.stage_changes.count()) == (agency_73, "Bu Ani", 1)


@pytest.mark.parametrize("case", ["own agency", "already adopted", "future"])
def test_bad_adoptions_are_refused_at_the_field(client, owner, innovation, project, agency_73, case):
    if case == "already adopted":
        AdoptionFactory(innovation=innovation, agency=agency_73)
    agency = project.agency if case == "own agency" else agency_73
    data = adoption_data(agency, planned_on=days_ago(-2).isoformat()) if case == "future" else adoption_data(agency)
    response = login(client, owner).post(reverse("rollout:adoption_create", args=[innovation.pk]), data)
    assert response.status_code == 200
    assert errors_of(response, "planned_on" if case == "future" else "agency")
    assert Adoption.objects.count() == (1 if case == "already adopted" else 0)


def test_an_adoption_moves_stage_and_going_back_needs_a_reason(client, owner, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="piloting")
    url = reverse("rollout:adoption_stage", args=[adoption.pk])
    client = login(client, owner)
    assert client.post(url, {"stage": "applied", "on": days_ago(1).isoformat()}).status_code == 302
    response = client.post(url, {"stage": "planned", "on": days_ago(0).isoformat()})
    assert errors_of(response, "reason")
    adoption.refresh_from_db()
    assert (adoption.stage, adoption.applied_on) == ("applied", days_ago(1))


def test_provincial_staff_of_the_adopting_province_read_but_do_not_change(
    client, other_provincial_staff, innovation, agency_31
):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_31)
    response = login(client, other_provincial_staff).post(
        reverse("rollout:adoption_stage", args=[adoption.pk]), {"stage": "piloting", "on": days_ago(1).isoformat()}
    )
    assert response.status_code == 403


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_is_uploaded_and_downloaded_by_those_who_may_see_it(client, owner, mentor, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = login(client, owner).post(
        reverse("rollout:evidence_create", args=[adoption.pk]),
        {"kind": "mou", "reference": "MoU 7/2026", "file": png_upload()},
    )
    assert response.status_code == 302
    evidence = AdoptionEvidence.objects.get()
    download = login(client, mentor).get(evidence.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_what_its_name_says_is_refused_at_the_field(client, owner, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = login(client, owner).post(
        reverse("rollout:evidence_create", args=[adoption.pk]), {"kind": "mou", "file": fake_pdf()}
    )
    assert response.status_code == 200
    assert "its content does not match its name" in errors_of(response, "file")[0]
    assert not AdoptionEvidence.objects.exists()


def test_evidence_without_number_or_file_is_refused_at_the_field(client, owner, innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    response = login(client, owner).post(reverse("rollout:evidence_create", args=[adoption.pk]), {"kind": "mou"})
    assert errors_of(response, "reference")


@pytest.mark.parametrize("who", ["stranger", "provincial_staff"])
def test_evidence_of_an_adoption_out_of_sight_is_not_found(client, request, agency_31, who, owner):
    other = AdoptionFactory(agency=agency_31)  # another province's project, adopted in Jakarta
    evidence = AdoptionEvidence.objects.create(
        adoption=other, kind="mou", reference="x", file="adoptions/x.png", uploaded_by=owner
    )
    assert login(client, request.getfixturevalue(who)).get(evidence.get_absolute_url()).status_code == 404


def test_staff_of_the_adopting_province_may_download_its_evidence(client, other_provincial_staff, owner, agency_31):
    adoption = AdoptionFactory(agency=agency_31)
    evidence = services.add_adoption_evidence(
        adoption, by=adoption.innovation.project.enrolment.participant.user, kind="mou", file=png_upload()
    )
    assert login(client, other_provincial_staff).get(evidence.get_absolute_url()).status_code == 200
