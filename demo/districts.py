"""Demo districts and ТОС of Krymsk: where they go (k-means + Voronoi), written through demo.services.

Both are SYNTHETIC: Krymsk has no official micro-districts in the data, so the demo makes 8 of them from
the buildings, deterministically (fixed seed), to give the per-district views something to show.
"""

from demo import selectors, services
from demo.kmeans import kmeans
from layers.models import AdminArea

N_DISTRICTS = 8
KMEANS_SEED = 42
# Plausible names for the demo ТОС, given to the most populous districts in district order.
TOS_NAMES = ("ТОС «Адагумский»", "ТОС «Садовый»", "ТОС «Солнечный»", "ТОС «Черёмушки»")
TOS_BUILDINGS = 40  # buildings around each ТОС's centre (a few blocks)…
TOS_MAX_RADIUS_M = 250.0  # …but none farther than this from it (except the nearest one)
TOS_BUFFER_M = 15.0


def district_code(n: int) -> str:
    return f"demo-district-{n}"


def districts_complete() -> bool:
    """True when exactly the demo districts 1..N_DISTRICTS exist."""
    codes = [a.code for a in selectors.demo_areas(AdminArea.Kind.DISTRICT)]
    return sorted(codes) == sorted(district_code(n) for n in range(1, N_DISTRICTS + 1))


def districts_build(*, municipality: AdminArea) -> list[int]:
    """(Re)build the demo districts: k-means of the building centroids, Voronoi cells clipped to the
    boundary, population from residential floor area. Raises DemoDataError with too few buildings."""
    points = selectors.building_centroids_m(municipality_id=municipality.pk)
    if len(points) < N_DISTRICTS * 10:
        raise services.DemoDataError(
            f"only {len(points)} buildings inside {municipality.code!r}: too few for {N_DISTRICTS} districts"
        )
    centres = kmeans(points, k=N_DISTRICTS, seed=KMEANS_SEED)
    return services.demo_districts_replace(municipality=municipality, centres_m=centres)


def districts_by_number() -> dict[int, AdminArea]:
    """The demo districts keyed by their number N ("Микрорайон N")."""
    return {int(a.code.rsplit("-", 1)[1]): a for a in selectors.demo_areas(AdminArea.Kind.DISTRICT)}


def tos_complete() -> bool:
    """True when all demo ТОС exist, each inside a demo district."""
    tos = selectors.demo_areas(AdminArea.Kind.TOS)
    return len(tos) == len(TOS_NAMES) and all(t.parent_id is not None for t in tos)


def tos_build() -> list[int]:
    """(Re)build the demo ТОС in the most populous demo districts (one each)."""
    districts = sorted(districts_by_number().items())
    chosen = sorted(districts, key=lambda nd: (-(nd[1].population or 0), nd[0]))[: len(TOS_NAMES)]
    chosen.sort()
    specs = [
        (d, name, f"demo-tos-{i}") for i, ((_, d), name) in enumerate(zip(chosen, TOS_NAMES, strict=False), 1)
    ]
    return services.demo_tos_replace(
        tos=specs, n_buildings=TOS_BUILDINGS, max_radius_m=TOS_MAX_RADIUS_M, buffer_m=TOS_BUFFER_M
    )
