"""Pure: the changes between consecutive historical rows of a record, newest first.

A historical row is a dict of the tracked field values (geometry as a GeoJSON dict, EPSG:4326) plus
`history_id`, `history_date`, `history_type` ("+" created, "~" changed, "-" deleted), `history_user`
(a display dict or None) and `history_change_reason`. No database here.
"""

from collections.abc import Sequence

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def field_changes(before: dict | None, after: dict, *, fields: Sequence[str]) -> list[dict]:
    """[{"field", "before", "after"}] for every field in `fields` whose value differs; `before` None is
    the first row of the history: every non-empty value is listed with before None."""
    changes = []
    for name in fields:
        old = None if before is None else before.get(name)
        new = after.get(name)
        if old != new and not (before is None and new in (None, "", {}, [])):
            changes.append({"field": name, "before": old, "after": new})
    return changes


def history_entries(rows: Sequence[dict], *, fields: Sequence[str]) -> list[dict]:
    """The history of one record from its rows ordered oldest first → entries newest first:
    {"id", "date", "type", "user", "reason", "changes"}. A save that changed nothing tracked is left out."""
    entries = []
    previous = None
    for row in rows:
        changes = field_changes(previous, row, fields=fields)
        if changes or row["history_type"] != "~":
            entries.append(
                {
                    "id": row["history_id"],
                    "date": row["history_date"],
                    "type": HISTORY_TYPES.get(row["history_type"], row["history_type"]),
                    "user": row["history_user"],
                    "reason": row["history_change_reason"] or "",
                    "changes": changes,
                }
            )
        previous = row
    entries.reverse()
    return entries
