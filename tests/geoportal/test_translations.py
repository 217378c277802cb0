"""Russian first: every message of the catalogue has its Russian text, none left fuzzy or empty
(regenerate with the command in the catalogue's header, then translate what it added)."""

import subprocess
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _entries(*flags: str) -> list[str]:
    """The entries msgattrib selects with `flags`, the header left out."""
    out = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", "--no-location", str(CATALOGUE)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [entry for entry in out.split("\n\n") if "msgid" in entry and "Project-Id-Version" not in entry]


def test_every_message_is_translated_into_russian():
    assert _entries("--untranslated") == []
    assert _entries("--only-fuzzy") == []
    assert len(_entries("--translated")) > 800


def test_the_catalogue_compiles_with_matching_placeholders():
    subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(CATALOGUE)], check=True)
