"""The search page: one box for participants, projects, agencies and innovations, each kind paged."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from diklat.pagination import count_up_to

from .forms import SearchForm
from .results import KINDS, Search

PAGE_SIZE = 20
PREVIEW = 5  # rows of each kind on the page of every kind
COUNT_CAP = 999


@login_required
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "kinds": []}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    search = Search(text=form.cleaned_data["q"], agency=form.cleaned_data["agency"])
    if search.is_empty:  # nothing typed, or only signs ("!!"): say so rather than list everything
        context["nothing"] = bool(search.text.strip())
        return render(request, "search/results.html", context)
    chosen = form.cleaned_data["kind"]
    found = {name: finder(request.user, search) for name, (_label, finder) in KINDS.items()}
    context["kinds"] = [
        {"name": name, "label": label, "count": count_up_to(found[name], COUNT_CAP), "cap": COUNT_CAP}
        for name, (label, _finder) in KINDS.items()
    ]
    context["search"] = search
    if chosen:
        context["chosen"] = chosen
        context["page"] = Paginator(found[chosen], PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        for kind in context["kinds"]:
            kind["rows"] = list(found[kind["name"]][:PREVIEW]) if kind["count"] else []
    context["nothing"] = not any(kind["count"] for kind in context["kinds"])
    return render(request, "search/results.html", context)
