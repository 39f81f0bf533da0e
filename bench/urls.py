"""The app's URLs plus the baselines the API is held against: the same rows as ``.values()`` and JSON."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import include, path

from projects.models import ChangeProject, Milestone

PAGE = 50


def values_page(rows_for, ordering):
    """The first page of what the user may see, with no serializer: the floor an API list can approach.

    ``rows_for(user)`` is the API's own queryset (scope and roll-ups), so only the serializing differs.
    """

    @login_required
    def view(request):
        rows = rows_for(request.user).order_by(*ordering).values()[:PAGE]
        return JsonResponse({"results": list(rows)})

    return view


urlpatterns = [
    path(
        "bench/values/projects/",
        values_page(
            lambda user: ChangeProject.objects.visible_to(user).for_lists(),
            ["enrolment__participant__user__full_name", "-pk"],
        ),
    ),
    path(
        "bench/values/milestones/",
        values_page(lambda user: Milestone.objects.visible_to(user), ["project_id", "target_date", "pk"]),
    ),
    path("", include("diklat.urls")),
]
