"""The pages of the access table, for the browser sweeps: every GET page (HTML, not an
export, a download or a JSON answer) with one persona that may see it.

Driven by ``tests/security/table.py``: a new URL with a row there is swept without a change
here. Which answers are pages is asked of the server (status 200, ``text/html``), so
exports, files, health checks and redirects drop out by what they are, not by a list.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from tests.security.table import CASES
from tests.security.urls import case_url

AXE = Path(os.environ.get("AXE_CORE_PATH", Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"))

# The persona who shows a page: the first of these that may GET it. The projektleder sees
# the most of a plan; LBF the national pages; anonymous only the public ones.
PREFERENCE = ("projektleder", "formand", "board_member", "group_member", "lbf", "admin", "member_b", "anon")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TOLERANCE = 2  # px: rounding of sub-pixel borders


@dataclass(frozen=True)
class Page:
    case_id: str
    persona: str
    url: str


def persona_for(case) -> str | None:
    if not case.get:
        return None
    if case.public and "anon" in case.get:  # the login page, the survey's thank-you page
        return "anon"
    return next((p for p in PREFERENCE if p in case.get), None)


def html_pages(world) -> tuple[list[Page], dict[str, str]]:
    """(the pages to sweep, the GET rows left out with the reason: for the test's report)."""
    pages, skipped = [], {}
    for case in CASES:
        persona = persona_for(case)
        if persona is None:
            continue
        url = case_url(case, world)
        response = world.client(persona).get(url)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith("text/html"):
            skipped[case.id] = f"{response.status_code} {kind}"
            continue
        pages.append(Page(case.id, persona, url))
    return pages, skipped


def browser_context(browser, live_server, world, persona: str):
    """A context logged in as ``persona`` (the world's session: one login per persona),
    allowed to inject axe-core past the Content-Security-Policy."""
    context = browser.new_context(bypass_csp=True, viewport=DESKTOP)
    if persona != "anon":
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": world.sessions[persona], "url": live_server.url}]
        )
    return context


AXE_SERIOUS = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".filter(v => ['serious', 'critical'].includes(v.impact))"
    ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
)

# How far the page scrolls sideways (the document, not a table's own scrolling wrapper).
SCROLL_WIDTH = "document.scrollingElement.scrollWidth"

# What sticks out on the right, outside any scrolling wrapper: the first few, to fix.
#: True once every plotly chart has re-laid itself out to its container (plotly's responsive
#: resize is debounced: under load a fixed pause measured the charts at their old width).
CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(el => {
  const svg = el.querySelector('svg.main-svg');
  return !svg || svg.getBoundingClientRect().width <= el.parentElement.clientWidth + 2;
})"""


def wait_for_charts(page, timeout_ms: int = 10_000) -> None:
    """Let the charts follow a viewport change; a chart that never does is measured as it is."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(CHARTS_FIT, timeout=timeout_ms)


OVERFLOWING = """() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 2) continue;
    let p = el.parentElement, inside = false;
    for (; p && p !== document.body; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(overflow)) { inside = true; break; }
    }
    if (!inside) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '') + ' ' + Math.round(r.right));
  }
  return out.slice(-4);
}"""
