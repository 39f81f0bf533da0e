"""Password change and reset: Django's views, which also end the user's API tokens and log the change."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from diklat.security_log import log_event

from . import services


class PasswordChangeView(auth_views.PasswordChangeView):
    """Any logged-in user changes their password; this browser stays logged in, the API tokens end."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.revoke_api_tokens(form.user)
        log_event("password changed", self.request, form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Mail a reset link to the address, saying the same whether or not an account has it."""

    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        # The address is not logged: it would tell whoever reads the log who has an account.
        log_event("password reset requested", self.request, self.request.user)
        self.extra_email_context = {"valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
        # A mail server that fails is logged by Django ("django.contrib.auth") and answered as usual:
        # an error page would tell that the address has an account.
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the mailed link; whoever held the old one loses the API tokens too."""

    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.revoke_api_tokens(form.user)
        log_event("password reset", self.request, form.user)
        return response
