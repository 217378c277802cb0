"""Pure H3 helpers: no database. Our signatures take (lon, lat); h3 takes (lat, lng)."""

import h3

STORED_RES = 15


def cell_of(lon: float, lat: float) -> int:
    """Res-15 H3 cell of a WGS84 point as a bigint (H3 indexes never set bit 63, so it fits signed)."""
    return h3.str_to_int(h3.latlng_to_cell(lat, lon, STORED_RES))


def parent_of(cell: int, res: int) -> int:
    """The res-`res` parent of a cell, as the SQL h3_parent() computes it."""
    return h3.str_to_int(h3.cell_to_parent(h3.int_to_str(cell), res))
