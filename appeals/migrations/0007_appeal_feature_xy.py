"""The read model's plane point `xy` (lon, lat) with a GiST index for index-only bbox pages, carried by
the (kind, id) index for the id-order walk. The triggers of appeals/sql/feature_triggers.sql write it
from now on (installed again here) and the read model is rebuilt, which also writes the rows of a database
that came from 0004 with appeals (0005 no longer rebuilds: its functions are today's and need `xy`)."""

from pathlib import Path

import django.contrib.postgres.indexes
from django.db import migrations, models

import appeals.models

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
FUNCTIONS = (SQL_DIR / "feature_functions.sql").read_text(encoding="utf-8")
TRIGGERS = (SQL_DIR / "feature_triggers.sql").read_text(encoding="utf-8")


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0006_event_outbox_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="appealfeature",
            name="xy",
            field=appeals.models.PlanePointField(
                editable=False, null=True, verbose_name="longitude, latitude"
            ),
        ),
        migrations.RunSQL(FUNCTIONS + TRIGGERS + "SELECT appeals_feature_rebuild();", migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="appealfeature",
            name="xy",
            field=appeals.models.PlanePointField(editable=False, verbose_name="longitude, latitude"),
        ),
        migrations.RemoveIndex(model_name="appealfeature", name="appeals_feature_kind_idx"),
        migrations.AddIndex(
            model_name="appealfeature",
            index=models.Index(fields=["kind", "id"], include=["xy"], name="appeals_feature_kind_idx"),
        ),
        migrations.AddIndex(
            model_name="appealfeature",
            index=django.contrib.postgres.indexes.GistIndex(
                fields=["xy"], include=["id", "kind"], buffering=True, name="appeals_feature_xy_idx"
            ),
        ),
    ]
