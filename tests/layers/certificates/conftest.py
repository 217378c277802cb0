"""The certificate tests share the records' world (tests/layers/records/conftest.py)."""

from tests.layers.records.conftest import town, world  # noqa: F401
