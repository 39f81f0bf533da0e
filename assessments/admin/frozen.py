"""What a frozen rubric allows: the check, and the mixins and forms that keep its parts as they are."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from .. import rubric_versions
from ..models import LevelDescriptor, Rubric, RubricComponent, RubricIndicator, Score


def frozen(rubric: Rubric | None) -> bool:
    """Whether the rubric is frozen, asked once per request-held instance."""
    if rubric is None or rubric.pk is None:
        return False
    if not hasattr(rubric, "frozen"):
        rubric.frozen = rubric.is_frozen
    return rubric.frozen


def with_frozen(queryset):
    return queryset.annotate(frozen=Exists(Score.objects.filter(indicator__component__rubric=OuterRef("pk"))))


class FrozenRubricPartMixin:
    """A part of a rubric (component, indicator, level) cannot change once its rubric is frozen."""

    def rubric_of(self, obj) -> Rubric | None:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and frozen(self.rubric_of(obj))) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and frozen(self.rubric_of(obj))) and super().has_delete_permission(request, obj)


class FrozenInlineMixin:
    """Inline rows of a frozen rubric's part: no adding, changing or deleting."""

    def rubric_of(self, parent) -> Rubric | None:
        raise NotImplementedError

    def _editable(self, obj) -> bool:
        return obj is None or not frozen(self.rubric_of(obj))

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class RubricPartForm(forms.ModelForm):
    """Refuse to attach a new part to a frozen rubric."""

    rubric_path: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get(self.rubric_path[0])
        for step in self.rubric_path[1:]:
            parent = getattr(parent, step, None)
        if isinstance(parent, Rubric):
            try:
                rubric_versions.ensure_rubric_editable(parent)
            except ValidationError as error:
                raise ValidationError({self.rubric_path[0]: error.messages}) from None
        return cleaned


class RubricComponentForm(RubricPartForm):
    rubric_path = ("rubric",)

    class Meta:
        model = RubricComponent
        fields = ["rubric", "name", "weight", "order"]


class RubricIndicatorForm(RubricPartForm):
    rubric_path = ("component", "rubric")

    class Meta:
        model = RubricIndicator
        fields = ["component", "name", "weight", "order"]


class LevelDescriptorForm(RubricPartForm):
    rubric_path = ("indicator", "component", "rubric")

    class Meta:
        model = LevelDescriptor
        fields = ["indicator", "lowest", "highest", "description"]


def editable_rubrics():
    return with_frozen(Rubric.objects.all()).filter(frozen=False)
