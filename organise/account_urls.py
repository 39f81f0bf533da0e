"""The invitation link, under /accounts/invitation/ beside password reset: anyone invited opens it."""

from django.urls import path

from .views.invitations import InvitationAcceptView

urlpatterns = [
    path("<text:uidb64>/<text:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
]
