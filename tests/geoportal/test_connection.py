"""Every connection plans for many short queries (geoportal/settings.py): no JIT, no parallel workers —
the private cluster itself has PostgreSQL's defaults (JIT on, two workers per gather)."""

import pytest

from geoportal.db import fetch_value


@pytest.mark.django_db
def test_connections_start_without_jit_or_parallel_workers():
    assert fetch_value("SHOW jit") == "off"
    assert fetch_value("SHOW max_parallel_workers_per_gather") == "0"
