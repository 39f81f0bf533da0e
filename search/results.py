"""What a search finds of each kind, scoped to what the user may see.

Participants by name or NIP, change projects by title, agencies by name or short name, innovations
by name. Each kind answers with a queryset ready for a page (its related rows selected), so a
page of results costs the same few queries whatever it holds. Agencies are public reference
data (every agency's name is in the forms already); the participants, projects and innovations
in one are those the user may see.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _

from diklat import access
from diklat.models import Enrolment
from people.models import Participant, User
from projects.models import ChangeProject
from regions.models import Agency
from rollout.models import Innovation

from .text import matching, nip_digits, words


@dataclass(frozen=True)
class Search:
    """What the user typed, and the agency they narrowed it to (None: every agency)."""

    text: str
    agency: Agency | None = None

    @property
    def terms(self) -> list[str]:
        return words(self.text)

    @property
    def nip(self) -> str | None:
        return nip_digits(self.text)

    @property
    def is_empty(self) -> bool:
        return not self.terms and self.agency is None


def participants(user, search: Search):
    found = Participant.objects.visible_to(user)
    if search.agency is not None:
        found = found.filter(agency=search.agency)
    if search.nip:
        found = found.filter(Q(nip__startswith=search.nip) | Q(ni_pppk__startswith=search.nip))
    elif search.terms:
        found = found.filter(user__in=matching(User.objects.all(), ("full_name",), search.terms).values("pk"))
    enrolments = Enrolment.objects.visible_to(user).select_related("cohort__programme", "project")
    return (
        found.select_related("user", "agency__government")
        .prefetch_related(Prefetch("enrolments", queryset=enrolments.order_by("-cohort__year"), to_attr="shown"))
        .order_by("user__full_name", "pk")
    )


def projects(user, search: Search):
    """Projects the user may report on; ``opens_detail`` says whether its page is theirs to open (else its rollout)."""
    scope = access.project_scope(user)  # empty for a superuser, who opens every project (When() refuses Q())
    opens = Case(When(scope, then=True), default=False, output_field=BooleanField()) if scope else Value(True)
    found = ChangeProject.objects.reportable_by(user).annotate(opens_detail=opens)
    if search.agency is not None:
        found = found.filter(agency=search.agency)
    if search.terms and not search.nip:
        found = matching(found, ("title",), search.terms)
    elif search.nip:
        found = found.filter(enrolment__participant__nip__startswith=search.nip)
    return found.select_related(
        "enrolment__participant__user", "enrolment__cohort__programme", "agency__government"
    ).order_by("title", "pk")


def agencies(user, search: Search):
    if search.agency is not None or search.nip or not search.terms:
        return Agency.objects.none()  # a narrowed search lists what is in the agency, not agencies
    found = matching(Agency.objects.all(), ("name", "short_name"), search.terms)
    return found.select_related("government", "kind").order_by("government__name", "name", "pk")


def innovations(user, search: Search):
    found = Innovation.objects.visible_to(user)
    if search.agency is not None:
        found = found.filter(project__agency=search.agency)
    if search.nip:
        return found.none()
    if search.terms:
        found = matching(found, ("name",), search.terms)
    return found.select_related("project__agency__government").order_by("name", "pk")


KINDS = {
    "participants": (_("Participants"), participants),
    "projects": (_("Change projects"), projects),
    "agencies": (_("Agencies"), agencies),
    "innovations": (_("Innovations"), innovations),
}
