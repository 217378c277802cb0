"""Shared pieces of the hotspot and alert tests: Krymsk cells and appeals placed at their centres."""

from datetime import datetime, timedelta

import h3.api.basic_int as h3
from django.utils import timezone

from appeals.models import Category
from appeals.workflow import AppealStatus
from tests.appeals.public_support import LENINA, make_appeal


def cell_at(lonlat: tuple[float, float], res: int) -> int:
    return h3.latlng_to_cell(lonlat[1], lonlat[0], res)


def centre_of(cell: int) -> tuple[float, float]:
    """(lon, lat) of a cell's centre."""
    lat, lng = h3.cell_to_latlng(cell)
    return lng, lat


def file_appeals(
    category: Category, cell: int, count: int, *, days_ago: int = 1, now: datetime | None = None
) -> None:
    """`count` registered appeals (no contact data) at the centre of `cell`, `days_ago` local days ago."""
    at = (now or timezone.now()) - timedelta(days=days_ago)
    for _ in range(count):
        make_appeal(
            category, lonlat=centre_of(cell), status=AppealStatus.REGISTERED, created_at=at, contact=False
        )


LENINA_RES8 = cell_at(LENINA, 8)
LENINA_RES9 = cell_at(LENINA, 9)
