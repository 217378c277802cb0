"""The rollup triggers on appeals_appeal, tension_tz(), and a first rollup of the appeals already there."""

from pathlib import Path

from django.db import migrations

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
TRIGGERS = (SQL_DIR / "rollup_triggers.sql").read_text(encoding="utf-8")
REBUILD = (SQL_DIR / "rollup_rebuild.sql").read_text(encoding="utf-8")
DROP = """
DROP TRIGGER IF EXISTS tension_rollup_ins ON appeals_appeal;
DROP TRIGGER IF EXISTS tension_rollup_del ON appeals_appeal;
DROP TRIGGER IF EXISTS tension_rollup_upd ON appeals_appeal;
DROP FUNCTION IF EXISTS tension_rollup_after_insert();
DROP FUNCTION IF EXISTS tension_rollup_after_delete();
DROP FUNCTION IF EXISTS tension_rollup_after_update();
DROP FUNCTION IF EXISTS tension_register_cells(bigint[]);
DROP FUNCTION IF EXISTS tension_tz();
"""


def install_time_zone(apps, schema_editor):
    from tension.services.rollup import install_time_zone as install

    install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("tension", "0002_tension_models"), ("appeals", "0004_escalation_level_db_default")]
    operations = [
        migrations.RunPython(install_time_zone, migrations.RunPython.noop),
        migrations.RunSQL(TRIGGERS + REBUILD, DROP),
    ]
