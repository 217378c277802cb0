"""Debian's Chromium for Playwright: the browser of the web tests and of bench/web_load.py (pure, no
Django). Never a downloaded browser: `scripts/bootstrap.sh --test` apt-installs `chromium`."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing of Chromium's own that would call out (updates, sync, safe-browsing lists…).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """A Chromium browser from a started `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
