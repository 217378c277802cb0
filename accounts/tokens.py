"""Signed single-use tokens for the links in account e-mails: confirm a sign-up, reset a password.

A link token is `<uidb64>.<token>`, where <token> is Django's PasswordResetTokenGenerator output: an HMAC
(SECRET_KEY) of the user's id, password hash, last login, e-mail and a timestamp. A token therefore dies
when the password changes, when the user signs in, or after settings.PASSWORD_RESET_TIMEOUT seconds.
The sign-up generator also hashes `is_active`, so a confirmation link activates an account once.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode


class SignupConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.SignupConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_tokens = SignupConfirmationTokenGenerator()
password_reset_tokens = PasswordResetTokenGenerator()


def link_token_make(generator: PasswordResetTokenGenerator, user) -> str:
    """The opaque token that goes into an e-mail link: `<uidb64>.<token>` (URL-safe, no escaping needed)."""
    return f"{urlsafe_base64_encode(force_bytes(user.pk))}.{generator.make_token(user)}"


def link_token_user(generator: PasswordResetTokenGenerator, token: str):
    """The user a valid, unexpired link token was made for, or None (malformed, forged, used or expired)."""
    uidb64, _, user_token = (token or "").partition(".")
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None or not generator.check_token(user, user_token):
        return None
    return user
