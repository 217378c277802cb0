"""Accounts: sign-up, e-mail confirmation, sessions, API tokens, password reset (all under /api/v1/auth/)."""

from django.urls import path

from accounts.api import views

urlpatterns = [
    path("api/v1/auth/signup", views.SignupApi.as_view(), name="api-auth-signup"),
    path("api/v1/auth/confirm", views.ConfirmApi.as_view(), name="api-auth-confirm"),
    path("api/v1/auth/login", views.LoginApi.as_view(), name="api-auth-login"),
    path("api/v1/auth/logout", views.LogoutApi.as_view(), name="api-auth-logout"),
    path("api/v1/auth/me", views.MeApi.as_view(), name="api-auth-me"),
    path("api/v1/auth/token", views.TokenApi.as_view(), name="api-auth-token"),
    path("api/v1/auth/password/reset", views.PasswordResetApi.as_view(), name="api-auth-password-reset"),
    path(
        "api/v1/auth/password/reset/confirm",
        views.PasswordResetConfirmApi.as_view(),
        name="api-auth-password-reset-confirm",
    ),
]
