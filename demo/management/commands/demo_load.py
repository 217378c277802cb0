"""`python manage.py demo_load`: build the demo town of Krymsk, doing only what is missing (demo.loader)."""

import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.appeals import Plan
from demo.loader import demo_load
from demo.services import DemoDataError


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo town (OSM import, districts, TOS, departments, rubricator, appeals); idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-import", action="store_true", help=_("never run the OSM import step"))
        parser.add_argument(
            "--issues", type=int, default=Plan.issues, help=_("demo issues (clusters included)")
        )
        parser.add_argument("--proposals", type=int, default=Plan.proposals, help=_("demo proposals"))
        parser.add_argument("--seed", type=int, default=Plan.seed, help=_("random seed of the demo appeals"))
        parser.add_argument(
            "--now", type=datetime.fromisoformat, default=None,
            help=_("the moment the demo appeals end at, ISO 8601 with a time zone (default: now)"),
        )  # fmt: skip

    def handle(self, *args, **options):
        now = options["now"]
        if now is not None and now.tzinfo is None:
            raise CommandError(_("--now needs a time zone, e.g. 2025-06-01T12:00:00+03:00"))
        plan = Plan(issues=options["issues"], proposals=options["proposals"], seed=options["seed"])
        t0 = time.perf_counter()
        try:
            counts = demo_load(
                out=self.stdout.write, run_import=not options["skip_import"], plan=plan, now=now
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        self.stdout.write(
            _("demo town ready in %(s).1f s: %(summary)s")
            % {"s": time.perf_counter() - t0, "summary": summary}
        )
