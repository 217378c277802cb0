from pathlib import Path

from django.db import migrations

SQL = (Path(__file__).resolve().parent.parent / "sql" / "h3_functions.sql").read_text(encoding="utf-8")
DROP = """
DROP FUNCTION IF EXISTS h3_children_max(bigint, int);
DROP FUNCTION IF EXISTS h3_children_min(bigint, int);
DROP FUNCTION IF EXISTS h3_parent(bigint, int);
DROP FUNCTION IF EXISTS h3_res(bigint);
"""


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [migrations.RunSQL(SQL, DROP)]
