"""Forms of the rollout pages: they check input, rollout.services saves it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from diklat.filtering import MAX_ID
from evidence.checks import check_evidence
from projects.forms import DATE_WIDGET, EVIDENCE_ACCEPT
from regions.models import Agency, Region

from .models import Adoption, Innovation, RolloutTarget


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return value


class DatalistInput(forms.TextInput):
    """A text box with the browser's own searchable list of suggestions (no script needed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions: list[str] = []

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "autocomplete": "off"}
        list_id = f"{attrs.get('id') or name}_list"
        attrs["list"] = list_id
        box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((label,) for label in self.suggestions))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class DatalistModelChoiceField(forms.ModelChoiceField):
    """Choose a row by typing: the suggestions end in "[#id]", and an exact label is accepted too."""

    widget = DatalistInput
    marker = re.compile(r"\[#(\d+)\]\s*$", re.ASCII)

    def label_from_instance(self, obj):
        return f"{super().label_from_instance(obj)} [#{obj.pk}]"

    def prepare_value(self, value):
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)  # "²".isdigit() is True too, hence isascii()
        if isinstance(value, int):
            obj = self.queryset.filter(pk=value).first() if 0 < value <= MAX_ID else None
            return self.label_from_instance(obj) if obj else ""
        if hasattr(value, "pk"):
            return self.label_from_instance(value)
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        match = self.marker.search(value)
        if match and int(match.group(1)) <= MAX_ID:
            return super().to_python(match.group(1))
        found = list(self.queryset.filter(name__iexact=value)[:2])
        if len(found) == 1:
            return found[0]
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def refresh_suggestions(self):
        self.widget.suggestions = [self.label_from_instance(obj) for obj in self.queryset]


class LineageField(DatalistModelChoiceField):
    def label_from_instance(self, obj):
        cohort = obj.project.enrolment.cohort
        return f"{obj.name} — {obj.project.agency.government} ({cohort}) [#{obj.pk}]"


class InnovationForm(forms.ModelForm):
    """What the innovation is and what anchors it."""

    started_on = forms.DateField(
        label=_("Initiative since"),
        widget=DATE_WIDGET,
        required=False,
        validators=[_not_in_future],
        help_text=_("When the innovation began; today if left empty."),
    )

    class Meta:
        model = Innovation
        fields = ["name", "form", "is_digital", "regulation", "regulation_reference", "affairs", "derived_from"]
        field_classes = {"derived_from": LineageField}
        widgets = {"affairs": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        lineage = Innovation.objects.lineage_choices(user).select_related(
            "project__agency__government", "project__enrolment__cohort__programme"
        )
        if self.instance.project_id:
            lineage = lineage.exclude(project=self.instance.project_id)
        if self.instance.pk:
            lineage = lineage.exclude(derived_from=self.instance.pk)  # its own offspring would make a circle
        self.fields["derived_from"].queryset = lineage.order_by("name", "pk")
        self.fields["derived_from"].help_text = _(
            "Type to search innovations of other cohorts or provinces; leave empty if this one is original."
        )
        self.fields["derived_from"].refresh_suggestions()
        if self.instance.pk:
            del self.fields["started_on"]

    def clean(self):
        cleaned = super().clean()
        regulation, reference = cleaned.get("regulation"), (cleaned.get("regulation_reference") or "").strip()
        if regulation == Innovation.Regulation.NONE and reference:
            self.add_error("regulation_reference", _("Choose the kind of regulation, or leave the reference empty."))
        return cleaned

    def _post_clean(self):
        # The service validates the model (and its constraints) once the project is known.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("affairs", None)
        data.pop("started_on", None)
        return data


class StageForm(forms.Form):
    """Move along a ladder of stages: a dated step, with a reason when it goes back."""

    stage = forms.ChoiceField(label=_("New stage"))
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, validators=[_not_in_future])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when going back a stage."),
    )

    def __init__(self, *args, choices, current: str, order: list[str], **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(value, label) for value, label in choices if value != current]
        self.current, self.order = current, order

    def clean(self):
        cleaned = super().clean()
        stage = cleaned.get("stage")
        if stage and self.order.index(stage) < self.order.index(self.current) and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Going back a stage needs a reason."))
        return cleaned


def innovation_stage_form(innovation: Innovation, data=None) -> StageForm:
    return StageForm(
        data,
        choices=Innovation.Stage.choices,
        current=innovation.stage,
        order=list(Innovation.Stage.values),
        prefix="maturity",
    )


def adoption_stage_form(adoption: Adoption, data=None) -> StageForm:
    return StageForm(data, choices=Adoption.Stage.choices, current=adoption.stage, order=Adoption.STAGE_ORDER)


class ProvinceForm(forms.Form):
    """Which province's agencies to choose from."""

    province = forms.ModelChoiceField(
        Region.objects.filter(level=Region.Level.PROVINCE), to_field_name="code", label=_("Province"), required=False
    )

    def province_or(self, default: Region) -> Region:
        if self.is_bound and self.is_valid() and self.cleaned_data["province"]:
            return self.cleaned_data["province"]
        return default


def agencies_of(province: Region):
    return Agency.objects.in_province(province).select_related("government").order_by("government__code", "name")


class TargetsForm(forms.Form):
    """Take targets off the list, and add agencies or governments of one province."""

    remove = forms.ModelMultipleChoiceField(
        RolloutTarget.objects.none(),
        label=_("Take off the list"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        Agency.objects.none(), label=_("Add agencies"), required=False, widget=forms.CheckboxSelectMultiple
    )
    governments = forms.ModelMultipleChoiceField(
        Region.objects.none(),
        label=_("Add regional governments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A government is reached when any of its agencies applies the innovation."),
    )

    def __init__(self, *args, innovation: Innovation, province: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.innovation = innovation
        targets = list(innovation.targets.select_related("agency__government", "government"))
        self.current = targets
        self.fields["remove"].queryset = innovation.targets.select_related("agency__government", "government")
        taken_agencies = {t.agency_id for t in targets if t.agency_id}
        taken_governments = {t.government_id for t in targets if t.government_id}
        self.fields["agencies"].queryset = agencies_of(province).exclude(
            pk__in=taken_agencies | {innovation.project.agency_id}
        )
        self.fields["governments"].queryset = (
            Region.objects.filter(pk=province.pk) | Region.objects.filter(parent=province)
        ).exclude(pk__in=taken_governments)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("remove") or cleaned.get("agencies") or cleaned.get("governments")):
            raise ValidationError(_("Choose targets to add or to take off the list."))
        return cleaned

    def new_lists(self) -> tuple[list[Agency], list[Region]]:
        removed = {t.pk for t in self.cleaned_data["remove"]}
        kept = [t for t in self.current if t.pk not in removed]
        agencies = [t.agency for t in kept if t.agency_id] + list(self.cleaned_data["agencies"])
        governments = [t.government for t in kept if t.government_id] + list(self.cleaned_data["governments"])
        return agencies, governments


class AdoptionForm(forms.Form):
    """An agency that takes up the innovation."""

    agency = forms.ModelChoiceField(Agency.objects.none(), label=_("Adopting agency"))
    planned_on = forms.DateField(
        label=_("Planned on"),
        widget=DATE_WIDGET,
        validators=[_not_in_future],
        help_text=_("When the agency agreed to adopt it."),
    )
    contact_name = forms.CharField(label=_("Contact"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)

    def __init__(self, *args, innovation: Innovation, province: Region, **kwargs):
        kwargs.setdefault("initial", {"planned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        adopted = innovation.adoptions.values("agency")
        self.fields["agency"].queryset = agencies_of(province).exclude(pk=innovation.project.agency_id)
        self.fields["agency"].help_text = _("Agencies of %(province)s that have no adoption record yet.") % {
            "province": province
        }
        self.fields["agency"].queryset = self.fields["agency"].queryset.exclude(pk__in=adopted)


class EvidenceForm(forms.Form):
    """The document that proves an adoption: its number, an upload, or both."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Adoption.EvidenceKind.choices)
    reference = forms.CharField(label=_("Document number"), max_length=150, required=False)
    dated = forms.DateField(label=_("Document date"), widget=DATE_WIDGET, required=False, validators=[_not_in_future])
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=_("An image (JPG, PNG, WEBP) or a PDF."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            check_evidence(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("reference") or "").strip() and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("reference", _("Give the document number or upload the document."))
        return cleaned
