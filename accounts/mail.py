"""The account e-mails: subject and text in the active language (the request's, Russian by default)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _send(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _expiry() -> str:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return ngettext(
        "The link works once and expires in %(days)d day.",
        "The link works once and expires in %(days)d days.",
        days,
    ) % {"days": days}


def mail_signup_confirmation(*, to: str, link: str) -> None:
    """Asks the new resident to open `link` (GET /api/v1/auth/confirm?token=…) to activate the account."""
    body = _(
        "Hello!\n\nSomeone (we hope it was you) signed up on the Geoportal with this e-mail address.\n"
        "To confirm the address and activate the account, open this link:\n\n%(link)s\n\n"
        "%(expiry)s If it was not you, ignore this e-mail."
    ) % {"link": link, "expiry": _expiry()}
    _send(to, _("Confirm your e-mail address on the Geoportal"), body)


def mail_account_exists(*, to: str, reset_link: str) -> None:
    """Sent instead of a confirmation when the address already has an account (the API never tells)."""
    body = _(
        "Hello!\n\nSomeone tried to sign up on the Geoportal with this e-mail address, but an account with "
        "it already exists. If it was you, sign in with your password, or set a new one here:\n\n%(link)s\n\n"
        "If it was not you, ignore this e-mail: nothing has changed."
    ) % {"link": reset_link}
    _send(to, _("You already have an account on the Geoportal"), body)


def mail_password_reset(*, to: str, link: str) -> None:
    """The reset link; its token and a new password go to POST /api/v1/auth/password/reset/confirm."""
    body = _(
        "Hello!\n\nA new password was requested for your account on the Geoportal.\n"
        "To set it, open this link:\n\n%(link)s\n\n"
        "%(expiry)s If it was not you, ignore this e-mail: your password has not changed."
    ) % {"link": link, "expiry": _expiry()}
    _send(to, _("New password for the Geoportal"), body)


def mail_staff_invitation(*, to: str, link: str, role: str) -> None:
    """An administrator created a staff account: the link sets its first password."""
    body = _(
        "Hello!\n\nAn administrator of the Geoportal created a staff account for you (role: %(role)s).\n"
        "To choose your password, open this link:\n\n%(link)s\n\n"
        "%(expiry)s After that, use “forgot password” on the sign-in form."
    ) % {"link": link, "role": role, "expiry": _expiry()}
    _send(to, _("Your staff account on the Geoportal"), body)
