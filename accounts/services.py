"""Every write of the accounts app: sign-up, confirmation, sign-in/out, API tokens, password reset, staff.

Links in e-mails are built on settings.PUBLIC_BASE_URL (never on the request's Host). Each e-mail is sent
after its rows are committed; if sending fails the request fails, and repeating it sends a fresh link.
"""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.mail import (
    mail_account_exists,
    mail_password_reset,
    mail_signup_confirmation,
    mail_staff_invitation,
)
from accounts.tokens import link_token_make, link_token_user, password_reset_tokens, signup_tokens
from appeals.models import Department
from geoportal.errors import Conflict, ValidationFailed
from geoportal.roles import Role

User = get_user_model()

# Roles an administrator may give with staff_create; residents sign up themselves.
STAFF_ROLES = (Role.MODERATOR, Role.OPERATOR, Role.PLANNER, Role.ADMIN)


def email_normalize(email: str) -> str:
    """Addresses are compared and stored lower-case and stripped: one account per mailbox."""
    return email.strip().lower()


def _link(url_name: str, token: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse(url_name)}?token={token}"


def _password_check(password: str, *, user, field: str = "password") -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), field=field) from None


def _user_by_email(email: str):
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("id").first()


def user_signup(*, email: str, password: str, name: str = "") -> None:
    """Creates an inactive resident and e-mails a confirmation link; answers the same for a known address.

    A known, never-confirmed address gets the new password and a fresh link (older links die with the old
    password hash); any other known address gets an "account exists" e-mail instead, so the response never
    tells whether an address is registered. Raises ValidationFailed (field "password") from the validators.
    """
    email = email_normalize(email)
    _password_check(password, user=User(username=email, email=email, first_name=name))
    user = _user_by_email(email)
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=email, email=email, password=password, first_name=name, is_active=False
                )
                user.groups.add(Group.objects.get(name=Role.RESIDENT))
        except IntegrityError:
            user = _user_by_email(email)  # a concurrent sign-up with the same address won the race
        else:
            _send_confirmation(user)
            return
    # An inactive account that has signed in before was disabled by an administrator: never revived here.
    if not user.is_active and user.last_login is None and not user.is_staff:
        user.set_password(password)
        user.first_name = name or user.first_name
        user.save(update_fields=["password", "first_name"])
        _send_confirmation(user)
        return
    reset_link = _link("api-auth-password-reset-confirm", link_token_make(password_reset_tokens, user))
    mail_account_exists(to=email, reset_link=reset_link)


def _send_confirmation(user) -> None:
    mail_signup_confirmation(
        to=user.email, link=_link("api-auth-confirm", link_token_make(signup_tokens, user))
    )


def user_confirm_email(*, token: str):
    """Activates the account a sign-up link was made for. Raises ValidationFailed (field "token")."""
    user = link_token_user(signup_tokens, token)
    if user is None or user.is_active:
        raise ValidationFailed(
            _("The confirmation link is invalid, used or expired; sign up again to get a new one."),
            field="token",
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def user_authenticate(*, request, login_name: str, password: str):
    """The active user with this username or e-mail and password. Raises ValidationFailed."""
    login_name = login_name.strip()
    if "@" in login_name:
        found = _user_by_email(email_normalize(login_name))
        username = found.get_username() if found else login_name
    else:
        username = login_name
    user = authenticate(request, username=username, password=password)
    if user is not None:
        return user
    inactive = User.objects.filter(username=username, is_active=False).first()
    # Only someone who knows the password learns that the account waits for its confirmation.
    if inactive is not None and inactive.last_login is None and inactive.check_password(password):
        raise ValidationFailed(
            _("Confirm your e-mail address first: open the link in the e-mail we sent you."), field="username"
        )
    raise ValidationFailed(_("Wrong e-mail (or user name) or password."))


def user_login(*, request, login_name: str, password: str):
    """Signs the user in to a session (the web map). Raises ValidationFailed for wrong credentials."""
    user = user_authenticate(request=request, login_name=login_name, password=password)
    login(request, user)
    return user


def user_logout(*, request) -> None:
    """Ends the session; a client that authenticated with an API token loses that token too."""
    if isinstance(request.auth, Token):
        request.auth.delete()
    logout(request)


def token_obtain(*, request, login_name: str, password: str) -> str:
    """The API token of the user (created on first use). Raises ValidationFailed for wrong credentials."""
    user = user_authenticate(request=request, login_name=login_name, password=password)
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


def password_reset_request(*, email: str) -> None:
    """E-mails a reset link to the active account with this address; silently nothing for an unknown one."""
    user = _user_by_email(email_normalize(email))
    if user is None or not user.is_active or not user.email:
        return
    link = _link("api-auth-password-reset-confirm", link_token_make(password_reset_tokens, user))
    mail_password_reset(to=user.email, link=link)


def password_reset_check(*, token: str):
    """The user of a valid reset token. Raises ValidationFailed (field "token")."""
    user = link_token_user(password_reset_tokens, token)
    if user is None or not user.is_active:
        raise ValidationFailed(
            _("The password reset link is invalid, used or expired; ask for a new one."), field="token"
        )
    return user


@transaction.atomic
def password_reset_confirm(*, token: str, password: str):
    """Sets a new password from a reset link; the user's API tokens are revoked. Raises ValidationFailed."""
    user = password_reset_check(token=token)
    _password_check(password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    Token.objects.filter(user=user).delete()
    return user


def staff_create(*, email: str, role: str, departments: Sequence[str] = (), name: str = ""):
    """Creates an active staff account in group `role` and e-mails a link to choose its password.

    `departments` are Department codes (an operator needs at least one). An administrator also gets
    is_staff and is_superuser, for the Django admin. Raises ValidationFailed (bad role / department) or
    Conflict (the address has an account). Nothing is written when it raises.
    """
    email = email_normalize(email)
    if role not in STAFF_ROLES:
        allowed = ", ".join(STAFF_ROLES)
        raise ValidationFailed(_("role must be one of %(allowed)s.") % {"allowed": allowed}, field="role")
    found = {d.code: d for d in Department.objects.filter(code__in=departments)}
    missing = [code for code in departments if code not in found]
    if missing:
        raise ValidationFailed(
            _("Unknown department: %(codes)s.") % {"codes": ", ".join(missing)}, field="department"
        )
    if role == Role.OPERATOR and not found:
        raise ValidationFailed(_("An operator needs a department."), field="department")
    if _user_by_email(email) is not None:
        raise Conflict(_("An account with this e-mail address already exists."), field="email")
    with transaction.atomic():
        user = User(username=email, email=email, first_name=name, is_active=True)
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=role))
        for department in found.values():
            department.members.add(user)
    link = _link("api-auth-password-reset-confirm", link_token_make(password_reset_tokens, user))
    mail_staff_invitation(to=email, link=link, role=Role(role).label)
    return user
