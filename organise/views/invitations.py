"""Invitations: the cohort's people and their account status for staff, and the link that sets a password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from diklat.security_log import log_event

from ..access import cohort_page
from ..invitations import services
from ..invitations.roster import roster
from ..invitations.tokens import invitation_tokens
from ..models import Invitation

PER_PAGE = 50
STATUS_FILTERS = {
    "": _("Everyone"),
    "waiting": _("Not joined yet"),
    "failed": _("Not delivered"),
    "expired": _("Link expired"),
    "joined": _("Joined"),
}


@require_http_methods(["GET", "HEAD", "POST"])
@cohort_page
def invitations(request, cohort):
    """Who in the cohort has an account they can use; invite the ticked people, or everyone not invited yet."""
    people = roster(cohort)
    if request.method == "POST":
        if "everyone" in request.POST:
            chosen = [person for person in people if person.can_be_invited and not person.status]
        else:
            ticked = set(request.POST.getlist("users"))
            chosen = [person for person in people if str(person.user.pk) in ticked]
        if not chosen:
            messages.error(request, _("Tick the people to invite first."))
        else:
            count = services.invite(cohort, chosen, by=request.user)
            left = len(chosen) - count
            messages.success(request, _("Invitations being sent: %(count)d.") % {"count": count})
            if left:
                messages.warning(
                    request,
                    _("Left out: %(count)d (joined already, or no e-mail address on record).") % {"count": left},
                )
        return redirect(f"{reverse('organise:invitations', args=[cohort.pk])}?{request.GET.urlencode()}")
    shown = request.GET.get("status", "")
    if shown not in STATUS_FILTERS:
        shown = ""
    context = {
        "cohort": cohort,
        "page": Paginator([person for person in people if _matches(person, shown)], PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "filters": [(key, label, _count(people, key)) for key, label in STATUS_FILTERS.items()],
        "shown": shown,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    return render(request, "organise/invitations.html", context)


def _matches(person, shown: str) -> bool:
    if shown == "waiting":
        return person.status not in {Invitation.Status.JOINED, "has_password"}
    if shown == "joined":
        return person.status in {Invitation.Status.JOINED, "has_password"}
    return not shown or person.status == shown


def _count(people, shown: str) -> int:
    return sum(1 for person in people if _matches(person, shown))


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """Set one's first password from the mailed link, then land on one's start page logged in."""

    token_generator = invitation_tokens
    template_name = "organise/invitation_accept.html"
    reset_url_token = "set-password"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.mark_joined(form.user)
        log_event("invitation accepted", self.request, form.user)
        messages.success(self.request, _("Your password is set: welcome to Diklat Tracker."))
        return response
