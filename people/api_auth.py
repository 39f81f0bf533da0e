"""The API's login and logout: a username and password for a token that expires, and its revocation.

django-rest-knox keeps only a hash of each token, gives every login its own (a phone and a laptop
do not share one), and expires them (REST_KNOX TOKEN_TTL); django-axes counts the failures here as
on the login page, and a locked-out client gets 429 with the reason.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.auth import TokenAuthentication
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from diklat.throttles import AnonymousThrottle, TokenEndpointThrottle

from . import services
from .lockout import LockedOut

IssuedToken = inline_serializer(
    "IssuedToken", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
)
Detail = inline_serializer("AuthDetail", {"detail": serializers.CharField()})


class TokenLoginView(APIView):
    """Exchange a username and password for a new API token (POST /api/auth/token/)."""

    authentication_classes = ()  # a stale token or a session must not stand in for the password
    permission_classes = (AllowAny,)
    throttle_classes = (AnonymousThrottle, TokenEndpointThrottle)
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: IssuedToken,
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(Detail, description="Too many failures or requests; see Retry-After."),
        },
    )
    def post(self, request, format=None):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # django-axes flags the DRF request (not Django's) when this failure locked the client out.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut(request)
            raise serializers.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        instance, secret = services.issue_api_token(user)
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        expiry = serializers.DateTimeField(format=knox_settings.EXPIRY_DATETIME_FORMAT).to_representation(
            instance.expiry
        )
        return Response({"token": secret, "expiry": expiry})


class TokenLogoutView(APIView):
    """Revoke the token this request presents (POST /api/auth/logout/)."""

    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        services.revoke_api_token(request.auth)
        user_logged_out.send(sender=request.user.__class__, request=request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenLogoutAllView(APIView):
    """Revoke every token of the user, on every device (POST /api/auth/logout-all/)."""

    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        services.revoke_api_tokens(request.user)
        user_logged_out.send(sender=request.user.__class__, request=request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
