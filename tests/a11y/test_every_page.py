"""Every page of the access table in Chromium (one browser, one login per persona):

- axe-core finds no serious or critical violation (WCAG 2.1 AA rules);
- at 390 px wide (a phone) the page does not scroll sideways: wide tables scroll inside
  their own wrapper.

With ``A11Y_SHOTS=<dir>`` the sweep also saves a screenshot of every page at 1366 and
390 px (to look at, as a user would); ``A11Y_ONLY=<parts of row ids, comma-separated>`` sweeps only those
rows (while fixing a page). Wide desktop pages (1366 px) must not scroll sideways either.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tests.conftest import skip_unless_available
from tests.security.conftest import build_world

from .pages import (
    AXE,
    AXE_SERIOUS,
    DESKTOP,
    OVERFLOWING,
    PHONE,
    SCROLL_WIDTH,
    TOLERANCE,
    browser_context,
    html_pages,
    wait_for_charts,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(live_server, demo_data):
    return build_world()


# Pages not swept, with why: not our markup.
NOT_OURS = {"api:openapi-view": "django-ninja's bundled Swagger UI (the API is also in docs/api.md)"}


def test_every_page_passes_axe_and_fits_a_phone(browser, live_server, world):
    skip_unless_available(AXE.exists(), f"axe-core is not installed at {AXE} (npm install axe-core)")
    started = time.monotonic()
    pages, skipped = html_pages(world)
    pages = [p for p in pages if p.case_id not in NOT_OURS]
    only = os.environ.get("A11Y_ONLY")  # a substring of case ids: sweep a few pages while fixing
    if only:
        pages = [p for p in pages if any(part in p.case_id for part in only.split(","))]
    shots = Path(os.environ["A11Y_SHOTS"]) if os.environ.get("A11Y_SHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    axe_found: dict[str, list[str]] = {}
    too_wide: dict[str, tuple] = {}
    contexts: dict = {}
    for page_spec in pages:
        if page_spec.persona not in contexts:
            context = browser_context(browser, live_server, world, page_spec.persona)
            contexts[page_spec.persona] = (context, context.new_page())
        _context, page = contexts[page_spec.persona]
        page.set_viewport_size(DESKTOP)
        response = page.goto(f"{live_server.url}{page_spec.url}", wait_until="load")
        assert response is not None and response.status == 200, f"{page_spec}: {response and response.status}"
        if page.locator("[data-figure]").count():
            page.wait_for_selector("[data-figure] svg.main-svg")
        name = re.sub(r"[^a-z0-9]+", "-", page_spec.case_id.lower()).strip("-")
        if shots:
            page.screenshot(path=str(shots / f"{name}-1366.png"), full_page=True)
        width = page.evaluate(SCROLL_WIDTH)
        if width > DESKTOP["width"] + TOLERANCE:
            too_wide[f"{page_spec.case_id} {page_spec.url} at {DESKTOP['width']} px"] = (
                width,
                page.evaluate(OVERFLOWING),
            )
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_SERIOUS)
        if violations:
            axe_found[f"{page_spec.case_id} {page_spec.url} ({page_spec.persona})"] = violations
        page.set_viewport_size(PHONE)
        wait_for_charts(page)
        width = page.evaluate(SCROLL_WIDTH)
        if width > PHONE["width"] + TOLERANCE:
            too_wide[f"{page_spec.case_id} {page_spec.url} at {PHONE['width']} px"] = (
                width,
                page.evaluate(OVERFLOWING),
            )
        if shots:
            page.screenshot(path=str(shots / f"{name}-390.png"), full_page=True)
    for context, _page in contexts.values():
        context.close()
    print(  # noqa: T201 - the sweep's size and duration, for the CI log
        f"\n{len(pages)} pages swept in {time.monotonic() - started:.0f} s; "
        f"left out (not an HTML page): {sorted(skipped)}"
    )
    for key, found in {**axe_found, **too_wide}.items():
        print(key, found)  # noqa: T201 - every finding, not pytest's truncated diff
    assert only or len(pages) >= 40, f"the sweep found too few pages: {skipped}"
    assert axe_found == {}
    assert too_wide == {}
