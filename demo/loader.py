"""`manage.py demo_load`: the steps that build the demo town, each doing only what is missing.

(a) OSM import of the vendored extract, (b) districts, (c) ТОС, (d) departments and responsibility zones,
(e) rubricator, (f) appeals. Each step prints one line; a second run changes nothing and takes seconds.
"""

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import Appeal, AppealContact, AppealEvent, Category, Department, Support
from appeals.workflow import OPEN_STATUSES, AppealKind
from demo import districts, selectors, services
from demo.appeals import Plan, appeals_generate
from demo.clusters import CLUSTERS
from demo.rubricator import load_rubricator
from layers.models import AdminArea, Asset, GazetteerEntry, Property
from layers.search.services import gazetteer_rebuild
from tension.models import TensionCell
from tension.services.rollup import tension_rebuild

MIN_BUILDINGS = 16_000  # the extract has 16,740 buildings; fewer means the import has not run (fully)
PBF_NAME = "krymsk_nextgis_derived.osm.pbf"


def demo_pbf_path() -> Path:
    return Path(settings.GEOPORTAL["DEMO_DATA_DIR"]) / PBF_NAME


def demo_load(
    *,
    out: Callable[[str], None],
    run_import: bool = True,
    plan: Plan | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Run every step; returns the final counts. Raises services.DemoDataError when the data does not fit."""
    plan = plan or Plan()
    state = {"districts_changed": False}

    def step(n: int, name: str, fn: Callable[[], str]) -> None:
        t0 = time.perf_counter()
        line = fn()
        seconds = _("%(s).1f s") % {"s": time.perf_counter() - t0}
        out(f"[{n}/7] {name}: {line} ({seconds})")

    step(1, _("import"), lambda: _import(run_import=run_import))
    municipality = selectors.municipality_get()
    if municipality is None:
        out(_("no municipality %(code)s: the other steps need it, stopping") % {"code": _code()})
        return counts()
    step(2, _("districts"), lambda: _districts(municipality, state))
    step(3, _("TOS"), lambda: _tos(state))
    step(4, _("departments and zones"), lambda: _departments(municipality, state))
    step(5, _("rubricator"), _rubricator)
    step(6, _("appeals"), lambda: _appeals(municipality, state, plan=plan, now=now or timezone.now()))
    step(7, _("tension"), lambda: _tension(state))
    if not GazetteerEntry.objects.exists():  # a town imported before the gazetteer existed
        gazetteer_rebuild()
    return counts()


def _code() -> str:
    return settings.GEOPORTAL["MUNICIPALITY_CODE"]


def _import(*, run_import: bool) -> str:
    municipality, buildings = selectors.municipality_get(), selectors.building_count()
    if municipality is not None and buildings >= MIN_BUILDINGS:
        return _("already there (%(n)d buildings)") % {"n": buildings}
    if not run_import:
        return _("skipped (--skip-import), %(n)d buildings present") % {"n": buildings}
    if "import" not in get_commands():
        return _("skipped: the `import` command does not exist yet (importers app)")
    call_command("import", "osm", str(demo_pbf_path()), "--code", _code())
    return _("imported %(n)d buildings") % {"n": selectors.building_count()}


def _districts(municipality: AdminArea, state: dict) -> str:
    if districts.districts_complete():
        return _("already there")
    ids = districts.districts_build(municipality=municipality)
    state["districts_changed"] = True
    return _("built %(n)d districts") % {"n": len(ids)}


def _tos(state: dict) -> str:
    if districts.tos_complete() and not state["districts_changed"]:
        return _("already there")
    return _("built %(n)d TOS") % {"n": len(districts.tos_build())}


def _departments(municipality: AdminArea, state: dict) -> str:
    changed = services.demo_departments_ensure(
        municipality=municipality,
        districts=districts.districts_by_number(),
        rebuild_zones=state["districts_changed"],
    )
    if not any(changed.values()):
        return _("already there")
    return (
        _(
            "%(departments)d departments created, %(zones)d zones built, %(links)d zone links added, "
            "%(assets)d assets given an owner"
        )
        % changed
    )


def _rubricator() -> str:
    counts = services.demo_rubricator_upsert(specs=load_rubricator())
    if counts["created"] == counts["updated"] == 0:
        return _("already there (%(unchanged)d categories)") % counts
    return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % counts


def _tension(state: dict) -> str:
    """The rollups follow the appeals by themselves (triggers); the population estimate needs the
    buildings and districts: rebuilt when the districts changed or when it was never made."""
    if not state["districts_changed"] and TensionCell.objects.filter(population__isnull=False).exists():
        return _("already there")
    return tension_rebuild()


def _appeals(municipality: AdminArea, state: dict, *, plan: Plan, now: datetime) -> str:
    expected = plan.issues + plan.proposals
    present = selectors.demo_appeal_count()
    if present == expected:
        if state["districts_changed"] or selectors.demo_appeals_without_area():
            return _("already there; districts of %(n)d re-assigned") % {
                "n": services.demo_appeal_areas_assign()
            }
        return _("already there (%(n)d)") % {"n": present}
    places = selectors.appeal_places(municipality_id=municipality.pk)
    clusters = [
        (
            c,
            selectors.street_cluster_places(municipality_id=municipality.pk, cluster=c)
            if c.street
            else places,
        )
        for c in CLUSTERS
    ]
    categories = services.category_infos()
    batch = appeals_generate(
        plan=plan, now=now, places=places, clusters=clusters, categories=categories,
        boundary=selectors.municipality_shape(municipality_id=municipality.pk),
    )  # fmt: skip
    n = services.demo_appeals_replace(batch=batch, categories=categories, now=now)
    return _("written %(n)d appeals, %(e)d events (%(p)d were there before)") % {
        "n": n, "e": len(batch.events), "p": present,
    }  # fmt: skip


def counts() -> dict[str, int]:
    """The final summary: how many rows of each kind the demo town has."""
    areas = dict(AdminArea.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    appeals = Appeal.objects.filter(source=Appeal.Source.DEMO).aggregate(
        issues=Count("id", filter=Q(kind=AppealKind.ISSUE)),
        proposals=Count("id", filter=Q(kind=AppealKind.PROPOSAL)),
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now())),
    )
    return {
        "municipalities": areas.get(AdminArea.Kind.MUNICIPALITY, 0),
        "buildings": Property.objects.filter(kind=Property.Kind.BUILDING).count(),
        "roads": Asset.objects.filter(kind=Asset.Kind.ROAD).count(),
        "districts": areas.get(AdminArea.Kind.DISTRICT, 0),
        "tos": areas.get(AdminArea.Kind.TOS, 0),
        "zones": areas.get(AdminArea.Kind.RESPONSIBILITY_ZONE, 0),
        "departments": Department.objects.count(),
        "categories": Category.objects.count(),
        **appeals,
        "events": AppealEvent.objects.filter(appeal__source=Appeal.Source.DEMO).count(),
        "contacts": AppealContact.objects.filter(appeal__source=Appeal.Source.DEMO).count(),
        "supports": Support.objects.filter(appeal__source=Appeal.Source.DEMO).count(),
    }
