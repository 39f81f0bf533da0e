"""Mixins the project admin pages share: scoping to a project, and read-only pages."""

from diklat import access
from diklat.admin_scoping import ScopedAdminMixin


class ProjectChildScopeMixin(ScopedAdminMixin):
    """Rows that belong to a project: visible when the project is."""

    project_path = "project__"

    def scope(self, queryset, user):
        return queryset.filter(access.project_scope(user, prefix=self.project_path))


class ReadOnlyMixin:
    """Rows that only the services write (transitions, evidence, scores): shown, never edited here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
