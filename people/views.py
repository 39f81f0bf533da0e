"""The profile page: the user chooses the zone their times are shown in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from diklat.middleware import derived_zone, remember_zone
from regions.models import ZONE_ABBREVIATIONS

from .forms import ProfileForm


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        zone = remember_zone(request.session, user)
        messages.success(request, _("Times are now shown in %(zone)s.") % {"zone": ZONE_ABBREVIATIONS[zone]})
        return redirect("people:profile")
    automatic = derived_zone(user)
    return render(
        request,
        "people/profile.html",
        {"form": form, "automatic": ZONE_ABBREVIATIONS.get(automatic, automatic)},
        status=400 if form.is_bound else 200,
    )
