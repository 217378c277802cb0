"""manage.py rebuild_tension — rebuild the daily rollup from the appeals and re-estimate cell population.

The triggers keep the rollup current on every appeal write; run this after changing TIME_ZONE, after
loading appeals with the triggers disabled, or after a building import (population).
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tension.services.rollup import tension_rebuild


class Command(BaseCommand):
    help = "Rebuild the tension rollup, the H3 cell table and the population estimate (one transaction each)."

    def handle(self, *args, **options):
        t0 = time.perf_counter()
        self.stdout.write(_("rebuilding the tension rollup and the population of H3 cells…"))
        line = tension_rebuild()
        self.stdout.write(_("done in %(s).1f s: %(line)s") % {"s": time.perf_counter() - t0, "line": line})
