"""The profile page (the zone times are shown in, the language) and the language switch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from diklat.language import offered
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
        language = user.language or settings.LANGUAGE_CODE
        translation.activate(language)  # the message in the language just chosen
        messages.success(request, _("Times are now shown in %(zone)s.") % {"zone": ZONE_ABBREVIATIONS[zone]})
        response = redirect("people:profile")
        # The browser's cookie follows, or a logged-out page would still speak what it picked before.
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
    automatic = derived_zone(user)
    return render(
        request,
        "people/profile.html",
        {"form": form, "automatic": ZONE_ABBREVIATIONS.get(automatic, automatic)},
        status=400 if form.is_bound else 200,
    )


@require_POST
def set_language(request):
    """The header's ID/EN switch: Django's own view (the cookie, the safe redirect), and for a
    logged-in user the choice kept on their account, so that it holds on their other devices."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and offered(language) and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
