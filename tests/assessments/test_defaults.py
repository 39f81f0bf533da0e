import datetime

from assessments.defaults import ensure_rule_set_defaults
from assessments.models import PredicateBand, Rubric, ScoringPolicy
from diklat.models import Programme, RuleSet
from tests import factories


def test_a_new_rule_set_gets_bands_a_policy_and_copies_of_its_programmes_rubrics(db):
    rule_set = RuleSet.objects.create(
        programme=Programme.objects.get(code="pka"), name="Perlan 9/2026", effective_from=datetime.date(2026, 6, 1)
    )
    ensure_rule_set_defaults(rule_set, by=factories.UserFactory())
    assert ScoringPolicy.objects.filter(rule_set=rule_set).exists()
    bands = PredicateBand.objects.filter(rule_set=rule_set)
    assert bands.count() == 5
    assert bands.for_score(90).name == "Memuaskan"
    for kind in ("design", "results"):
        rubric = Rubric.objects.get(rule_set=rule_set, kind=kind)
        assert rubric.version == 1
        assert rubric.weight_errors() == []
        assert rubric.copied_from.rule_set.programme.code == "pka"


def test_defaults_never_duplicate_what_a_rule_set_already_has(db):
    rule_set = RuleSet.objects.get(programme__code="pkn2", name="Perlan 5/2022 jo. 6/2022")
    before = (rule_set.predicate_bands.count(), Rubric.objects.filter(rule_set=rule_set).count())
    ensure_rule_set_defaults(rule_set, by=factories.UserFactory())
    assert (rule_set.predicate_bands.count(), Rubric.objects.filter(rule_set=rule_set).count()) == before


def test_adding_a_rule_set_in_the_admin_makes_it_usable(admin_client):
    response = admin_client.post(
        "/admin/diklat/ruleset/add/",
        {
            "programme": Programme.objects.get(code="pkp").pk,
            "name": "Perlan 10/2026",
            "regulation": "",
            "effective_from": "2026-07-01",
            "medium_horizon_from_months": 6,
            "medium_horizon_months": 12,
            "long_horizon_from_months": 12,
            "long_horizon_months": 24,
            "budget_approver": "organiser",
            "documents_due_days": 2,
        },
    )
    assert response.status_code == 302, response.content[:500]
    rule_set = RuleSet.objects.get(name="Perlan 10/2026")
    assert rule_set.documents_due_days == 2  # the reminders of the report and slides follow it
    assert rule_set.predicate_bands.count() == 5
    assert Rubric.objects.filter(rule_set=rule_set).count() == 2
