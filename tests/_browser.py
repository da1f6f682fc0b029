"""Headless Chromium for the tests of offline pages (Debian's /usr/bin/chromium driven by
Playwright, no browser download): the ``playwright`` and ``browser`` fixtures (registered
by ``tests/conftest.py``) and :func:`open_page`, which records every request that would
leave the page and every console error.

Under ``CI=true`` a missing Chromium or Playwright is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(msg: str) -> None:
    if CI:
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def playwright():
    if CHROMIUM is None:
        unavailable("Debian chromium is not installed (scripts/ensure-test-tools installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield b
    b.close()


class Watch:
    """What the page did besides being read: console errors, requests it tried."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []


def open_page(browser: Any, path: Path, *, width: int = 1280, height: int = 900
              ) -> tuple[Any, Any, Watch]:
    """(context, page, watch) of `path` opened at this viewport; any request but the page
    itself is recorded in ``watch.outside`` and aborted."""
    context = browser.new_context(viewport={"width": width, "height": height})
    watch = Watch()
    own = path.as_uri()

    def route(r: Any) -> None:  # every request goes through here; only the page may load
        if r.request.url == own:
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and watch.errors.append(m.text))
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("request", lambda r: r.url not in (own,) and not r.url.startswith("data:")
            and watch.outside.append(r.url))
    page.goto(own)
    page.wait_for_load_state("load")
    return context, page, watch
