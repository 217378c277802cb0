"""The front end's strings (frontend/src/messages.ts): Russian and English have the same keys, and every
literal key the shell and the resident panels pass to t() exists."""

import re

from tests.frontend.conftest import FRONTEND

MESSAGES = FRONTEND / "src" / "messages.ts"
KEY = re.compile(r'^\s*"([a-zA-Z0-9_.]+)":\s*"', re.M)
CALL = re.compile(r"""\bt\(\s*["']([a-zA-Z0-9_.]+)["']""")
# The plug-ins (planner, operator) bring their own strings with addMessages().
PLUGINS = ("planner", "operator")


def catalogues() -> tuple[list[str], list[str]]:
    text = MESSAGES.read_text(encoding="utf-8")
    ru, en = text.split("export const EN")
    return KEY.findall(ru), KEY.findall(en)


def test_russian_and_english_have_the_same_keys_in_the_same_order():
    ru, en = catalogues()

    assert len(ru) > 100 and len(set(ru)) == len(ru)
    assert ru == en


def test_every_key_passed_to_t_exists():
    ru, _ = catalogues()
    sources = [
        path
        for path in (FRONTEND / "src").rglob("*.ts")
        if not any(part in PLUGINS for part in path.relative_to(FRONTEND / "src").parts)
    ]
    used = {key for path in sources for key in CALL.findall(path.read_text(encoding="utf-8"))}

    assert len(used) > 50
    assert used <= set(ru), sorted(used - set(ru))
