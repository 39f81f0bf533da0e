"""What the innovation and adoption pages share: the stage history, and the rollout services' rules."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from diklat.admin_scoping import ScopedChoicesMixin
from projects.models import ChangeProject

from .. import services


class HistoryInline(ScopedChoicesMixin, admin.TabularInline):
    """Dated stage changes, written only by the services."""

    extra = 0
    fields = ["on", "from_stage", "to_stage", "by", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class ManagedByProjectMixin:
    """Change only what the user may manage; read the rest."""

    def project_of(self, obj) -> ChangeProject:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.can_manage_rollout(request.user, self.project_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.can_manage_rollout(request.user, self.project_of(obj))

    def _run(self, request, queryset, change) -> None:
        """Apply ``change`` to each selected row through a service; report what was done and what was refused."""
        done = 0
        for obj in queryset:
            try:
                change(obj)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [str(error)])) or _("not allowed")
                self.message_user(request, f"{obj}: {reason}", messages.ERROR)
            else:
                done += 1
        if done:
            message = ngettext("%(count)d row moved.", "%(count)d rows moved.", done) % {"count": done}
            self.message_user(request, message, messages.SUCCESS)


def with_user(form_class, user):
    """The admin's form class, told who fills it in (its checks ask what the user may manage)."""
    return type(form_class.__name__, (form_class,), {"user": user})


class ServiceRulesForm(forms.ModelForm):
    """Run at ``clean`` the rules the rollout services enforce, so a breach shows at its field, not as a 500."""

    user = None

    def check_manager(self, field: str, project) -> None:
        if project is not None and not services.can_manage_rollout(self.user, project):
            self.add_error(field, _("You may not change the rollout records of this project."))
