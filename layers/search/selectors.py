"""Reads of the gazetteer: search, geocode and reverse geocode. Coordinates are degrees, EPSG:4326, in
(lon, lat) order; a bbox is (west, south, east, north)."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext

from geoportal.db import fetch_dicts, sql_file
from geoportal.errors import NotFound, ValidationFailed
from layers.models import GazetteerEntry
from layers.search.normalize import parse_query, tsquery_text

KINDS: tuple[str, ...] = tuple(GazetteerEntry.Kind.values)
MIN_QUERY_LENGTH = 2  # characters of the normal form
MAX_QUERY_LENGTH = 200  # characters as typed
MAX_LIMIT = 50

# Ranking weights (search_query.sql): a text score t is TRIGRAM_WEIGHT * trigram similarity plus
# FTS_WEIGHT when every word matches the full-text index, so it lies in 0..1 and a full-text match beats
# an equally similar typo. An address scores its street's t times (1 + EXACT_HOUSE_BONUS) for the house
# asked for, times (1 - HOUSE_PREFIX_PENALTY) for a house that only starts with the number typed: the
# house, then its street, then the type-ahead houses; a house on a worse-matching street stays below.
TRIGRAM_WEIGHT = 0.8
FTS_WEIGHT = 0.2
EXACT_HOUSE_BONUS = 0.5
HOUSE_PREFIX_PENALTY = 0.1

HOUSE_STREETS = 20  # the best-matching streets whose houses are looked up

REVERSE_RADIUS_M = 100.0
REVERSE_CANDIDATES = 16  # nearest buildings by degree distance, re-ranked in metres


def gazetteer_search(
    *, q: str, limit: int = 10, kinds: Sequence[str] = KINDS, internal: bool = False, located: bool = False
) -> list[dict[str, Any]]:
    """The best `limit` gazetteer entries for `q`, best first, as dicts (id, kind, name, ref_type, ref_id,
    score, lon, lat, west, south, east, north). `internal`: the user may see internal layers;
    `located`: only entries with a point. Raises ValidationFailed (field q) for a query that is empty,
    shorter than MIN_QUERY_LENGTH once normalised, or longer than MAX_QUERY_LENGTH.
    """
    query = _parse(q)
    return fetch_dicts(
        sql_file("layers", "search_query"),
        {
            # The street part is complete when a house number follows it: no prefix there.
            "words_tsquery": tsquery_text(query.words, prefix=not query.house),
            "text_tsquery": tsquery_text(query.text),
            "words_core": query.words_core,
            "text_core": query.text_core,
            "house": query.house,
            "house_prefix": query.house + "%",
            "cadastral": query.cadastral,
            "cadastral_prefix": query.cadastral + "%",
            "kinds": list(kinds),
            "internal": internal,
            "located": located,
            "limit": limit,
            "street_limit": HOUSE_STREETS,
            "fts_weight": FTS_WEIGHT,
            "trgm_weight": TRIGRAM_WEIGHT,
            "exact_bonus": EXACT_HOUSE_BONUS,
            "prefix_penalty": HOUSE_PREFIX_PENALTY,
        },
    )


def _parse(q: str):
    text = q.strip()
    if len(text) > MAX_QUERY_LENGTH:
        message = gettext("q must be at most %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        raise ValidationFailed(message, field="q")
    query = parse_query(text)
    if len(query.text) < MIN_QUERY_LENGTH and not query.cadastral:
        message = gettext("q must hold at least %(n)d letters or digits.") % {"n": MIN_QUERY_LENGTH}
        raise ValidationFailed(message, field="q")
    return query


def address_reverse(*, lon: float, lat: float) -> dict[str, Any]:
    """The address at (lon, lat): the addressed building containing the point, else the nearest one within
    REVERSE_RADIUS_M metres, with its street and district (dict: id, name, ref_type, ref_id, street,
    housenumber, distance_m, street_name, district_id, district_name, lon, lat, west, south, east, north).
    Raises NotFound when no addressed building is that near.
    """
    rows = fetch_dicts(
        sql_file("layers", "search_reverse"),
        {"lon": lon, "lat": lat, "radius_m": REVERSE_RADIUS_M, "candidates": REVERSE_CANDIDATES},
    )
    if not rows:
        message = gettext("No address within %(m)d m of this point.") % {"m": REVERSE_RADIUS_M}
        raise NotFound(message)
    return rows[0]
