"""Synthetic demo appeals on real Krymsk addresses: the rows to write, built in memory (no writes here).

Deterministic for a given seed, "now" and set of places: a numpy Generator drives every choice. Background
issues follow a category mix with seasons; the planted clusters (demo/clusters.py) add dense groups;
proposals come on top. Every appeal's life follows appeals/workflow.py (demo/timeline.py).
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import shapely

from appeals.workflow import AppealKind
from appeals.workflow import AppealStatus as S
from demo import texts
from demo.clusters import DemoCluster
from demo.selectors import Places
from demo.timeline import Life, issue_life, proposal_life
from tension.hexes import cell_of

M_PER_DEG_LAT = 111_320.0  # metres per degree of latitude (WGS84, good to 0.5 % here)

# Relative frequency of each leaf issue category in the background (clusters come on top).
MIX: dict[str, float] = {
    "cleanliness": 6, "social-support": 3, "sports-equipment": 2, "sports-culture-events": 1.5,
    "improvement": 6, "improvement-playground": 4, "improvement-greenery": 4,
    "roads-potholes": 14, "roads-marking": 3, "roads-sidewalks": 5,
    "housing-heating": 6, "housing-water": 7, "housing-sewerage": 4, "housing-management": 5,
    "energy-power": 4, "streetlight": 8, "transport-stops": 3, "transport-routes": 4,
    "waste-garbage": 9, "waste-containers": 6,
}  # fmt: skip
PROPOSAL_MIX: dict[str, float] = {
    "proposal-yard": 5, "proposal-playground": 4, "proposal-square": 3, "proposal-sports": 3,
    "proposal-lighting": 3, "proposal-crossing": 2,
}  # fmt: skip
# Month multipliers (January first): heating only in the heating season, potholes after the winter,
# lighting in the long nights, water and waste in the hot summer.
SEASON: dict[str, tuple[float, ...]] = {
    "housing-heating": (2, 1.6, 1, 0.3, 0, 0, 0, 0, 0, 0.8, 1.6, 2),
    "roads-potholes": (1.2, 1.8, 1.8, 1.5, 1, 0.8, 0.7, 0.7, 0.8, 0.9, 1, 1.1),
    "streetlight": (1.4, 1.2, 1, 0.8, 0.6, 0.5, 0.5, 0.6, 0.8, 1.1, 1.4, 1.5),
    "housing-water": (0.8, 0.8, 0.8, 0.9, 1, 1.3, 1.5, 1.5, 1.1, 0.9, 0.8, 0.8),
    "waste-garbage": (0.7, 0.7, 0.9, 1.1, 1.2, 1.3, 1.4, 1.3, 1.1, 1, 0.8, 0.7),
}
# Categories filed on the carriageway: the point goes to the nearest road, not the house.
ON_ROAD = frozenset({"roads-potholes", "roads-marking", "roads-sidewalks", "streetlight", "transport-stops"})


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    kind: str
    department_id: int | None
    department_name: str
    answer_working_days: int | None

    @property
    def deadline_days(self) -> float:
        """Calendar days to answer: working days × 7/5 (a simple approximation), else 59-ФЗ's 30 days."""
        return math.ceil(self.answer_working_days * 7 / 5) if self.answer_working_days else 30.0


@dataclass(slots=True)
class AppealRow:
    kind: str
    category: str
    status: str
    text: str
    address: str
    lon: float
    lat: float
    h3: int
    created_at: datetime
    registered_at: datetime | None
    due_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    source_id: str
    duplicate_of: int | None = None  # index into AppealBatch.appeals
    supports_count: int = 0
    rating: int | None = None
    author_public_name: str = ""


@dataclass(slots=True)
class EventRow:
    appeal: int  # index into AppealBatch.appeals
    from_status: str
    to_status: str
    public_response: str
    internal_note: str
    at: datetime


@dataclass
class AppealBatch:
    appeals: list[AppealRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    contacts: list[tuple[int, str, str, str, str]] = field(
        default_factory=list
    )  # appeal, name, email, phone, text
    supports: list[tuple[int, str, datetime]] = field(default_factory=list)  # appeal, e-mail, at


@dataclass(frozen=True)
class Plan:
    issues: int = 5000  # clusters included
    proposals: int = 200
    days: int = 365
    seed: int = 20240917


def appeals_generate(
    *,
    plan: Plan,
    now: datetime,
    places: Places,
    clusters: list[tuple[DemoCluster, Places]],
    categories: dict[str, CategoryInfo],
    boundary: shapely.Geometry,
) -> AppealBatch:
    """All demo appeals, their events, contacts and supports. Raises ValueError when there are no places."""
    if len(places) == 0:
        raise ValueError("no buildings with an address inside the municipality to file demo appeals at")
    rng = np.random.default_rng(plan.seed)
    gen = _Generator(rng=rng, now=now, categories=categories, boundary=boundary, places=places)
    planted = sum(c.count for c, _ in clusters)
    ages = _ages(rng, n=max(plan.issues - planted, 0), days=plan.days)
    weights = np.clip(places.area_m2, 30.0, 1500.0)
    at = rng.choice(len(places), size=len(ages), p=weights / weights.sum())
    for age, i in zip(ages, at, strict=True):
        created = now - timedelta(days=float(age))
        code = _pick(rng, MIX, month=created.month)
        lon, lat = gen.place(i, on_road=code in ON_ROAD)
        gen.add_issue(code=code, created=created, lon=lon, lat=lat, address=places.addresses[i])
    for cluster, cplaces in clusters:
        gen.add_cluster(cluster, cplaces)
    for age in _ages(rng, n=plan.proposals, days=plan.days):
        i = int(rng.choice(len(places), p=weights / weights.sum()))
        lon, lat = gen.place(i, on_road=False)
        created = now - timedelta(days=float(age))
        gen.add_proposal(
            code=_pick(rng, PROPOSAL_MIX), created=created, lon=lon, lat=lat, address=places.addresses[i]
        )
    return gen.batch


def _ages(rng: np.random.Generator, *, n: int, days: int) -> np.ndarray:
    """Ages in days, denser for recent dates (use of the portal grows): density ∝ 1.3 − 0.6·age/days."""
    out = np.empty(0)
    while len(out) < n:
        a = rng.uniform(0, days, size=2 * n + 10)
        out = np.concatenate([out, a[rng.uniform(0, 1.3, size=a.size) < 1.3 - 0.6 * a / days]])
    return np.sort(out[:n])[::-1]  # oldest first


def _pick(rng: np.random.Generator, mix: dict[str, float], *, month: int | None = None) -> str:
    codes = list(mix)
    w = np.array([mix[c] * (SEASON.get(c, (1,) * 12)[month - 1] if month else 1) for c in codes])
    return codes[int(rng.choice(len(codes), p=w / w.sum()))]


class _Generator:
    """Accumulates rows; one instance per generation run."""

    def __init__(self, *, rng, now, categories, boundary, places: Places):
        self.rng, self.now, self.categories, self.boundary, self.places = (
            rng,
            now,
            categories,
            boundary,
            places,
        )
        self.batch = AppealBatch()

    def place(self, i: int, *, on_road: bool, sd_m: float = 5.0) -> tuple[float, float]:
        """A point near place i (on its road when asked and known), jittered by ~sd_m metres, in town."""
        p = self.places
        lon, lat = (
            (p.road_lon[i], p.road_lat[i])
            if on_road and not np.isnan(p.road_lon[i])
            else (p.lon[i], p.lat[i])
        )
        return self.jitter(float(lon), float(lat), sd_m=sd_m)

    def jitter(self, lon: float, lat: float, *, sd_m: float) -> tuple[float, float]:
        dx, dy = self.rng.normal(0, sd_m, size=2)
        jl, jt = lon + dx / (M_PER_DEG_LAT * math.cos(math.radians(lat))), lat + dy / M_PER_DEG_LAT
        return (float(jl), float(jt)) if shapely.contains_xy(self.boundary, jl, jt) else (lon, lat)

    def add_cluster(self, cluster: DemoCluster, cplaces: Places) -> None:
        rng = self.rng
        if len(cplaces) == 0 and cluster.street:
            raise ValueError(f"cluster {cluster.code}: no houses on {cluster.street!r} near the centre")
        ages = np.sort(rng.uniform(0, cluster.recent_days, size=cluster.count))[::-1]
        first = len(self.batch.appeals)
        for n, age in enumerate(ages):
            created = self.now - timedelta(days=float(age))
            if cluster.street:
                i = int(rng.integers(len(cplaces)))
                lon, lat = self.jitter(float(cplaces.lon[i]), float(cplaces.lat[i]), sd_m=3.0)
                address = cplaces.addresses[i]
            else:
                lon, lat, address = self._in_disc(cluster)
            dup = first if n > 0 and rng.random() < 0.08 else None
            self.add_issue(
                code=cluster.category, created=created, lon=lon, lat=lat, address=address, duplicate_of=dup
            )

    def _in_disc(self, cluster: DemoCluster) -> tuple[float, float, str]:
        """A uniform point within the cluster radius (in town) and the address of the nearest building."""
        k = M_PER_DEG_LAT * math.cos(math.radians(cluster.lat))
        for _ in range(100):
            r, a = cluster.radius_m * math.sqrt(self.rng.random()), self.rng.uniform(0, 2 * math.pi)
            lon, lat = cluster.lon + r * math.cos(a) / k, cluster.lat + r * math.sin(a) / M_PER_DEG_LAT
            if shapely.contains_xy(self.boundary, lon, lat):
                break
        else:
            raise ValueError(f"cluster {cluster.code}: its centre is outside the municipality")
        d2 = ((self.places.lon - lon) * k) ** 2 + ((self.places.lat - lat) * M_PER_DEG_LAT) ** 2
        return lon, lat, self.places.addresses[int(d2.argmin())]

    def add_issue(self, *, code, created, lon, lat, address, duplicate_of=None) -> None:
        cat = self.categories[code]
        life = issue_life(
            self.rng,
            created=created,
            now=self.now,
            deadline_days=cat.deadline_days,
            duplicate=duplicate_of is not None,
        )
        due = created + timedelta(days=cat.deadline_days)
        self._add(AppealKind.ISSUE, code, life, lon, lat, address, due=due, duplicate_of=duplicate_of)

    def add_proposal(self, *, code, created, lon, lat, address) -> None:
        life = proposal_life(self.rng, created=created, now=self.now)
        self._add(AppealKind.PROPOSAL, code, life, lon, lat, address, due=None, duplicate_of=None)

    def _add(self, kind, code, life: Life, lon, lat, address, *, due, duplicate_of) -> None:
        rng, idx = self.rng, len(self.batch.appeals)
        body = texts.APPEAL_TEXTS[code][int(rng.integers(len(texts.APPEAL_TEXTS[code])))]
        row = AppealRow(
            kind=kind, category=code, status=life.status, text=f"{body} Адрес: {address}.", address=address,
            lon=lon, lat=lat, h3=cell_of(lon, lat), created_at=life.moves[0].at,
            registered_at=life.registered_at, due_at=due, answered_at=life.answered_at,
            closed_at=life.closed_at, source_id=f"demo-{idx + 1}", duplicate_of=duplicate_of,
        )  # fmt: skip
        if row.status == S.CLOSED and rng.random() < 0.45:
            late = row.answered_at is not None and due is not None and row.answered_at > due
            row.rating = (
                int(rng.choice(5, p=(0.25, 0.2, 0.2, 0.2, 0.15) if late else (0.06, 0.06, 0.13, 0.3, 0.45)))
                + 1
            )
        self.batch.appeals.append(row)
        self._events(idx, code, life)
        self._supports(idx, row)
        self._contact(idx, row)

    def _events(self, idx: int, code: str, life: Life) -> None:
        department = self.categories[code].department_name
        prev = ""
        for move in life.moves:
            response, note = _response(self.rng, move.reason, code=code, department=department)
            self.batch.events.append(EventRow(idx, prev, move.to_status, response, note, move.at))
            prev = move.to_status

    def _supports(self, idx: int, row: AppealRow) -> None:
        if row.status in (S.NEW, S.REJECTED, S.DUPLICATE):
            return
        rng = self.rng
        if row.kind == AppealKind.PROPOSAL:
            n = min(int(rng.gamma(1.2, 12.0)), 120)
        else:
            n = int(rng.integers(1, 5)) if rng.random() < 0.15 else 0
        start = row.registered_at or row.created_at
        span = (self.now - start).total_seconds()
        for j in range(n):
            at = start + timedelta(seconds=float(rng.uniform(0, span)))
            self.batch.supports.append((idx, f"supporter-{idx + 1}-{j + 1}@example.org", at))
        row.supports_count = n

    def _contact(self, idx: int, row: AppealRow) -> None:
        rng = self.rng
        if rng.random() >= 0.5:
            return
        s = int(rng.integers(len(texts.SURNAMES)))
        female = rng.random() < 0.55
        first = (
            texts.FIRST_NAMES_F[int(rng.integers(5))] if female else texts.FIRST_NAMES_M[int(rng.integers(5))]
        )
        surname = texts.SURNAMES[s] + ("а" if female else "")
        n = idx + 1
        email = f"{texts.SURNAMES_LATIN[s]}{'a' if female else ''}.{n}@example.org"
        phone = f"+7 900 000-{n // 100 % 100:02d}-{n % 100:02d}"
        self.batch.contacts.append((idx, f"{surname} {first}", email, phone, row.text))
        if rng.random() < 0.5:
            row.author_public_name = f"{first} {surname[0]}."


def _response(rng: np.random.Generator, reason: str, *, code: str, department: str) -> tuple[str, str]:
    """(public response, internal note) for a move."""

    def one(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    match reason:
        case "new":
            return "", "Демо: обращение подано через портал."
        case "registered":
            return texts.REGISTERED.format(department=department), ""
        case "in_progress":
            return one(texts.IN_PROGRESS).format(department=department), ""
        case "redirected":
            return texts.REDIRECTED, "Передано по компетенции в течение 7 дней (59-ФЗ)."
        case "answered":
            return one(texts.ANSWERS[texts.group_of(code)]), ""
        case "reopened":
            return texts.REOPENED, ""
        case "closed":
            return one(texts.CLOSED), ""
        case "rejected_moderation":
            return one(texts.REJECTED_MODERATION), ""
        case "rejected_competence":
            return texts.REJECTED_COMPETENCE, ""
        case "duplicate":
            return texts.DUPLICATE, ""
        case "published":
            return texts.PUBLISHED, ""
        case "under_review":
            return texts.UNDER_REVIEW, ""
        case "accepted":
            return texts.ACCEPTED, ""
        case "rejected_proposal":
            return one(texts.REJECTED_PROPOSAL), ""
        case "implemented":
            return texts.IMPLEMENTED, ""
    raise ValueError(f"unknown move reason {reason!r}")
