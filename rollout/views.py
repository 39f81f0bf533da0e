"""Pages of an innovation and its rollout: the record, maturity, targets, adoptions and their evidence.

Whoever may report on the project sees the page (Innovation/Adoption ``visible_to``); the participant,
their cohort's organiser staff and the province's staff change it (``services.can_manage_rollout``).
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from evidence.downloads import download
from projects.forms import add_service_errors
from projects.models import ChangeProject

from . import services
from .forms import (
    AdoptionForm,
    EvidenceForm,
    InnovationForm,
    ProvinceForm,
    TargetsForm,
    adoption_stage_form,
    innovation_stage_form,
)
from .models import Adoption, AdoptionEvidence, AdoptionStageChange, Innovation, InnovationStageChange, RolloutTarget

PROJECT_RELATIONS = (
    "enrolment__participant__user",
    "enrolment__cohort__programme",
    "enrolment__cohort__organiser",
    "agency__government__parent",
)
LINEAGE_RELATIONS = ("project__agency__government", "project__enrolment__cohort__programme")


def _reportable_project(user, pk) -> ChangeProject:
    """The project if the user may report on it (its rollout is then visible to them), else 404."""
    projects = ChangeProject.objects.reportable_by(user).select_related(*PROJECT_RELATIONS)
    return get_object_or_404(projects, pk=pk)


def _visible_innovation(user, pk) -> Innovation:
    relations = [f"project__{name}" for name in PROJECT_RELATIONS]
    return get_object_or_404(Innovation.objects.visible_to(user).select_related(*relations), pk=pk)


def _visible_adoption(user, pk) -> Adoption:
    relations = [f"innovation__project__{name}" for name in PROJECT_RELATIONS]
    queryset = Adoption.objects.visible_to(user).select_related("agency__government", *relations)
    return get_object_or_404(queryset, pk=pk)


def _require_manager(user, project: ChangeProject) -> None:
    if not services.can_manage_rollout(user, project):
        raise PermissionDenied(_("You may not change the rollout records of this project."))


def _posted(request, files=False):
    """The submitted data of a POST (even an empty one, so the form is bound and says what is missing)."""
    if request.method != "POST":
        return (None, None) if files else None
    return (request.POST, request.FILES) if files else request.POST


def _rollout_url(project_pk: int, anchor: str = "") -> str:
    return reverse("rollout:project", args=[project_pk]) + (f"#{anchor}" if anchor else "")


@login_required
def project_rollout(request, project_pk):
    project = _reportable_project(request.user, project_pk)
    lineage = Innovation.objects.lineage_choices(request.user).select_related(*LINEAGE_RELATIONS)
    innovation = (
        Innovation.objects.filter(project=project)
        .with_coverage()
        .select_related(*(f"derived_from__{name}" for name in LINEAGE_RELATIONS))
        .prefetch_related(
            "affairs",
            Prefetch("stage_changes", InnovationStageChange.objects.select_related("by")),
            Prefetch(
                "targets",
                RolloutTarget.objects.with_covered().select_related("agency__government", "government"),
            ),
            Prefetch("derivatives", lineage.order_by("name"), to_attr="visible_derivatives"),
        )
        .first()
    )
    context = {
        "project": project,
        "innovation": innovation,
        "can_manage": services.can_manage_rollout(request.user, project),
        "project_visible": ChangeProject.objects.visible_to(request.user).filter(pk=project.pk).exists(),
    }
    if innovation is not None:
        adoptions = list(innovation.adoptions.select_related("agency__government__parent").prefetch_related("evidence"))
        derived_by_agency = defaultdict(list)
        for derivative in innovation.visible_derivatives:
            derived_by_agency[derivative.project.agency_id].append(derivative)
        for adoption in adoptions:
            adoption.own_versions = derived_by_agency.get(adoption.agency_id, [])
        context.update(
            adoptions=adoptions,
            stage_form=innovation_stage_form(innovation),
            stage_labels=Adoption.Stage.choices,
        )
    return render(request, "rollout/project.html", context)


@login_required
def innovation_edit(request, project_pk):
    project = _reportable_project(request.user, project_pk)
    _require_manager(request.user, project)
    innovation = Innovation.objects.filter(project=project).first()
    form = InnovationForm(_posted(request), instance=innovation or Innovation(project=project), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_innovation(
                project,
                by=request.user,
                affairs=form.cleaned_data["affairs"],
                started_on=form.cleaned_data.get("started_on"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The innovation has been saved."))
            return redirect(_rollout_url(project.pk))
    return render(request, "rollout/innovation_form.html", {"form": form, "project": project, "is_new": not innovation})


@login_required
def innovation_stage(request, pk):
    innovation = _visible_innovation(request.user, pk)
    _require_manager(request.user, innovation.project)
    form = innovation_stage_form(innovation, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_innovation_stage(innovation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The maturity stage has been changed."))
            return redirect(_rollout_url(innovation.project_id, "maturity"))
    history = innovation.stage_changes.select_related("by")
    return render(
        request,
        "rollout/stage_form.html",
        {"form": form, "project": innovation.project, "subject": innovation, "history": history, "kind": "maturity"},
    )


def _province(request, project: ChangeProject):
    return ProvinceForm(request.GET or None).province_or(project.agency.government.province)


@login_required
def targets_edit(request, pk):
    innovation = _visible_innovation(request.user, pk)
    _require_manager(request.user, innovation.project)
    province = _province(request, innovation.project)
    form = TargetsForm(_posted(request), innovation=innovation, province=province)
    if request.method == "POST" and form.is_valid():
        agencies, governments = form.new_lists()
        try:
            services.set_targets(innovation, by=request.user, agencies=agencies, governments=governments)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rollout targets have been saved."))
            return redirect(_rollout_url(innovation.project_id, "targets"))
    context = {
        "form": form,
        "innovation": innovation,
        "project": innovation.project,
        "province": province,
        "province_form": ProvinceForm(initial={"province": province.code}),
    }
    return render(request, "rollout/targets_form.html", context)


@login_required
def adoption_create(request, pk):
    innovation = _visible_innovation(request.user, pk)
    _require_manager(request.user, innovation.project)
    province = _province(request, innovation.project)
    form = AdoptionForm(_posted(request), innovation=innovation, province=province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_adoption(innovation, data.pop("agency"), by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adoption has been recorded."))
            return redirect(_rollout_url(innovation.project_id, "adoptions"))
    context = {
        "form": form,
        "innovation": innovation,
        "project": innovation.project,
        "province": province,
        "province_form": ProvinceForm(initial={"province": province.code}),
    }
    return render(request, "rollout/adoption_form.html", context)


@login_required
def adoption_stage(request, pk):
    adoption = _visible_adoption(request.user, pk)
    project = adoption.innovation.project
    _require_manager(request.user, project)
    form = adoption_stage_form(adoption, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_adoption_stage(adoption, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adoption stage has been changed."))
            return redirect(_rollout_url(project.pk, "adoptions"))
    history = AdoptionStageChange.objects.filter(adoption=adoption).select_related("by")
    return render(
        request,
        "rollout/stage_form.html",
        {"form": form, "project": project, "subject": adoption, "history": history, "kind": "adoption"},
    )


@login_required
def evidence_create(request, pk):
    adoption = _visible_adoption(request.user, pk)
    project = adoption.innovation.project
    _require_manager(request.user, project)
    form = EvidenceForm(*_posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_adoption_evidence(adoption, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evidence has been added."))
            return redirect(_rollout_url(project.pk, "adoptions"))
    return render(request, "rollout/evidence_form.html", {"form": form, "project": project, "adoption": adoption})


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        AdoptionEvidence.objects.visible_to(request.user).exclude(file=""),
        pk=pk,
    )
    return download(evidence)
