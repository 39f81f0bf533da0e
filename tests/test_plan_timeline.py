"""The project's plan over time: bars per horizon on one axis, with today and the seminars marked."""

import datetime

import pytest
from django.urls import reverse

from projects.models import Milestone
from projects.plan_timeline import timeline_of
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def planned(project):
    cohort = project.enrolment.cohort
    cohort.design_seminar_date, cohort.results_seminar_date = D(2027, 1, 31), D(2027, 3, 2)
    cohort.save(update_fields=["design_seminar_date", "results_seminar_date"])

    def milestone(horizon, starts, ends, **fields):
        return factories.MilestoneFactory(
            project=project, horizon=horizon, start_date=starts, target_date=ends, **fields
        )

    milestone("short", D(2027, 1, 1), D(2027, 2, 15), activity="SOP")
    milestone("short", D(2027, 2, 1), D(2027, 2, 20), activity="Uji coba", progress=40)
    milestone("medium", D(2027, 3, 1), D(2027, 6, 30), activity="Replikasi")
    milestone("long", D(2027, 7, 1), D(2027, 12, 31), activity="Perbup")
    milestone("long", D(2026, 6, 1), D(2028, 6, 1), activity="Dibatalkan", status=Milestone.Status.CANCELLED)
    return project


def test_the_axis_runs_from_the_first_start_to_the_last_end_leaving_cancelled_milestones_out(planned):
    timeline = timeline_of(planned, list(planned.milestones.all()), D(2027, 2, 10))
    assert (timeline.starts, timeline.ends) == (D(2027, 1, 1), D(2027, 12, 31))
    labels = [[bar.milestone.activity for bar in bars] for _label, bars in timeline.horizons]
    assert labels == [["SOP", "Uji coba"], ["Replikasi"], ["Perbup"]]


def test_bars_sit_where_their_dates_are(planned):
    timeline = timeline_of(planned, list(planned.milestones.all()), D(2027, 2, 10))
    span = 364  # 1 Jan to 31 Dec 2027
    sop, trial = timeline.horizons[0][1]
    assert (sop.left, sop.width) == (0, round(100 * 45 / span, 2))
    assert trial.left == round(100 * 31 / span, 2)
    perbup = timeline.horizons[2][1][0]
    assert perbup.left + perbup.width == pytest.approx(100, abs=0.01)


def test_today_and_both_seminars_are_marked(planned):
    timeline = timeline_of(planned, list(planned.milestones.all()), D(2027, 2, 10))
    assert [(m.kind, m.date) for m in timeline.markers] == [
        ("today", D(2027, 2, 10)),
        ("seminar", D(2027, 1, 31)),
        ("seminar", D(2027, 3, 2)),
    ]
    assert timeline.markers[0].left == round(100 * 40 / 364, 2)


def test_today_outside_the_plan_is_not_marked_and_overdue_bars_are_flagged(planned):
    timeline = timeline_of(planned, list(planned.milestones.all()), D(2028, 3, 1))
    assert [m.kind for m in timeline.markers] == ["seminar", "seminar"]
    assert all(bar.overdue for _label, bars in timeline.horizons for bar in bars)


def test_month_ticks_are_first_days_and_at_most_six(planned):
    months = [month for month, _left in timeline_of(planned, list(planned.milestones.all()), D(2027, 2, 10)).months]
    assert months == [D(2027, m, 1) for m in range(1, 13, 2)]
    factories.MilestoneFactory(project=planned, horizon="long", start_date=D(2027, 1, 1), target_date=D(2029, 12, 31))
    longer = [month for month, _left in timeline_of(planned, list(planned.milestones.all()), D(2027, 2, 10)).months]
    assert len(longer) <= 6 and longer[0] == D(2027, 1, 1) and all(month.day == 1 for month in longer)


def test_a_project_without_milestones_has_an_empty_timeline(project):
    assert timeline_of(project, [], D(2027, 2, 10)).is_empty


def test_the_project_page_and_the_mentors_view_show_it(client, planned, mentor):
    client.force_login(mentor)
    for url in (planned.get_absolute_url(), reverse("mentors:review", args=[planned.pk])):
        page = client.get(url).content.decode()
        assert '<section class="card" id="timeline">' in page
        assert page.count('class="timeline-row"') == 4
        assert 'style="left: 0.0%; width: 12.36%"' in page  # the positions are never written with a decimal comma


def test_the_indonesian_page_writes_positions_with_a_point(client, planned, mentor, settings):
    settings.LANGUAGE_CODE = "id"
    client.force_login(mentor)
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Linimasa" in page
    assert 'style="left: 0.0%; width: 12.36%"' in page
