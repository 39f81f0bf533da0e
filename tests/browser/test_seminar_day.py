"""A seminar panel, in a real headless Chromium, scores a session, the chair finalises it, the participant reads it.

The small rubric of the seminar factory weighs its four indicators 30, 20, 40 and 10. The
rule set's policy is set to role weights (examiners 50, mentor 25, coach 25; spread 15), so
every panel member counts:

participant 1: examiner A 85.5 / 90 / 72.25 / 100 → 25.65 + 18 + 28.9 + 10 = 82.55 (browser)
               examiner B 90 each → 90.00; mentor 80 each → 80.00 (browser); coach 75 each → 75.00
               examiners' mean 86.275; (50 × 86.275 + 25 × 80 + 25 × 75) / 100 = 81.8875 → 81.89,
               "Memuaskan" (> 80 – 90); spread 90 − 75 = 15, not above 15: not flagged.
participant 2: examiners 70 and 75, mentor 95, coach 72 → (50 × 72.5 + 25 × 95 + 25 × 72) / 100 = 78.00,
               "Cukup Memuaskan"; spread 95 − 70 = 25: flagged, the chair confirms before release.
"""

from decimal import Decimal

import pytest
from django.utils import formats, translation
from django.utils.timezone import now

from assessments import services
from assessments.models import (
    Classification,
    Presentation,
    RubricIndicator,
    Score,
    ScoringPolicy,
    SeminarSession,
)
from assessments.results import results_for
from tests import factories
from tests.assessments.factories import SeminarFactory, SessionFactory

# Transactional (the live server reads what the test writes); tests/conftest.py reloads the seeded
# reference data (programmes, rubrics, bands, policies) after an earlier test's flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def as_shown(value: Decimal) -> str:
    """A number as the Indonesian pages print it (decimal comma)."""
    with translation.override("id"):
        return formats.localize(value)


def log_in(page, url: str, user) -> None:
    """Log out whoever was logged in, open ``url`` and log in through the login page it sends us to."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": url}])
    page.goto(url)
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#content form button[type=submit]")
    page.wait_for_url(url)


def fill_scores(page, indicators, values) -> None:
    for indicator, value in zip(indicators, values, strict=True):
        page.fill(f"#id_indicator_{indicator.pk}", value)


def submit_scores(page) -> None:
    page.click("form.score-form button[name=action][value=submit]")


def panel_member(presentation, role):
    return presentation.enrolment.assignments.get(role=role).user


def test_a_panel_scores_a_session_the_chair_finalises_it_and_the_participant_reads_the_result(live_server, page):
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": live_server.url}])
    cohort = factories.CohortFactory()
    ScoringPolicy.objects.filter(rule_set=cohort.rule_set).update(
        method=ScoringPolicy.Method.ROLE_WEIGHTS,
        examiner_weight=50,
        mentor_weight=25,
        coach_weight=25,
        max_spread=Decimal("15"),
    )
    seminar = SeminarFactory(cohort=cohort, starts_at=now())
    chair = factories.UserFactory(full_name="Ketua Sidang")
    examiner_a = factories.UserFactory(full_name="Penguji Satu")
    examiner_b = factories.UserFactory(full_name="Penguji Dua")
    session = SessionFactory(seminar=seminar, name="Ruang A", chair=chair, examiners=[examiner_a, examiner_b])
    presentations = []
    for order in (1, 2):
        enrolment = factories.EnrolmentFactory(cohort=cohort)
        factories.ChangeProjectFactory(enrolment=enrolment, title=f"Proyek Perubahan Peserta {order}")
        factories.AssignmentFactory(enrolment=enrolment, role="mentor")
        factories.AssignmentFactory(enrolment=enrolment, role="coach")
        presentations.append(Presentation.objects.create(session=session, enrolment=enrolment, order=order))
    first, second = presentations
    indicators = list(RubricIndicator.objects.filter(component__rubric=seminar.rubric))
    assert [i.weight for i in indicators] == [30, 20, 40, 10]
    base = live_server.url
    session_url = f"{base}{session.get_absolute_url()}"
    first_form_url = f"{base}{first.get_absolute_url()}"

    # 1. Examiner A opens the seminar day, the session and participant 1's scoring form.
    log_in(page, f"{base}/seminars/", examiner_a)
    page.click(f".session-card a.button[href='{session.get_absolute_url()}']")
    page.wait_for_url(session_url)
    page.click(f"#presentation-{first.pk} a[href='{first.get_absolute_url()}']")
    page.wait_for_url(first_form_url)
    running_total = page.locator("[data-running-total]")
    assert running_total.inner_text() == "—"
    fill_scores(page, indicators, ["85.5", "90", "72.25", "100"])
    assert running_total.inner_text() == "82,55 (4/4)"  # the decimal comma, as everywhere else
    page.fill(f"#id_remark_{indicators[2].pk}", "Anggaran belum masuk DPA tahun depan.")
    page.check("input[name=verdict][value=innovation]")
    page.fill("#id_verdict_reason", "Layanan baru yang dapat direplikasi ke setiap OPD.")

    # 101 on one indicator: the browser holds the form back at that field...
    too_high = page.locator(f"#id_indicator_{indicators[0].pk}")
    too_high.fill("101")
    # ...the running total leaves it out (it would never be saved) and says so.
    assert running_total.inner_text() == "56,90 (3/4)"
    ignored_note = page.locator("[data-ignored-note]")
    assert ignored_note.is_visible()
    assert ignored_note.inner_text().startswith("1 nilai di luar 0–100")
    page.fill(f"#id_indicator_{indicators[1].pk}", "-3")
    assert running_total.inner_text() == "38,90 (2/4)"
    assert ignored_note.inner_text().startswith("2 nilai")
    page.fill(f"#id_indicator_{indicators[1].pk}", "90")
    assert running_total.inner_text() == "56,90 (3/4)"
    submit_scores(page)
    assert too_high.evaluate("input => input.validity.rangeOverflow")
    assert too_high.evaluate("input => input.validationMessage")
    assert page.url == first_form_url
    assert not Score.objects.filter(presentation=first).exists()
    # ...and without the browser's check the server refuses it at that field, keeping what was typed.
    page.eval_on_selector("form.score-form", "form => { form.noValidate = true; }")
    with page.expect_navigation():
        submit_scores(page)
    assert page.url == first_form_url
    error = page.locator(f"#id_indicator_{indicators[0].pk}_error")
    assert "100" in error.inner_text()
    assert too_high.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#row-{indicators[0].pk}.has-error").count() == 1
    assert page.locator(f"#id_indicator_{indicators[1].pk}").input_value() == "90"
    assert not Score.objects.filter(presentation=first).exists()
    assert not Classification.objects.filter(presentation=first).exists()

    too_high.fill("85.5")
    assert running_total.inner_text() == "82,55 (4/4)"  # the decimal comma, as everywhere else
    submit_scores(page)
    page.wait_for_url(session_url)
    totals = results_for([first])[first.pk].scorers
    assert [(s.scorer_id, s.total, s.complete) for s in totals] == [(examiner_a.pk, Decimal("82.55"), True)]
    assert as_shown(Decimal("82.55")) in page.locator(f"#presentation-{first.pk}").inner_text()
    assert Classification.objects.get(presentation=first, examiner=examiner_a).verdict == "innovation"
    assert Score.objects.get(presentation=first, indicator=indicators[2]).remark.startswith("Anggaran")

    # 2. Participant 1's mentor scores in the browser too (no verdict for a mentor); the rest through the service.
    mentor_one = panel_member(first, "mentor")
    log_in(page, session_url, mentor_one)
    page.click(f"#presentation-{first.pk} a[href='{first.get_absolute_url()}']")
    page.wait_for_url(first_form_url)
    assert page.locator("input[name=verdict]").count() == 0
    fill_scores(page, indicators, ["80"] * 4)
    assert page.locator("[data-running-total]").inner_text() == "80.00 (4/4)"
    submit_scores(page)
    page.wait_for_url(session_url)
    assert page.locator(f"#presentation-{second.pk}").count() == 0  # a mentor sees only their own participant

    def score_all(presentation, scorer, value):
        services.score_presentation(presentation, by=scorer, scores={i.pk: value for i in indicators})

    score_all(first, examiner_b, "90")
    score_all(first, panel_member(first, "coach"), "75")
    score_all(second, examiner_a, "70")
    score_all(second, examiner_b, "75")
    score_all(second, panel_member(second, "mentor"), "95")
    score_all(second, panel_member(second, "coach"), "72")
    results = results_for([first, second])
    assert (results[first.pk].final, results[first.pk].predicate) == (Decimal("81.89"), "Memuaskan")
    assert results[first.pk].spread == Decimal("15.00") and not results[first.pk].flagged
    assert (results[second.pk].final, results[second.pk].predicate) == (Decimal("78.00"), "Cukup Memuaskan")
    assert results[second.pk].flagged

    # Before release, participant 1 sees that the result is not out, and none of its numbers.
    participant_one = first.enrolment.participant.user
    my_results_url = f"{base}/seminars/my-results/"
    log_in(page, my_results_url, participant_one)
    card = page.locator(".result-card")
    assert card.count() == 1
    assert card.locator(".status-released").count() == 0
    assert card.locator("dl.facts").count() == 0
    assert as_shown(Decimal("81.89")) not in page.content()
    assert as_shown(Decimal("82.55")) not in page.content()

    # 3. The chair finalises: participant 2's scorers disagree, so the release waits for the confirmation.
    log_in(page, f"{base}/seminars/", chair)
    page.click(f".session-card a.button[href='{session.get_absolute_url()}']")
    page.wait_for_url(session_url)
    assert page.locator(f"#presentation-{second.pk}.flagged").count() == 1
    assert page.locator(f"#presentation-{first.pk}.flagged").count() == 0
    with page.expect_navigation():
        page.click("#chair form button[type=submit]")
    assert page.locator("#id_acknowledge_flags_error").is_visible()
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.OPEN
    assert not Presentation.objects.filter(session=session, released_at__isnull=False).exists()
    page.check("#id_acknowledge_flags")
    page.click("#chair form button[type=submit]")
    page.wait_for_url(session_url)
    assert page.locator(".card-head .status-finalised").count() == 1
    assert as_shown(Decimal("81.89")) in page.locator(f"#presentation-{first.pk}").inner_text()
    session.refresh_from_db()
    assert session.status == SeminarSession.Status.FINALISED and session.finalised_by == chair

    # 4. Participant 1 reads their released result; participant 2's scores stay out of reach.
    log_in(page, my_results_url, participant_one)
    released = results_for([first])[first.pk]
    assert card.locator(".status-released").count() == 1
    assert card.locator("dl.facts dd.big").first.inner_text() == as_shown(released.final) == "81,89"
    assert card.locator(".predicate").inner_text() == released.predicate == "Memuaskan"
    assert as_shown(results[second.pk].final) not in page.content()
    assert page.goto(session_url).status == 404
    assert page.goto(f"{base}{second.get_absolute_url()}").status == 404
