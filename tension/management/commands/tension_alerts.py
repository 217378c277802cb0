"""manage.py tension_alerts — raise tension alerts and e-mail the departments (tension.services.alerts)."""

from django.core.management.base import BaseCommand

from geoportal.commands import add_at_argument, parse_at
from tension.services.alerts import tension_alerts


class Command(BaseCommand):
    help = "Raise alerts for hexagons and districts over the tension thresholds or emerging as hotspots."

    def add_arguments(self, parser):
        add_at_argument(parser)

    def handle(self, *args, at=None, **options):
        self.stdout.write(tension_alerts(now=parse_at(at)).line())
