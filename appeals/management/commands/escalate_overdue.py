"""manage.py escalate_overdue — the daily escalation of overdue appeals (appeals.services.escalation)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from appeals.services.escalation import escalate_overdue


class Command(BaseCommand):
    help = "Escalate overdue appeals (once per day each), log it and e-mail the departments."

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Run as if it were this ISO 8601 instant (default: now); a naive one is in TIME_ZONE.",
        )

    def handle(self, *args, at=None, **options):
        now = None
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError as exc:
                raise CommandError(f"--at: not an ISO 8601 datetime: {at!r}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        summary = escalate_overdue(now=now)
        self.stdout.write(summary.line())
