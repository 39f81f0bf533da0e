"""The app's URLs plus the baselines the API is held against: the same rows as ``.values()`` and JSON."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import include, path

from projects.models import ChangeProject, Milestone

PAGE = 50


def values_page(model, ordering):
    """The first page of what the user may see, with no serializer: the floor an API list can approach."""

    @login_required
    def view(request):
        rows = model.objects.visible_to(request.user).order_by(*ordering).values()[:PAGE]
        return JsonResponse({"results": list(rows)})

    return view


urlpatterns = [
    path("bench/values/projects/", values_page(ChangeProject, ChangeProject._meta.ordering + ["pk"])),
    path("bench/values/milestones/", values_page(Milestone, ["project_id", "target_date", "pk"])),
    path("", include("diklat.urls")),
]
