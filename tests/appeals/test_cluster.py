"""manage.py cluster_appeals stores appeals in the order of their GiST index (found whatever its name)."""

from django.core.management import call_command

from geoportal.db import fetch_value

CLUSTERED_ON = """
SELECT am.amname || ':' || a.attname
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = 'appeals_appeal'::regclass AND i.indisclustered
"""


def test_cluster_appeals_marks_the_gist_index_on_geom(db, capsys):
    assert fetch_value(CLUSTERED_ON) is None

    call_command("cluster_appeals")

    assert fetch_value(CLUSTERED_ON) == "gist:geom"
    assert "clustered" in capsys.readouterr().out
