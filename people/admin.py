"""Users, participant profiles (with what the NIP encodes shown beside it) and provincial staff."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from diklat.admin_scoping import ScopedAdminMixin, ScopedChoicesMixin, assignable_users, province_filter
from mentors.models import Assignment
from people.models import Participant, ProvincialStaff, User
from people.nip import normalise
from regions.models import Region


class ParticipantForm(forms.ModelForm):
    """Accept a NIP typed in its printed groups (19701218 199603 2 001)."""

    nip = forms.CharField(label=_("NIP"), max_length=30, required=False, help_text=_("18 digits."))

    class Meta:
        model = Participant
        fields = [
            "user",
            "employment",
            "nip",
            "ni_pppk",
            "rank",
            "position",
            "position_type",
            "echelon",
            "agency",
            "phone",
        ]

    def clean_nip(self):
        return normalise(self.cleaned_data["nip"]) or None


class NipDetailsMixin:
    """Read-only fields derived from the NIP: grouped number, birth date, service start, sex."""

    nip_readonly_fields = ["nip_display", "birth_date", "service_start", "sex"]

    @admin.display(description=_("NIP"), ordering="nip")
    def nip_display(self, obj):
        return obj.nip_formatted or obj.ni_pppk or "—"

    @admin.display(description=_("birth date"))
    def birth_date(self, obj):
        return obj.birth_date or "—"

    @admin.display(description=_("start of service (TMT CPNS)"))
    def service_start(self, obj):
        return f"{obj.service_start:%m-%Y}" if obj.service_start else "—"

    @admin.display(description=_("sex"))
    def sex(self, obj):
        return obj.get_sex_display() or "—"


class ParticipantInline(NipDetailsMixin, admin.StackedInline):
    model = Participant
    form = ParticipantForm
    fk_name = "user"
    can_delete = False
    max_num = 1
    autocomplete_fields = ["agency"]

    def get_readonly_fields(self, request, obj=None):
        return self.nip_readonly_fields


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_staff", "is_active", "last_login"]
    search_fields = ["username", "full_name", "email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "first_name", "last_name", "email", "time_zone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "email", "password1", "password2")}),
    )
    inlines = [ParticipantInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        fields = ["last_login", "date_joined"]
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def scope(self, queryset, user):
        # Superusers and other staff are never "users of a cohort": assigning one to a participant
        # must not let organiser staff open, change or reset the password of their account.
        participants = Participant.objects.visible_to(user).filter(user=OuterRef("pk"))
        assignments = Assignment.objects.visible_to(user).filter(user=OuterRef("pk"))
        cohort_users = assignable_users(queryset, user)
        return cohort_users.filter(Q(pk=user.pk) | Q(Exists(participants)) | Q(Exists(assignments)))

    @staticmethod
    def is_privileged_other(request, obj) -> bool:
        """A superuser, or staff other than oneself, seen by a non-superuser."""
        return (
            obj is not None
            and not request.user.is_superuser
            and obj.pk != request.user.pk
            and (obj.is_superuser or obj.is_staff)
        )

    def has_view_permission(self, request, obj=None):
        return not self.is_privileged_other(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_privileged_other(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_privileged_other(request, obj) and super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        key = unquote(id)
        target = User.objects.filter(pk=key).first() if key.isascii() and key.isdigit() else None
        # Setting someone else's password is for superusers: organiser staff could otherwise take
        # over any account they can bring into their cohorts by assigning or enrolling it.
        if not request.user.is_superuser and (target is None or target.pk != request.user.pk):
            raise Http404
        return super().user_change_password(request, id, form_url)


@admin.register(Participant)
class ParticipantAdmin(NipDetailsMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = ParticipantForm
    list_display = ["user", "nip_display", "rank", "echelon", "position", "agency", "employment"]
    list_filter = [
        "employment",
        "rank",
        "echelon",
        "position_type",
        "agency__kind",
        province_filter("agency__government"),
    ]
    search_fields = ["user__full_name", "user__username", "nip", "ni_pppk", "position", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency__government"]
    fieldsets = (
        (None, {"fields": ("user", "employment", "nip", "ni_pppk")}),
        (_("From the NIP"), {"fields": ("nip_display", "birth_date", "service_start", "sex")}),
        (_("Position"), {"fields": ("rank", "position", "position_type", "echelon", "agency", "phone")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return self.nip_readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)  # also for the search widget

    def get_search_results(self, request, queryset, search_term):
        digits = normalise(search_term)
        if digits.isdigit():
            search_term = digits  # a NIP typed with its spaces
        return super().get_search_results(request, queryset, search_term)


@admin.register(ProvincialStaff)
class ProvincialStaffAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Who reports on which province: kept by superusers; others see their own rows."""

    list_display = ["user", "province"]
    list_filter = [("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__full_name", "user__username", "province__name", "province__code"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "province"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user", "province")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province":
            kwargs["queryset"] = Region.objects.filter(level=Region.Level.PROVINCE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
