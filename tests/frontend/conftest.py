"""The front-end tests read the built bundle: frontend/dist must exist (scripts/bootstrap.sh builds it)."""

from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
DIST = FRONTEND / "dist"


@pytest.fixture(scope="session")
def dist() -> Path:
    if not (DIST / "main.js").is_file():
        pytest.fail(f"{DIST / 'main.js'} is missing: run `npm ci && npm run build` in {FRONTEND}")
    return DIST
