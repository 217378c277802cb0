"""Writes the read model of public appeal Features (AppealFeature, appeals/sql/feature_triggers.sql)."""

from django.db import connection, transaction

from appeals.workflow import HIDDEN_STATUSES
from geoportal.db import fetch_value, status_test_function


def install_public_test(schema_editor=None) -> None:
    """(Re)creates appeals_public(status): false for appeals.workflow.HIDDEN_STATUSES. The triggers decide
    with it which appeals have a public Feature; after a change of HIDDEN_STATUSES, rebuild_features()."""
    statement = status_test_function("appeals_public", "NOT IN", HIDDEN_STATUSES)
    if schema_editor is not None:
        schema_editor.execute(statement)
    else:
        with connection.cursor() as cur:
            cur.execute(statement)


@transaction.atomic
def rebuild_features() -> int:
    """Writes the Feature of every public appeal again; returns how many. Appeal writes wait for it."""
    install_public_test()
    with connection.cursor() as cur:
        cur.execute("LOCK TABLE appeals_appeal IN SHARE MODE")
    return fetch_value("SELECT appeals_feature_rebuild()")
