"""Accounts API under /api/v1/auth/: thin views (validate → service → response)."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.selectors import user_profile
from accounts.services import (
    password_reset_check,
    password_reset_confirm,
    password_reset_request,
    token_obtain,
    user_confirm_email,
    user_login,
    user_logout,
    user_signup,
)

TOKEN_PARAMETER = OpenApiParameter("token", str, description="The token from the e-mail link.")


class SessionCsrf(BasePermission):
    """CSRF on session writes, signed in or not (DRF checks it only for signed-in sessions): login CSRF.

    A client that authenticated with an API token is not a browser session and is let through.
    """

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            SessionAuthentication().enforce_csrf(request)
        return True


class AuthThrottled:
    """Per-IP rate limit of the "auth" scope (settings.REST_FRAMEWORK DEFAULT_THROTTLE_RATES)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class AuthDetail(serializers.Serializer):
    detail = serializers.CharField()


class AuthDepartment(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class AuthProfile(serializers.Serializer):
    authenticated = serializers.BooleanField()
    id = serializers.IntegerField(required=False)
    username = serializers.CharField(required=False)
    email = serializers.EmailField(required=False)
    name = serializers.CharField(required=False)
    roles = serializers.ListField(child=serializers.CharField())
    departments = AuthDepartment(many=True)


class AuthCredentials(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="User name or e-mail address.")
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class SignupApi(AuthThrottled, APIView):
    """POST /api/v1/auth/signup — a resident account, active after the e-mailed link is opened."""

    class SignupInput(serializers.Serializer):
        # 150: the e-mail address is also the user name (auth.User.username is 150 characters).
        email = serializers.EmailField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False)
        name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")

    @extend_schema(request=SignupInput, responses={202: AuthDetail}, tags=["auth"])
    def post(self, request):
        data = self.SignupInput(data=request.data)
        data.is_valid(raise_exception=True)
        user_signup(**data.validated_data)
        detail = _("If the address can be used, we have sent it an e-mail: open the link in it to continue.")
        return Response({"detail": detail}, status=202)


class ConfirmApi(APIView):
    """GET or POST /api/v1/auth/confirm?token=… — activates the account (the link of the sign-up e-mail)."""

    @extend_schema(parameters=[TOKEN_PARAMETER], request=None, responses={200: AuthDetail}, tags=["auth"])
    def get(self, request):
        return self._confirm(request.query_params.get("token", ""))

    @extend_schema(
        parameters=[TOKEN_PARAMETER],
        request=inline_serializer("ConfirmInput", {"token": serializers.CharField(required=False)}),
        responses={200: AuthDetail},
        tags=["auth"],
    )
    def post(self, request):
        return self._confirm(request.data.get("token") or request.query_params.get("token", ""))

    def _confirm(self, token: str):
        user_confirm_email(token=str(token))
        return Response({"detail": _("Your e-mail address is confirmed; you can sign in now.")})


class LoginApi(AuthThrottled, APIView):
    """POST /api/v1/auth/login — starts a session (web map); CSRF token required."""

    permission_classes = [SessionCsrf]

    @extend_schema(request=AuthCredentials, responses={200: AuthProfile}, tags=["auth"])
    def post(self, request):
        data = AuthCredentials(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_login(
            request=request,
            login_name=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        return Response(user_profile(user=user))


class LogoutApi(APIView):
    """POST /api/v1/auth/logout — ends the session (and revokes the API token it was called with)."""

    permission_classes = [SessionCsrf]

    @extend_schema(request=None, responses={204: None}, tags=["auth"])
    def post(self, request):
        user_logout(request=request)
        return Response(status=204)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeApi(APIView):
    """GET /api/v1/auth/me — the caller: roles and departments; `authenticated: false` when anonymous.

    Also sets the `csrftoken` cookie that session writes (login, logout, …) must echo in `X-CSRFToken`.
    """

    @extend_schema(responses={200: AuthProfile}, tags=["auth"])
    def get(self, request):
        return Response(user_profile(user=request.user))


class TokenApi(AuthThrottled, APIView):
    """POST /api/v1/auth/token — the API token for `Authorization: Token <key>` (one per user)."""

    @extend_schema(
        request=AuthCredentials,
        responses={200: inline_serializer("TokenOutput", {"token": serializers.CharField()})},
        tags=["auth"],
    )
    def post(self, request):
        data = AuthCredentials(data=request.data)
        data.is_valid(raise_exception=True)
        key = token_obtain(
            request=request,
            login_name=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        return Response({"token": key})


class PasswordResetApi(AuthThrottled, APIView):
    """POST /api/v1/auth/password/reset — e-mails a reset link; never tells whether the address exists."""

    class PasswordResetInput(serializers.Serializer):
        email = serializers.EmailField()

    @extend_schema(request=PasswordResetInput, responses={202: AuthDetail}, tags=["auth"])
    def post(self, request):
        data = self.PasswordResetInput(data=request.data)
        data.is_valid(raise_exception=True)
        password_reset_request(email=data.validated_data["email"])
        detail = _("If an account uses this address, we have sent it a link to set a new password.")
        return Response({"detail": detail}, status=202)


class PasswordResetConfirmApi(AuthThrottled, APIView):
    """GET checks a reset token (?token=); POST {token, password} sets the new password."""

    class PasswordResetConfirmInput(serializers.Serializer):
        token = serializers.CharField(max_length=200)
        password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(parameters=[TOKEN_PARAMETER], responses={200: AuthDetail}, tags=["auth"])
    def get(self, request):
        password_reset_check(token=request.query_params.get("token", ""))
        return Response({"detail": _("The link is valid: send the new password.")})

    @extend_schema(request=PasswordResetConfirmInput, responses={200: AuthDetail}, tags=["auth"])
    def post(self, request):
        data = self.PasswordResetConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        password_reset_confirm(**data.validated_data)
        return Response({"detail": _("Your new password is set; you can sign in now.")})
