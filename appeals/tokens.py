"""Signed tokens for area subscriptions: confirm (expires) and unsubscribe (does not). No database."""

from django.core import signing

CONFIRM_SALT = "appeals.subscription.confirm"
UNSUBSCRIBE_SALT = "appeals.subscription.unsubscribe"
CONFIRM_MAX_AGE_S = 7 * 24 * 3600


class TokenInvalid(ValueError):
    """The token is malformed, forged or expired."""


def confirm_token(subscription_id: int) -> str:
    """The token of the confirmation link of one subscription."""
    return signing.dumps({"s": subscription_id}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> int:
    """The subscription id in a confirmation token; raises TokenInvalid (older than 7 days too)."""
    try:
        return int(signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE_S)["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid(str(exc)) from exc


def unsubscribe_token(subscription_ids: list[int]) -> str:
    """The token of an unsubscribe link: every subscription that made one e-mail go out."""
    return signing.dumps({"s": sorted(subscription_ids)}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> list[int]:
    """The subscription ids in an unsubscribe token; raises TokenInvalid."""
    try:
        return [int(i) for i in signing.loads(token, salt=UNSUBSCRIBE_SALT)["s"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid(str(exc)) from exc
