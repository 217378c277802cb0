"""One row per res-12 cell and kind (was: and status), with the public / open / answered / closed counts and
the cell's point in EPSG:3857: an appeals tile at z14–15 becomes one GiST range read (docs/ARCHITECTURE.md,
"Tension")."""

from pathlib import Path

import django.contrib.gis.db.models.fields
from django.db import migrations, models

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
TRIGGERS = (SQL_DIR / "rollup_triggers.sql").read_text(encoding="utf-8")
REBUILD = (SQL_DIR / "pointcell_rebuild.sql").read_text(encoding="utf-8")


def install_sql_settings(apps, schema_editor):
    from tension.services.rollup import install_time_zone

    install_time_zone(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("tension", "0007_monthly_rollup"),
    ]

    operations = [
        migrations.DeleteModel(name="TensionPointCell"),
        migrations.CreateModel(
            name="TensionPointCell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cell", models.BigIntegerField(verbose_name="H3 cell (res 12)")),
                (
                    "kind",
                    models.CharField(
                        choices=[("issue", "issue"), ("proposal", "proposal")],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("n", models.IntegerField(default=0, verbose_name="appeals")),
                ("public", models.IntegerField(default=0, verbose_name="public appeals")),
                ("open", models.IntegerField(default=0, verbose_name="open")),
                ("answered", models.IntegerField(default=0, verbose_name="answered")),
                ("closed", models.IntegerField(default=0, verbose_name="closed")),
                ("point", django.contrib.gis.db.models.fields.PointField(srid=3857, verbose_name="location")),
            ],
            options={
                "verbose_name": "appeals per small cell",
                "verbose_name_plural": "appeals per small cell",
                "constraints": [
                    models.UniqueConstraint(fields=("cell", "kind"), name="tension_pointcell_key")
                ],
            },
        ),
        migrations.RunPython(install_sql_settings, migrations.RunPython.noop),
        migrations.RunSQL(TRIGGERS + REBUILD, migrations.RunSQL.noop),
    ]
