"""manage.py cluster_appeals — store appeals in the order of their GiST index (sql/appeals_cluster.sql).

Neighbouring appeals then share heap pages, which makes every spatial read of a small area (OGC paging
with a bbox, tiles, nearby suggestions) touch tens of pages instead of thousands. Run it at night now and
then (the order decays as appeals arrive); it locks the table while it rewrites it.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from geoportal.db import sql_file


class Command(BaseCommand):
    help = "CLUSTER appeals_appeal on its GiST index (locks the table while it rewrites it), then ANALYZE."

    def handle(self, *args, **options):
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql_file("appeals", "appeals_cluster"))
        self.stdout.write(f"appeals_appeal clustered on its GiST index in {time.perf_counter() - t0:.1f} s")
