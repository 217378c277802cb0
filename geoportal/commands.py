"""The `--at` option of the scheduled jobs' management commands: run as if it were another instant."""

from datetime import datetime

from django.core.management.base import CommandError
from django.utils import timezone


def add_at_argument(parser) -> None:
    """Adds `--at ISO-8601` to a command's parser."""
    parser.add_argument(
        "--at",
        help="Run as if it were this ISO 8601 instant (default: now); a naive one is in TIME_ZONE.",
    )


def parse_at(raw: str | None) -> datetime | None:
    """The aware instant of `--at` (naive: in TIME_ZONE), or None for now. Raises CommandError."""
    if not raw:
        return None
    try:
        at = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(f"--at: not an ISO 8601 datetime: {raw!r}") from exc
    return timezone.make_aware(at) if timezone.is_naive(at) else at
