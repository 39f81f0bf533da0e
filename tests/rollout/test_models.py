"""What the database itself guards, and who sees which innovations and adoptions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rollout.models import Adoption, Innovation, RolloutTarget
from tests.rollout.factories import AdoptionFactory, InnovationFactory, days_ago, region

pytestmark = pytest.mark.django_db


def refused_by_the_database(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


# --- constraints ------------------------------------------------------------------------------


def test_a_target_is_an_agency_or_a_government_never_both_nor_neither(innovation, agency_73):
    assert refused_by_the_database(
        lambda: RolloutTarget.objects.create(innovation=innovation, agency=agency_73, government=region("73"))
    )
    assert refused_by_the_database(lambda: RolloutTarget.objects.create(innovation=innovation))
    assert not refused_by_the_database(lambda: RolloutTarget.objects.create(innovation=innovation, agency=agency_73))
    assert not refused_by_the_database(
        lambda: RolloutTarget.objects.create(innovation=innovation, government=region("73"))
    )


def test_a_target_is_listed_once(innovation, agency_73):
    RolloutTarget.objects.create(innovation=innovation, agency=agency_73)
    assert refused_by_the_database(lambda: RolloutTarget.objects.create(innovation=innovation, agency=agency_73))


def test_an_agency_has_one_adoption_per_innovation(innovation, agency_73):
    Adoption.objects.create(innovation=innovation, agency=agency_73, planned_on=days_ago(5))
    assert refused_by_the_database(
        lambda: Adoption.objects.create(innovation=innovation, agency=agency_73, planned_on=days_ago(1))
    )


@pytest.mark.parametrize(
    "dates",
    [
        {"stage": "piloting"},  # no piloting date
        {"stage": "applied", "piloting_on": 40},  # no applied date
        {"stage": "institutionalised", "piloting_on": 40, "applied_on": 30},  # no institutionalised date
        {"stage": "planned", "piloting_on": 40},  # a date of a stage not reached
        {"stage": "piloting", "piloting_on": 40, "applied_on": 30},
        {"stage": "piloting", "piloting_on": 60},  # piloting before it was planned (50 days ago)
        {"stage": "applied", "piloting_on": 30, "applied_on": 40},  # applied before piloting
        {"stage": "institutionalised", "piloting_on": 40, "applied_on": 30, "institutionalised_on": 35},
    ],
)
def test_an_adoption_stage_needs_its_dates_in_order(innovation, agency_73, dates):
    dates = {key: days_ago(value) if key.endswith("_on") else value for key, value in dates.items()}
    assert refused_by_the_database(
        lambda: Adoption.objects.create(innovation=innovation, agency=agency_73, planned_on=days_ago(50), **dates)
    )


def test_an_adoption_with_every_date_in_order_is_stored(innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73, stage="institutionalised")
    assert (adoption.planned_on, adoption.piloting_on, adoption.applied_on, adoption.institutionalised_on) == (
        days_ago(50),
        days_ago(40),
        days_ago(30),
        days_ago(20),
    )


def test_no_regulation_cannot_carry_a_reference(project):
    assert refused_by_the_database(
        lambda: Innovation.objects.create(
            project=project, name="X", form="other", regulation="none", regulation_reference="SK 1"
        )
    )


def test_a_project_becomes_at_most_one_innovation(innovation, project):
    assert refused_by_the_database(lambda: Innovation.objects.create(project=project, name="Y", form="other"))


def test_model_validation_refuses_the_innovations_own_agency(innovation, project):
    with pytest.raises(ValidationError) as caught:
        Adoption(innovation=innovation, agency=project.agency, planned_on=days_ago(1)).full_clean()
    assert "agency" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        RolloutTarget(innovation=innovation, agency=project.agency).full_clean()
    assert "agency" in caught.value.message_dict


# --- who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", True),
        ("mentor", True),
        ("organiser_staff", True),
        ("provincial_staff", True),
        ("other_provincial_staff", False),
        ("stranger", False),
    ],
)
def test_who_sees_an_innovation(request, innovation, who, sees):
    user = request.getfixturevalue(who)
    assert Innovation.objects.visible_to(user).filter(pk=innovation.pk).exists() is sees


def test_nobody_anonymous_sees_an_innovation(innovation):
    assert not Innovation.objects.visible_to(AnonymousUser()).exists()


def test_provincial_staff_see_the_adoptions_by_their_provinces_agencies_only(
    innovation, other_provincial_staff, agency_31, agency_73
):
    in_jakarta = AdoptionFactory(innovation=innovation, agency=agency_31)
    AdoptionFactory(innovation=innovation, agency=agency_73)
    assert list(Adoption.objects.visible_to(other_provincial_staff)) == [in_jakarta]
    assert not Innovation.objects.visible_to(other_provincial_staff).exists()


def test_adoptions_of_a_visible_innovation_are_visible(innovation, mentor, agency_31, agency_73):
    AdoptionFactory(innovation=innovation, agency=agency_31)
    AdoptionFactory(innovation=innovation, agency=agency_73)
    AdoptionFactory(agency=agency_73)  # another project's innovation
    assert Adoption.objects.visible_to(mentor).count() == 2


def test_lineage_choices_show_tried_innovations_and_the_users_own(innovation, owner):
    elsewhere_trial = InnovationFactory(stage="trial")
    elsewhere_applied = InnovationFactory(stage="applied")
    InnovationFactory(stage="initiative")  # someone else's idea, not yet tried: private
    choices = set(Innovation.objects.lineage_choices(owner))
    assert choices == {innovation, elsewhere_trial, elsewhere_applied}


def test_strings_name_what_they_are(innovation, agency_73):
    adoption = AdoptionFactory(innovation=innovation, agency=agency_73)
    assert str(adoption) == f"Sistem Respons Cepat Humas → {agency_73}"
    assert str(RolloutTarget(innovation=innovation, government=region("73.02"))) == "Kabupaten Bulukumba"
    assert str(innovation.stage_changes.first()).startswith("Initiative (")
