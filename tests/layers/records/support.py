"""Helpers of the record tests: placing points at known distances, clients logged in as a user."""

from django.test import Client

M_PER_DEG_LAT = 110574.0  # metres per degree of latitude at 45° N (WGS84), enough for placing test points


def north_of(geom, metres: float) -> tuple[float, float]:
    """(lon, lat) `metres` north of the northernmost point of `geom` (EPSG:4326), on its centre meridian."""
    west, south, east, north = geom.extent
    return ((west + east) / 2, north + metres / M_PER_DEG_LAT)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
