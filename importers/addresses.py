"""Pure address formatting, Russian style: "Дивизионная улица, 5"."""


def format_address(street: str | None, housenumber: str | None) -> str:
    """ "<street>, <house number>" from the parts that are present (either may be empty or None)."""
    parts = [str(p).strip() for p in (street, housenumber) if p is not None and str(p).strip()]
    return ", ".join(parts)
