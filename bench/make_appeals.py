"""Fills the bench database with N synthetic appeals (default 1,000,000) by one psycopg COPY.

usage: DATABASE_URL=postgis://…/geoportal_bench .venv/bin/python bench/make_appeals.py --n 1000000

Needs the demo town without its appeals (`manage.py demo_load --issues 0 --proposals 0`): buildings with
addresses, roads, districts, departments and the rubricator. Every appeal stands at a real address of
Krymsk (a building's point on surface with ~5 m of jitter; road, lighting and bus-stop topics on the nearest
road in front of it), so the points lie inside the town and are as dense as the houses. Categories follow
the demo's mix with its seasons, creation times span the 12 months before `--now` (more in recent months),
statuses follow the workflow by age (old ones closed, recent ones new or in progress; ~7 % hidden: new or
rejected). h3 is the res-15 cell of the point (h3-py), district by point in polygon (shapely).

Rows carry source "import" and source_id "bench-<i>": a second run with the same --n does nothing; another
--n replaces them. Everything is one transaction. Run `VACUUM ANALYZE appeals_appeal` afterwards.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoportal.settings")

import django  # noqa: E402

django.setup()

import h3  # noqa: E402
import shapely  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from demo.appeals import MIX, ON_ROAD, PROPOSAL_MIX, SEASON  # noqa: E402
from demo.texts import APPEAL_TEXTS  # noqa: E402

SOURCE = "import"
PREFIX = "bench-"
M_PER_DEG_LAT = 111_320.0
DAY = np.timedelta64(86_400, "s")
# The columns this script writes; any other NOT NULL column without a default gets a zero of its type.
COLUMNS = (
    "kind", "category_id", "status", "text", "address", "area_id", "department_id", "author_public_name",
    "source", "source_id", "supports_count", "created_at", "registered_at", "due_at", "answered_at",
    "closed_at", "updated_at", "h3", "geom",
)  # fmt: skip
ZERO_OF_TYPE = {
    "smallint": "0", "integer": "0", "bigint": "0", "boolean": "f", "text": "", "character varying": "",
    "double precision": "0", "numeric": "0", "jsonb": "{}", "json": "{}",
    "timestamp with time zone": None,  # filled with created_at
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="appeals to create (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed")
    parser.add_argument("--now", type=datetime.fromisoformat, default=None, help="end of the 12 months")
    parser.add_argument("--batch", type=int, default=100_000, help="rows per COPY block")
    args = parser.parse_args()
    now = (args.now or datetime.now(UTC)).astimezone(UTC)

    present = bench_count()
    if present == args.n:
        print(f"make_appeals: {present:,} bench appeals already there, nothing to do")
        return
    t0 = time.perf_counter()
    places = load_places()
    categories = load_categories()
    districts = load_districts()
    rng = np.random.default_rng(args.seed)
    extra = extra_columns()
    with transaction.atomic():
        with connection.cursor() as cur:
            # Bench data only: skip the per-row foreign-key triggers (checked at commit, ~0.1 ms a row);
            # every id written comes from the database just read. Needs a superuser (the private cluster).
            cur.execute("SET LOCAL session_replication_role = replica")
        if present:
            print(f"make_appeals: replacing {present:,} bench appeals (another --n)")
            with connection.cursor() as cur:
                cur.execute(
                    "DELETE FROM appeals_appeal WHERE source = %s AND source_id LIKE %s",
                    [SOURCE, PREFIX + "%"],
                )
        copy_sql = f"COPY appeals_appeal ({', '.join(COLUMNS + tuple(name for name, _ in extra))}) FROM STDIN"
        with connection.cursor() as cur, cur.cursor.copy(copy_sql) as copy:
            for start in range(0, args.n, args.batch):
                size = min(args.batch, args.n - start)
                block = generate(
                    rng, start, size, now=now, places=places, categories=categories, districts=districts
                )
                copy.write(rows_text(block, extra))
                print(f"make_appeals: {start + size:,} of {args.n:,} written", flush=True)
    print(f"make_appeals: {args.n:,} appeals in {time.perf_counter() - t0:.1f} s")


def bench_count() -> int:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM appeals_appeal WHERE source = %s AND source_id LIKE %s",
            [SOURCE, PREFIX + "%"],
        )
        return cur.fetchone()[0]


def load_places() -> dict[str, np.ndarray]:
    """Addressed buildings: point on surface (lon, lat), address, the closest point of the nearest road."""
    with connection.cursor() as cur:
        cur.execute(
            """SELECT ST_X(p.pt), ST_Y(p.pt), p.address, ST_X(r.pt), ST_Y(r.pt)
               FROM (SELECT ST_PointOnSurface(geom) AS pt, address FROM layers_property
                     WHERE kind = 'building' AND address <> '' ORDER BY id) p
               CROSS JOIN LATERAL (
                 SELECT ST_ClosestPoint(a.geom, p.pt) AS pt FROM layers_asset a
                 WHERE a.kind = 'road' ORDER BY a.geom <-> p.pt LIMIT 1) r"""
        )
        rows = cur.fetchall()
    if len(rows) < 1000:
        sys.exit(
            "make_appeals: fewer than 1,000 addressed buildings: "
            "run `manage.py demo_load --issues 0 --proposals 0`"
        )
    lon, lat, address, road_lon, road_lat = zip(*rows, strict=True)
    texts = [t for options in APPEAL_TEXTS.values() for t in options]
    unsafe = [a for a in set(address) | set(texts) if any(ch in a for ch in "\t\n\r\\")]
    if unsafe:  # COPY's text format would need them escaped
        sys.exit(f"make_appeals: texts or addresses with a tab, newline or backslash: {unsafe[:3]}")
    return {
        "lon": np.array(lon),
        "lat": np.array(lat),
        "address": np.array(address, dtype=object),
        "road_lon": np.array(road_lon),
        "road_lat": np.array(road_lat),
    }


def load_categories() -> dict[str, tuple[int, str, int | None, int | None]]:
    """code → (id, kind, default department id, answer target in working days)."""
    with connection.cursor() as cur:
        cur.execute("SELECT code, id, kind, default_department_id, answer_working_days FROM appeals_category")
        found = {code: rest for code, *rest in cur.fetchall()}
    missing = sorted((set(MIX) | set(PROPOSAL_MIX)) - set(found))
    if missing:
        sys.exit(
            f"make_appeals: categories {missing} missing: run `manage.py demo_load --issues 0 --proposals 0`"
        )
    return found


def load_districts() -> list[tuple[int, object]]:
    with connection.cursor() as cur:
        cur.execute("SELECT id, ST_AsBinary(geom) FROM layers_adminarea WHERE kind = 'district' ORDER BY id")
        return [(pk, shapely.from_wkb(bytes(wkb))) for pk, wkb in cur.fetchall()]


def extra_columns() -> list[tuple[str, str | None]]:
    """NOT NULL columns without a default that COLUMNS leaves out (added by later migrations): name, zero."""
    with connection.cursor() as cur:
        cur.execute(
            """SELECT column_name, data_type FROM information_schema.columns
               WHERE table_name = 'appeals_appeal' AND is_nullable = 'NO' AND column_default IS NULL
                 AND is_identity = 'NO' ORDER BY ordinal_position"""
        )
        rows = [(name, kind) for name, kind in cur.fetchall() if name not in COLUMNS]
    unknown = [f"{name} ({kind})" for name, kind in rows if kind not in ZERO_OF_TYPE]
    if unknown:
        sys.exit(f"make_appeals: no zero value known for NOT NULL columns {unknown}: add them to COLUMNS")
    for name, kind in rows:
        print(f"make_appeals: column {name} ({kind}) gets a zero value")
    return [(name, ZERO_OF_TYPE[kind]) for name, kind in rows]


def generate(rng, start, size, *, now, places, categories, districts) -> dict[str, np.ndarray]:
    """One block of appeals as column arrays (times as numpy datetime64[s] in UTC, NaT for NULL)."""
    now64 = np.datetime64(now.replace(tzinfo=None), "s")
    # creation: the last 365 days, density rising linearly to twice the oldest month's
    age_days = 365.0 * (2.0 - np.sqrt(rng.uniform(1.0, 4.0, size)))  # pdf ∝ (2 - age/365): newer is likelier
    created = now64 - (age_days * 86_400).astype("timedelta64[s]")
    month = created.astype("datetime64[M]").astype(int) % 12  # 0 = January

    proposal = rng.random(size) < 0.06
    codes = np.empty(size, dtype=object)
    for m in range(12):
        issue_codes = list(MIX)
        weights = np.array([MIX[c] * SEASON.get(c, (1.0,) * 12)[m] for c in issue_codes])
        pick = (month == m) & ~proposal
        codes[pick] = rng.choice(issue_codes, size=int(pick.sum()), p=weights / weights.sum())
    proposal_codes = list(PROPOSAL_MIX)
    weights = np.array([PROPOSAL_MIX[c] for c in proposal_codes])
    codes[proposal] = rng.choice(proposal_codes, size=int(proposal.sum()), p=weights / weights.sum())

    # place: a random addressed building; road topics on the road in front of it
    b = rng.integers(0, len(places["lon"]), size)
    on_road = np.isin(codes, list(ON_ROAD))
    lon = np.where(on_road, places["road_lon"][b], places["lon"][b])
    lat = np.where(on_road, places["road_lat"][b], places["lat"][b])
    jitter_m = np.where(on_road, 3.0, 6.0)
    lat = lat + rng.normal(0, 1, size) * jitter_m / M_PER_DEG_LAT
    lon = lon + rng.normal(0, 1, size) * jitter_m / (M_PER_DEG_LAT * np.cos(np.radians(lat)))
    area = np.full(size, -1, dtype=np.int64)
    for pk, shape in districts:
        area[(area < 0) & shapely.contains_xy(shape, lon, lat)] = pk

    status, registered, due, answered, closed = lifecycle(rng, codes, proposal, created, now64, categories)
    texts = np.empty(size, dtype=object)
    for code in np.unique(codes):
        pick = codes == code
        options = np.array(APPEAL_TEXTS[code], dtype=object)
        texts[pick] = options[rng.integers(0, len(options), int(pick.sum()))]
    addresses = places["address"][b]
    supports = np.where(proposal, rng.poisson(25, size), rng.geometric(0.55, size) - 1)
    return {
        "i": np.arange(start, start + size),
        "code": codes,
        "kind": np.where(proposal, "proposal", "issue"),
        "status": status,
        "text": texts,
        "address": addresses,
        "area": area,
        "supports": supports,
        "created": created,
        "registered": registered,
        "due": due,
        "answered": answered,
        "closed": closed,
        "lon": lon,
        "lat": lat,
        "categories": categories,
    }


def lifecycle(rng, codes, proposal, created, now64, categories):
    """Status and milestone times by age, following appeals/workflow.py (vectorised, no event log)."""
    size = len(codes)
    nat = np.datetime64("NaT", "s")
    age = (now64 - created) / DAY  # days, float
    target_days = np.array(
        [np.ceil(categories[c][3] * 7 / 5) if categories[c][3] else 30.0 for c in codes], dtype=float
    )
    reg_delay = rng.uniform(0.02, 2.9, size)
    late = rng.random(size) < 0.14
    answer_delay = target_days * np.where(late, rng.uniform(1.03, 1.7, size), rng.uniform(0.15, 0.95, size))
    close_delay = answer_delay + rng.uniform(1.0, 7.0, size)
    roll = rng.random(size)

    status = np.full(size, "new", dtype=object)
    # issues
    registered_now = age >= reg_delay
    status[registered_now] = "registered"
    status[registered_now & (age >= reg_delay + 1.0)] = "in_progress"
    status[registered_now & (age >= reg_delay + 1.0) & (roll < 0.05)] = "redirected"
    status[age >= answer_delay] = "answered"
    status[age >= close_delay] = "closed"
    status[(age >= close_delay) & (roll > 0.985)] = "reopened"
    status[(roll >= 0.93) & (roll < 0.96) & (age >= 2.0)] = "rejected"
    status[(roll >= 0.96) & (roll < 0.975) & (age >= 1.5)] = "duplicate"
    # proposals
    p = proposal
    status[p] = "new"
    status[p & (age >= 2)] = "published"
    status[p & (age >= 30) & (roll < 0.6)] = "under_review"
    status[p & (age >= 60) & (roll < 0.35)] = "accepted"
    status[p & (age >= 60) & (roll >= 0.35) & (roll < 0.6)] = "rejected"
    status[p & (age >= 150) & (roll < 0.15)] = "implemented"

    def at(delay_days):
        return created + (delay_days * 86_400).astype("timedelta64[s]")

    was_registered = ~np.isin(status, ["new", "rejected", "duplicate"]) & ~p
    registered = np.where(was_registered, at(reg_delay), nat)
    due = np.where(was_registered, at(reg_delay + target_days), nat)
    answered = np.where(np.isin(status, ["answered", "closed"]) & ~p, at(answer_delay), nat)
    closed = np.where(np.isin(status, ["closed"]) & ~p, at(close_delay), nat)
    return status, registered, due, answered, closed


def rows_text(block: dict, extra: list[tuple[str, str | None]]) -> str:
    """COPY text format for one block, built column by column (values hold no tab, newline or backslash)."""
    categories = block["categories"]
    null = "\\N"
    ts = {}
    for k in ("created", "registered", "due", "answered", "closed"):
        text = np.datetime_as_string(block[k], unit="s", timezone="UTC")
        ts[k] = np.where(np.isnat(block[k]), null, text).tolist()
    lon, lat = block["lon"].tolist(), block["lat"].tolist()
    columns = [
        block["kind"].tolist(),
        [str(categories[c][0]) for c in block["code"]],
        block["status"].tolist(),
        [f"{t} Адрес: {a}." for t, a in zip(block["text"], block["address"], strict=True)],
        block["address"].tolist(),
        np.where(block["area"] >= 0, block["area"].astype(str), null).tolist(),
        [str(categories[c][2]) if categories[c][2] else null for c in block["code"]],
        [""] * len(lon),
        [SOURCE] * len(lon),
        [f"{PREFIX}{i}" for i in block["i"].tolist()],
        block["supports"].astype(str).tolist(),
        ts["created"],
        ts["registered"],
        ts["due"],
        ts["answered"],
        ts["closed"],
        ts["created"],
        [str(h3.api.basic_int.latlng_to_cell(y, x, 15)) for x, y in zip(lon, lat, strict=True)],
        [f"SRID=4326;POINT({x:.7f} {y:.7f})" for x, y in zip(lon, lat, strict=True)],
    ]
    columns += [ts["created"] if zero is None else [zero] * len(lon) for _name, zero in extra]
    return "\n".join(map("\t".join, zip(*columns, strict=True))) + "\n"


if __name__ == "__main__":
    main()
