"""Counts the features of a Mapbox Vector Tile, per layer — enough protobuf to check that none was dropped.

No dependency: the tile is walked field by field (vector_tile.proto 2.1: Tile.layers = 3; Layer.name = 1,
features = 2, extent = 5; Feature.geometry = 4 as packed commands). A point feature counts as *inside*
when one of its points lies in 0..extent on both axes (the tile itself, not its buffer).
"""

import gzip


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, i
        shift += 7


def _fields(buf: bytes):
    """(field number, wire type, value) of one protobuf message; value is bytes for length-delimited."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 2:
            size, i = _varint(buf, i)
            value, i = buf[i : i + size], i + size
        elif wire == 1:
            value, i = buf[i : i + 8], i + 8
        elif wire == 5:
            value, i = buf[i : i + 4], i + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, value


def _points(geometry: bytes):
    """The absolute (x, y) of every vertex of a packed geometry (MoveTo / LineTo; ClosePath skipped)."""
    ints = []
    i = 0
    while i < len(geometry):
        value, i = _varint(geometry, i)
        ints.append(value)
    x = y = 0
    k = 0
    while k < len(ints):
        command, count = ints[k] & 7, ints[k] >> 3
        k += 1
        if command == 7:
            continue
        for _ in range(count):
            dx, dy = ints[k], ints[k + 1]
            k += 2
            x += (dx >> 1) ^ -(dx & 1)
            y += (dy >> 1) ^ -(dy & 1)
            yield x, y


def layer_counts(tile: bytes) -> dict[str, dict[str, int]]:
    """{layer name: {"features": all, "inside": those with a vertex inside the tile}} of an MVT (gzip ok)."""
    if tile[:2] == b"\x1f\x8b":
        tile = gzip.decompress(tile)
    layers: dict[str, dict[str, int]] = {}
    for number, _, layer in _fields(tile):
        if number != 3:
            continue
        name, extent, features = "", 4096, []
        for field, _, value in _fields(layer):
            if field == 1:
                name = value.decode("utf-8")
            elif field == 5:
                extent = value
            elif field == 2:
                features.append(value)
        inside = 0
        for feature in features:
            geometry = next((v for f, _, v in _fields(feature) if f == 4), b"")
            if any(0 <= x <= extent and 0 <= y <= extent for x, y in _points(geometry)):
                inside += 1
        counts = layers.setdefault(name, {"features": 0, "inside": 0})
        counts["features"] += len(features)
        counts["inside"] += inside
    return layers
