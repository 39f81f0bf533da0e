"""A user's notification preferences: channels per kind, daily digest, quiet hours, WhatsApp number."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import PreferencesForm
from ..preferences import recipients
from ..services import save_preferences


@login_required
def preferences(request):
    user = request.user
    person = recipients([user.pk])[user.pk]  # what the sending reads: the page shows the same choices
    initial = {
        "mobile_phone": user.mobile_phone,
        "digest": person.digest,
        "quiet_from": person.quiet_from,
        "quiet_until": person.quiet_until,
    }
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        turned_off=person.turned_off,
        has_mobile=bool(user.mobile_phone),
    )
    if form.is_valid():
        data = form.cleaned_data
        save_preferences(
            user,
            choices=form.choices(),
            digest=data["digest"],
            quiet_from=data["quiet_from"],
            quiet_until=data["quiet_until"],
            mobile_phone=data["mobile_phone"],
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=400 if form.is_bound else 200)
