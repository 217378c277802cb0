"""manage.py escalate_overdue — the daily escalation of overdue appeals (appeals.services.escalation)."""

from django.core.management.base import BaseCommand

from appeals.services.escalation import escalate_overdue
from geoportal.commands import add_at_argument, parse_at


class Command(BaseCommand):
    help = "Escalate overdue appeals (once per day each), log it and e-mail the departments."

    def add_arguments(self, parser):
        add_at_argument(parser)

    def handle(self, *args, at=None, **options):
        summary = escalate_overdue(now=parse_at(at))
        self.stdout.write(summary.line())
