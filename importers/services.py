"""The one writer of the importers: `run_import`. Importers only read; this writes, all or nothing."""

import csv
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from importers.base import Importer, ImporterInfo, LayerSpec, Record, Reject
from importers.errors import ImportFailed
from importers.ewkb import ewkb_hex
from importers.models import ImportRun
from importers.registry import get_importer
from importers.staging import Stage, StagedProblem
from importers.targets import TARGET_SPECS, FieldProblem
from layers.models import Layer
from layers.search.services import gazetteer_rebuild

Progress = Callable[[int, int | None], None]
FIRST_REJECTS = 100
REJECTS_IN_MESSAGE = 5
PROGRESS_EVERY = 1000

WGS84 = 4326


@dataclass
class Tally:
    """What one run read, wrote and rejected, per target, and where the time went (seconds)."""

    read: dict[str, int] = field(default_factory=dict)
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    rejects: list[Reject] = field(default_factory=list)
    provided: dict[str, set[str]] = field(default_factory=dict)
    read_s: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def count_rejected(self, target: str) -> int:
        return sum(1 for r in self.rejects if r.target == target)


def run_import(
    *,
    importer: str,
    source: str | Path,
    options: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    user=None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Import `source` with the registered `importer`; returns the succeeded ImportRun.

    The run is recorded (status running) in its own write first; then every row goes through a COPY
    into a staging table and one upsert per target, in one transaction. `options` are the importer's
    own plus `allow_rejects` (write the good rows, report the bad; by default any reject fails the run).
    `progress(done, total)` is called as records are read (total may be None). `run`: an ImportRun
    recorded beforehand (a queued upload, so that its id is known before it starts) to use instead of a
    new one; its importer, source and options are overwritten with these.
    Raises ImportFailed (with `.run` marked failed, nothing written) on any error or reject.
    """
    importer_cls = get_importer(importer)
    options = dict(options or {})
    allow_rejects = bool(options.pop("allow_rejects", False))
    fields = {
        "importer": importer,
        "source": str(source)[:512],
        "options": json.loads(json.dumps({**options, "allow_rejects": allow_rejects}, cls=DjangoJSONEncoder)),
        "status": ImportRun.Status.RUNNING,
    }
    if run is None:
        run = ImportRun.objects.create(**fields, created_by=user)
    else:
        for name, value in fields.items():
            setattr(run, name, value)
    tally = Tally()
    try:
        with importer_cls(source, options) as reader:
            info = reader.info
            run.target = ",".join(info.targets)
            with transaction.atomic():
                _write(reader, info, run, tally, allow_rejects=allow_rejects, progress=progress)
                # Addresses, streets and names found by /api/v1/search follow the data in the same commit.
                gazetteer_rebuild()
    except ImportFailed as exc:
        _finish(run, tally, error=str(exc))
        exc.run = run
        raise
    except Exception as exc:
        message = _("cannot import %(file)s: %(error)s") % {"file": Path(source).name, "error": exc}
        _finish(run, tally, error=message)
        raise ImportFailed(message, run=run) from exc
    except BaseException:
        _finish(run, tally, error=_("interrupted"))
        raise
    _finish(run, tally, error="")
    return run


def _write(
    reader: Importer,
    info: ImporterInfo,
    run: ImportRun,
    tally: Tally,
    *,
    allow_rejects: bool,
    progress: Progress | None,
) -> None:
    """Stage every record, check the staged rows, then upsert per target (inside the caller's atomic)."""
    specs = {target: TARGET_SPECS[target] for target in info.targets}
    layer = _layer_for(info.layer, run) if "feature" in specs else None
    with connection.cursor() as cursor:
        stage = Stage(cursor, batch_size=settings.GEOPORTAL["IMPORT_BATCH_SIZE"])
        _stage_all(stage, reader, info, tally, progress)
        problems = stage.problems()
        tally.rejects.extend(_problem_reject(p, reader.row_label) for p in problems)
        tally.rejects.sort(key=lambda r: r.row)
        if tally.rejects and not allow_rejects:
            raise ImportFailed(_rejects_message(run, reader, tally))
        stage.discard(p.seq for p in problems)
        for target, spec in specs.items():
            tally.inserted[target], tally.updated[target] = stage.upsert(
                spec,
                provided=tally.provided.get(target, set()),
                source=info.source_name,
                layer_id=layer.pk if layer else None,
            )
        if layer is not None and info.layer.replace:
            tally.deleted["feature"] = stage.replace_layer(layer.pk)
        stage.drop()


def _stage_all(
    stage: Stage, reader: Importer, info: ImporterInfo, tally: Tally, progress: Progress | None
) -> None:
    """Read the importer to the end, queueing records and keeping rejects; report progress."""
    clock = time.perf_counter()
    total = reader.estimate()
    tally.read_s += time.perf_counter() - clock
    every = max(1, min(PROGRESS_EVERY, total // 100)) if total else PROGRESS_EVERY
    if progress:
        progress(0, total)
    for item in _timed(reader.read(), tally):
        tally.rows += 1
        if progress and tally.rows % every == 0:
            progress(tally.rows, total)
        if isinstance(item, Reject):
            tally.rejects.append(item)
            if item.target:
                tally.read[item.target] = tally.read.get(item.target, 0) + 1
            continue
        _stage_record(stage, item, tally, info)
    if progress:
        progress(tally.rows, total)


def _timed(items, tally: Tally):
    """Yield from `items`, adding the time spent inside the importer to tally.read_s."""
    iterator = iter(items)
    while True:
        clock = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            tally.read_s += time.perf_counter() - clock
            return
        tally.read_s += time.perf_counter() - clock
        yield item


def _stage_record(stage: Stage, record: Record, tally: Tally, info: ImporterInfo) -> None:
    """Check one record's fields and geometry header and queue it, or keep a reject."""
    if record.target not in info.targets:
        raise ImportFailed(
            _("the importer yielded a %(target)s record but declared only %(targets)s")
            % {"target": record.target, "targets": ", ".join(info.targets)}
        )
    tally.read[record.target] = tally.read.get(record.target, 0) + 1
    spec = TARGET_SPECS[record.target]
    try:
        if not record.source_id:
            raise FieldProblem(_("no source id"))
        fields = spec.clean(record.fields)
        geom = _ewkb(record.geom)
    except (FieldProblem, ValueError) as exc:
        tally.rejects.append(Reject(record.row, str(exc), record.source_id, record.target))
        return
    tally.provided.setdefault(record.target, set()).update(record.fields)
    stage.add(
        target=record.target,
        row=record.row,
        source_id=record.source_id,
        fields_json=json.dumps(fields, cls=DjangoJSONEncoder, ensure_ascii=False),
        geom_ewkb=geom,
    )


def _ewkb(geom: bytes | str | GEOSGeometry | None) -> str | None:
    """Hex EWKB with SRID 4326 of a record's geometry. Raises ImportFailed for a GEOS geometry in another
    CRS (an importer must transform before yielding)."""
    if geom is None:
        return None
    if isinstance(geom, GEOSGeometry):
        if geom.srid not in (None, WGS84):
            raise ImportFailed(_("the importer yielded a geometry in EPSG:%(srid)s") % {"srid": geom.srid})
        geom = bytes(geom.wkb)
    return ewkb_hex(geom, WGS84)


def _problem_reject(problem: StagedProblem, row_label: str) -> Reject:
    reasons = {
        "duplicate": _("source id %(id)s already read at %(label)s %(first)s"),
        "no_geometry": _("no geometry"),
        "empty": _("empty geometry"),
        "not_polygon": _("a %(detail)s where a polygon is expected"),
        "out_of_range": _("coordinates outside longitude/latitude degrees: is the CRS right? (pass --srs)"),
        "invalid": _("invalid geometry: %(detail)s"),
    }
    reason = reasons[problem.problem] % {
        "id": problem.source_id,
        "label": row_label,
        "first": problem.first_row,
        "detail": problem.detail,
    }
    return Reject(problem.row, reason, problem.source_id, problem.target)


def _rejects_message(run: ImportRun, reader: Importer, tally: Tally) -> str:
    shown = "; ".join(_describe(r, reader.row_label) for r in tally.rejects[:REJECTS_IN_MESSAGE])
    more = len(tally.rejects) - REJECTS_IN_MESSAGE
    if more > 0:
        shown += " " + _("(and %(n)d more)") % {"n": more}
    return _(
        "%(file)s: %(n)d row(s) rejected, nothing written: %(shown)s. Fix the file, or pass "
        "--allow-rejects to import the other rows (all rejects: %(csv)s)."
    ) % {"file": reader.path.name, "n": len(tally.rejects), "shown": shown, "csv": _rejects_path(run)}


def _describe(reject: Reject, row_label: str) -> str:
    where = f"{row_label} {reject.row}"
    if reject.source_id:
        where += f" (id {reject.source_id})"
    return f"{where}: {reject.reason}"


def _layer_for(spec: LayerSpec | None, run: ImportRun) -> Layer:
    """The layer that feature records go to: found by slug or created; records this run as its source."""
    if spec is None:
        raise ImportFailed(_("the importer writes features but names no layer"))
    layer, created = Layer.objects.get_or_create(
        slug=spec.slug, defaults={"title": spec.title or spec.default_title}
    )
    if spec.title and not created:
        layer.title = spec.title
    layer.source_run = run
    layer.save()
    return layer


def _rejects_path(run: ImportRun) -> Path:
    return Path(settings.GEOPORTAL["IMPORT_REJECTS_DIR"]) / f"import-{run.pk}-{run.importer}-rejects.csv"


def _write_rejects(run: ImportRun, rejects: list[Reject]) -> str:
    """All rejects as CSV (row, target, source_id, reason); returns the path."""
    path = _rejects_path(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["row", "target", "source_id", "reason"])
        writer.writerows([r.row, r.target, r.source_id, r.reason] for r in rejects)
    return str(path)


def _finish(run: ImportRun, tally: Tally, *, error: str) -> None:
    """Record the outcome of the run (outside the import transaction, so it stays after a rollback)."""
    failed = bool(error)
    targets = [t for t in run.target.split(",") if t]
    run.status = ImportRun.Status.FAILED if failed else ImportRun.Status.SUCCEEDED
    run.error = error
    run.read_count = tally.rows
    run.inserted_count = 0 if failed else sum(tally.inserted.values())
    run.updated_count = 0 if failed else sum(tally.updated.values())
    run.written_count = run.inserted_count + run.updated_count
    run.rejected_count = len(tally.rejects)
    run.rejects = [
        {"row": r.row, "target": r.target, "source_id": r.source_id, "reason": r.reason}
        for r in tally.rejects[:FIRST_REJECTS]
    ]
    run.rejects_path = _write_rejects(run, tally.rejects) if tally.rejects else ""
    run.target_counts = {
        t: {
            "read": tally.read.get(t, 0),
            "inserted": 0 if failed else tally.inserted.get(t, 0),
            "updated": 0 if failed else tally.updated.get(t, 0),
            "rejected": tally.count_rejected(t),
        }
        for t in targets
    }
    for t, deleted in tally.deleted.items():
        if t in run.target_counts:
            run.target_counts[t]["deleted"] = 0 if failed else deleted
    total_s = time.perf_counter() - tally.started
    run.timings = {
        "read_s": round(tally.read_s, 3),
        "write_s": round(max(total_s - tally.read_s, 0.0), 3),
        "total_s": round(total_s, 3),
    }
    run.finished_at = timezone.now()
    run.save()
