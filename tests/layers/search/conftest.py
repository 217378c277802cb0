"""Shared set-up for the search tests: messages in English (the msgids; the site default is Russian)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
