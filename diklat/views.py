"""Landing: send each user to the page of their role; a superuser gets a start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def home(request):
    user = request.user
    if hasattr(user, "participant"):
        return redirect("projects:dashboard")
    if user.assignments.exists():
        return redirect("mentors:participants")
    if user.provinces_reported.exists():
        return redirect("reports:my-province")
    if user.organisers.exists():
        return redirect("reports:index")
    if user.is_superuser:
        # Not the admin: its "view site" link comes back here, and would loop.
        return render(request, "home.html")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("projects:dashboard")
