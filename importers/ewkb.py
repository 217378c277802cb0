"""Pure WKB → EWKB: PostGIS reads hex EWKB (WKB with an SRID) in COPY text input."""

import struct

SRID_FLAG = 0x20000000


def ewkb_hex(wkb: bytes | str, srid: int = 4326) -> str:
    """Hex EWKB of an OGC / ISO / extended WKB geometry (bytes or hex text), with `srid` set.

    Only the outer header changes: the SRID flag is set on the type and the SRID inserted after it (or
    replaced when one is there). PostGIS reads ISO type codes (1003, 3006…) with the flag as well.
    Raises ValueError for input shorter than a WKB header.
    """
    data = bytes.fromhex(wkb) if isinstance(wkb, str) else bytes(wkb)
    if len(data) < 5 or data[0] not in (0, 1):
        raise ValueError("not a WKB geometry")
    order = "<" if data[0] == 1 else ">"
    (wkb_type,) = struct.unpack_from(order + "I", data, 1)
    body = data[9:] if wkb_type & SRID_FLAG else data[5:]
    header = data[:1] + struct.pack(order + "II", wkb_type | SRID_FLAG, srid)
    return (header + body).hex()
