"""The admin of rubrics, seminars, scores and feedback: pages, frozen rubrics, copying, scoping."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assessments import feedback, services
from assessments.absences import record_absence
from assessments.models import (
    PredicateBand,
    Presentation,
    Rubric,
    RubricComponent,
    RubricIndicator,
    Seminar,
    SeminarSession,
)
from tests import factories

from .conftest import score_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin(admin_client):
    admin_client.cookies["django_language"] = "en"


@pytest.fixture
def frozen_rubric(scored, rubric):
    assert rubric.is_frozen
    return rubric


@pytest.fixture
def feedback_item(project, mentor):
    return feedback.give_feedback(
        project,
        by=mentor,
        category="budget",
        text="Masukkan ke DPA.",
        owner="Sekretaris",
        due_date=factories.today(),
        budget={"fiscal_year": 2027, "source": "apbd", "amount_requested": 3_800_000},
    )


@pytest.mark.parametrize(
    "model",
    [
        "rubric",
        "rubriccomponent",
        "rubricindicator",
        "leveldescriptor",
        "predicateband",
        "scoringpolicy",
        "seminar",
        "seminarsession",
        "score",
        "scorechange",
        "classification",
        "feedbackitem",
    ],
)
def test_every_changelist_opens_for_a_superuser(admin_client, scored, session_examiner, feedback_item, model):
    services.classify_presentation(scored, by=session_examiner, verdict="innovation", reason="Terobosan baru")
    response = admin_client.get(reverse(f"admin:assessments_{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0


def test_the_change_pages_open_for_a_superuser(admin_client, rubric, scored, session, seminar, feedback_item):
    component = rubric.components.first()
    indicator = component.indicators.first()
    for model, obj in [
        ("rubric", rubric),
        ("rubriccomponent", component),
        ("rubricindicator", indicator),
        ("seminar", seminar),
        ("seminarsession", session),
        ("feedbackitem", feedback_item),
    ]:
        response = admin_client.get(reverse(f"admin:assessments_{model}_change", args=[obj.pk]))
        assert response.status_code == 200, model


def test_an_unused_rubric_page_shows_that_its_weights_add_up(admin_client, rubric):
    response = admin_client.get(reverse("admin:assessments_rubric_change", args=[rubric.pk]))
    assert response.status_code == 200
    assert "The weights add up." in response.content.decode()
    assert response.context["has_change_permission"] is True


def test_the_rubric_page_says_where_the_weights_do_not_add_up(admin_client, rubric):
    RubricIndicator.objects.filter(pk=RubricIndicator.objects.filter(component__rubric=rubric).first().pk).update(
        weight=3
    )
    response = admin_client.get(reverse("admin:assessments_rubric_change", args=[rubric.pk]))
    assert "not its weight" in response.content.decode()


def rubric_form(rubric, name):
    """The rubric's change form as posted, with its component inline unchanged."""
    components = list(rubric.components.all())
    data = {
        "rule_set": rubric.rule_set_id,
        "kind": rubric.kind,
        "version": rubric.version,
        "name": name,
        "score_min": rubric.score_min,
        "score_max": rubric.score_max,
        "components-TOTAL_FORMS": len(components),
        "components-INITIAL_FORMS": len(components),
        "components-MIN_NUM_FORMS": 0,
        "components-MAX_NUM_FORMS": 1000,
    }
    for n, component in enumerate(components):
        data |= {
            f"components-{n}-id": component.pk,
            f"components-{n}-rubric": rubric.pk,
            f"components-{n}-order": component.order,
            f"components-{n}-name": component.name,
            f"components-{n}-weight": component.weight,
        }
    return data


def test_an_unused_rubric_can_be_changed_in_the_admin(admin_client, rubric):
    response = admin_client.post(
        reverse("admin:assessments_rubric_change", args=[rubric.pk]), rubric_form(rubric, "Baru")
    )
    assert response.status_code == 302
    rubric.refresh_from_db()
    assert rubric.name == "Baru"


def test_a_frozen_rubric_is_read_only_and_cannot_be_changed_in_the_admin(admin_client, frozen_rubric):
    page = admin_client.get(reverse("admin:assessments_rubric_change", args=[frozen_rubric.pk]))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    old_name = frozen_rubric.name
    response = admin_client.post(
        reverse("admin:assessments_rubric_change", args=[frozen_rubric.pk]), rubric_form(frozen_rubric, "Diubah")
    )
    assert response.status_code == 403
    frozen_rubric.refresh_from_db()
    assert frozen_rubric.name == old_name


def test_a_frozen_rubrics_components_and_indicators_cannot_be_changed_or_deleted(admin_client, frozen_rubric):
    component = frozen_rubric.components.first()
    indicator = component.indicators.first()
    url = reverse("admin:assessments_rubriccomponent_change", args=[component.pk])
    assert admin_client.get(url).context["has_change_permission"] is False
    response = admin_client.post(url, {"rubric": frozen_rubric.pk, "name": "X", "weight": "50", "order": 0})
    assert response.status_code == 403
    assert (
        admin_client.post(reverse("admin:assessments_rubricindicator_delete", args=[indicator.pk])).status_code == 403
    )
    component.refresh_from_db()
    assert component.name != "X"
    assert RubricIndicator.objects.filter(pk=indicator.pk).exists()


def test_a_new_component_cannot_be_added_to_a_frozen_rubric(admin_client, frozen_rubric):
    count = RubricComponent.objects.filter(rubric=frozen_rubric).count()
    response = admin_client.post(
        reverse("admin:assessments_rubriccomponent_add"),
        {
            "rubric": frozen_rubric.pk,
            "name": "Tambahan",
            "weight": "5",
            "order": 9,
            "indicators-TOTAL_FORMS": 0,
            "indicators-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "rubric" in response.context["adminform"].form.errors
    assert RubricComponent.objects.filter(rubric=frozen_rubric).count() == count


def test_the_copy_action_creates_the_next_version_with_every_indicator(admin_client, frozen_rubric):
    response = admin_client.post(
        reverse("admin:assessments_rubric_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [frozen_rubric.pk]},
    )
    assert response.status_code == 302
    copy = Rubric.objects.current(frozen_rubric.rule_set, frozen_rubric.kind)
    assert copy.version == frozen_rubric.version + 1
    assert copy.copied_from == frozen_rubric
    assert not copy.is_frozen
    assert RubricIndicator.objects.filter(component__rubric=copy).count() == (
        RubricIndicator.objects.filter(component__rubric=frozen_rubric).count()
    )
    assert copy.weight_errors() == []


def test_predicate_bands_are_edited_in_the_list(admin_client, enrolment):
    bands = list(PredicateBand.objects.filter(rule_set=enrolment.cohort.rule_set))
    assert len(bands) == 5
    response = admin_client.get(
        reverse("admin:assessments_predicateband_changelist"), {"rule_set__id__exact": bands[0].rule_set_id}
    )
    assert response.status_code == 200
    assert response.context["cl"].formset is not None


@pytest.mark.parametrize("rows", [1, 30])
def test_the_score_changelist_runs_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, presentation, session_examiner, indicators, rows
):
    for order in range(2, rows + 1):
        other = Presentation.objects.create(
            session=presentation.session,
            enrolment=factories.EnrolmentFactory(cohort=presentation.enrolment.cohort),
            order=order,
        )
        score_all(other, session_examiner, indicators, 80)
    score_all(presentation, session_examiner, indicators, 80)
    with django_assert_max_num_queries(11):
        response = admin_client.get(reverse("admin:assessments_score_changelist"))
    assert response.status_code == 200


def build_feedback(project, mentor, rows):
    for n in range(rows):
        feedback.give_feedback(
            project,
            by=mentor,
            category="budget" if n % 2 else "scope",
            text=f"Masukan {n}",
            owner="Peserta",
            due_date=factories.today(),
            budget={"fiscal_year": 2027, "source": "apbd", "amount_requested": 1000},
        )


def build_sessions(seminar, rows):
    for n in range(rows):
        session = SeminarSession.objects.create(seminar=seminar, name=f"Ruang {n}", chair=factories.UserFactory())
        session.examiners.set(factories.UserFactory.create_batch(2))


@pytest.mark.parametrize("rows", [1, 30])
def test_session_and_feedback_changelists_run_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, seminar, project, mentor, rows
):
    build_sessions(seminar, rows)
    build_feedback(project, mentor, rows)
    for model in ("seminarsession", "feedbackitem", "seminar", "rubric"):
        with django_assert_max_num_queries(14):
            response = admin_client.get(reverse(f"admin:assessments_{model}_changelist"))
        assert response.status_code == 200


@pytest.fixture
def staff_client(client, organiser_staff):
    organiser_staff.is_staff = True
    organiser_staff.save()
    codenames = ["view_seminar", "view_seminarsession", "view_feedbackitem", "view_score"]
    organiser_staff.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(organiser_staff)
    return client


def test_organiser_staff_see_only_their_cohorts_seminars_and_feedback(staff_client, seminar, scored, feedback_item):
    elsewhere = factories.EnrolmentFactory()
    other_seminar = Seminar.objects.create(
        cohort=elsewhere.cohort, kind="design", rubric=seminar.rubric, starts_at=seminar.starts_at
    )
    other_item = feedback.give_feedback(
        factories.ChangeProjectFactory(enrolment=elsewhere),
        by=factories.AssignmentFactory(enrolment=elsewhere).user,
        category="scope",
        text="Lain",
        owner="X",
        due_date=factories.today(),
    )
    seminars = staff_client.get(reverse("admin:assessments_seminar_changelist")).context["cl"].result_list
    assert list(seminars) == [seminar]
    items = staff_client.get(reverse("admin:assessments_feedbackitem_changelist")).context["cl"].result_list
    assert list(items) == [feedback_item]
    outside = staff_client.get(reverse("admin:assessments_seminar_change", args=[other_seminar.pk]))
    assert outside.status_code == 302
    assert staff_client.get(reverse("admin:assessments_feedbackitem_change", args=[other_item.pk])).status_code == 302
    scores = staff_client.get(reverse("admin:assessments_score_changelist")).context["cl"]
    assert scores.result_count == scored.scores.count()


def test_the_session_page_lists_the_recorded_absences_read_only(
    admin_client, session, presentation, chair, second_examiner
):
    record_absence(
        session, by=chair, kind="member", member=second_examiner, presentation=presentation, reason="Dinas luar kota."
    )

    response = admin_client.get(reverse("admin:assessments_seminarsession_change", args=[session.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dinas luar kota." in page and "Penguji Dua" in page
    assert 'name="absences-0-reason"' not in page  # shown, not a field to edit
