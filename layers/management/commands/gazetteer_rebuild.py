"""`manage.py gazetteer_rebuild`: rebuild the search gazetteer from properties, roads, assets and layers."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from layers.search.services import gazetteer_rebuild


class Command(BaseCommand):
    help = _("Rebuild the search gazetteer (addresses, streets, cadastral numbers, assets, layers).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = gazetteer_rebuild()
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        self.stdout.write(
            _("gazetteer rebuilt: %(summary)s (%(s).1f s)")
            % {"summary": summary, "s": time.perf_counter() - started}
        )
