"""manage.py rebuild_appeal_features — write the public Feature text of every appeal again.

The triggers keep appeals_appealfeature current on every write; run this after loading appeals with the
triggers off (session_replication_role = replica, as bench/make_appeals.py does) or after a change of
appeals.workflow.HIDDEN_STATUSES.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from appeals.services.features import rebuild_features


class Command(BaseCommand):
    help = "Rebuild the public GeoJSON Feature of every appeal (appeals_appealfeature), in one transaction."

    def handle(self, *args, **options):
        t0 = time.perf_counter()
        self.stdout.write(_("writing the public Feature of every appeal…"))
        written = rebuild_features()
        self.stdout.write(
            _("done in %(s).1f s: %(n)d public appeals") % {"s": time.perf_counter() - t0, "n": written}
        )
