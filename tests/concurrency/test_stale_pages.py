"""The edit pages refuse a save made from an older version, keep what was typed and say what changed."""

import pytest
from django.urls import reverse

from projects.models import BudgetLine, ChangeProject, Milestone
from projects.services.budget import save_budget_line
from projects.services.lifecycle import update_project
from projects.services.milestones import save_milestone
from tests import factories

pytestmark = pytest.mark.django_db


def posted_back(response, **overrides) -> dict:
    """What the browser posts back from the page's form (and its formsets), with ``overrides``."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context.get("formsets", []):
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    data.update(overrides)
    return data


@pytest.fixture
def owner(client, participant):
    client.force_login(participant.user)
    return client


def test_a_milestone_saved_elsewhere_meanwhile_is_not_overwritten(owner, project, participant):
    milestone = factories.MilestoneFactory(project=project, activity="Sosialisasi")
    url = reverse("projects:milestone_edit", args=[milestone.pk])
    opened = owner.get(url)
    assert 'name="version" value="1"' in opened.content.decode()
    save_milestone(project, by=participant.user, milestone=milestone, activity="Rapat koordinasi")

    refused = owner.post(url, posted_back(opened, responsible="Sekretaris"))

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "since you opened it" in page or "sejak Anda membukanya" in page
    assert "Sosialisasi → Rapat koordinasi" in page
    assert 'name="version" value="2"' in page  # saving again is a decision made knowing the change
    assert 'value="Sekretaris"' in page  # what was typed is kept
    assert Milestone.objects.get(pk=milestone.pk).responsible != "Sekretaris"

    saved = owner.post(url, posted_back(refused, responsible="Sekretaris"))
    assert saved.status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).responsible == "Sekretaris"


def test_a_budget_line_changed_meanwhile_is_refused_with_the_amounts(owner, project, participant):
    line = factories.BudgetLineFactory(project=project, planned=3_800_000)
    url = reverse("projects:budget_edit", args=[line.pk])
    opened = owner.get(url)
    save_budget_line(project, by=participant.user, line=line, planned=4_200_000)

    refused = owner.post(url, posted_back(opened, description="Sewa aula"))

    assert refused.status_code == 200
    assert "Rp 3.800.000 → Rp 4.200.000" in refused.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).description != "Sewa aula"


def test_a_plan_edited_in_another_tab_is_not_overwritten(owner, project, participant):
    url = reverse("projects:edit", args=[project.pk])
    opened = owner.get(url)
    update_project(project, by=participant.user, title="Judul dari tab lain")

    data = posted_back(opened, problem="Masalah baru")
    required = [name for name, field in opened.context["form"].fields.items() if field.required]
    data.update({name: "Diisi peserta" for name in required if not data.get(name)})

    refused = owner.post(url, data)

    assert refused.status_code == 200
    assert "Judul dari tab lain" in refused.content.decode()
    assert ChangeProject.objects.get(pk=project.pk).problem != "Masalah baru"


def test_a_delete_confirmed_from_an_old_version_keeps_the_row(owner, project, participant):
    milestone = factories.MilestoneFactory(project=project)
    url = reverse("projects:milestone_delete", args=[milestone.pk])
    assert 'name="version" value="1"' in owner.get(url).content.decode()
    save_milestone(project, by=participant.user, milestone=milestone, weight=5)

    response = owner.post(url, {"version": "1"}, follow=True)

    assert Milestone.objects.filter(pk=milestone.pk).exists()
    assert "since you opened it" in response.content.decode() or "sejak Anda membukanya" in response.content.decode()
    owner.post(url, {"version": "2"})
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
