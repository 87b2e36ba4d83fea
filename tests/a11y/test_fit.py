"""Issue 18: what the screenshot review found, measured in Chromium.

- The board dashboard's charts lie inside their cards at 390 px, also after the window was
  narrowed from 1366 px (plotly's responsive resize used to shrink every chart to the CSS
  min-height of its container and let it spill over the links and the card below), and a
  chart's plot keeps its height under a legend that wraps onto more lines.
- LBF's top menu is one line at 1366 px and ends inside its container.
- A plan's budget amount never breaks inside the number at 390 px.
- LBF's overview at 1280 and 1366 px scrolls sideways inside its card, with the plan name fixed
  and the scrollbar on screen (the wrapper is at most a window high).
"""

from __future__ import annotations

import contextlib

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.security.conftest import build_world

from .pages import DESKTOP, PHONE, SCROLL_WIDTH, TOLERANCE, browser_context

#: The top menu's visible items: their middles, those on two lines, how far right they reach.
MENU = """() => {
  const nav = document.querySelector('nav.portal-navbar'), c = nav.querySelector('.container-xl');
  const items = [...nav.querySelectorAll('.nav-link, button, form, .small')].filter(e => e.offsetParent);
  const box = e => e.getBoundingClientRect();
  return {
    tops: [...new Set(items.map(e => Math.round(box(e).top + box(e).height / 2)))],
    lines: items.filter(e => e.getClientRects().length > 1 || box(e).height > 44)
      .map(e => e.textContent.trim()),
    right: Math.max(...items.map(e => box(e).right)), end: box(c).right,
  };
}"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Charts whose drawing sticks out of their container or card, or whose plot is squashed.
CHARTS_OUTSIDE = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(el => {
  const svg = el.querySelector('svg.main-svg'), card = el.closest('.card-body');
  if (!svg || !card) return true;
  const s = svg.getBoundingClientRect(), c = el.getBoundingClientRect(), k = card.getBoundingClientRect();
  const plot = el._fullLayout ? el._fullLayout._size.h : 0;
  return s.bottom > c.bottom + 2 || s.right > c.right + 2 || c.bottom > k.bottom + 2 ||
    c.right > k.right + 2 || c.left < k.left - 2 || plot < 90;
}).map(el => el.dataset.figure + ' ' +
  Math.round(el.querySelector('svg.main-svg')?.getBoundingClientRect().height) + '/' +
  Math.round(el.getBoundingClientRect().height) + ' plot ' + Math.round(el._fullLayout?._size.h))"""

#: Charts that overlap the next thing in their card (the table link, the next chart).
CHARTS_OVERLAPPING = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(el => {
  const next = (el.closest('figure') || el).nextElementSibling || el.closest('figure')?.nextElementSibling;
  if (!next) return false;
  const svg = el.querySelector('svg.main-svg').getBoundingClientRect();
  return svg.bottom > next.getBoundingClientRect().top + 2;
}).map(el => el.dataset.figure)"""


@pytest.fixture
def world(live_server, demo_data):
    return build_world()


def _charts_settle(page) -> None:
    with contextlib.suppress(PlaywrightTimeout):  # measured as they are, below
        page.wait_for_function(f"() => ({CHARTS_OUTSIDE})().length === 0", timeout=10_000)


def test_screens_of_issue_18_fit(browser, live_server, world):
    # The board dashboard on a phone: loaded there, and narrowed from a desktop.
    url = live_server.url + reverse("bestyrelser:dashboard", args=[world.plan_a.pk])
    context = browser_context(browser, live_server, world, "board_member")
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.wait_for_selector("[data-figure] svg.main-svg")
    assert page.locator(".js-plotly-plot").count() >= 6
    _charts_settle(page)
    assert page.evaluate(CHARTS_OUTSIDE) == []
    assert page.evaluate(CHARTS_OVERLAPPING) == []
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    page.wait_for_selector("[data-figure] svg.main-svg")
    assert page.evaluate(CHARTS_OUTSIDE) == []
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    _charts_settle(page)
    assert page.evaluate(CHARTS_OUTSIDE) == []
    assert page.evaluate(CHARTS_OVERLAPPING) == []
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"] + TOLERANCE
    # The styringsstreng's boxes are drawn whole (their strokes inside the viewBox).
    box = page.evaluate("() => document.querySelector('svg.diagram').viewBox.baseVal.x")
    assert box < 0
    context.close()

    # The budget on the plan's page: the amount on one line, inside its card.
    context = browser_context(browser, live_server, world, "projektleder")
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("helhedsplaner:plan_detail", args=[world.plan_a.pk]))
    amounts = page.evaluate(
        """() => [...document.querySelectorAll('.kpi .text-nowrap')].map(s => {
          const card = s.closest('.card-body').getBoundingClientRect(), r = s.getBoundingClientRect();
          return [s.textContent, s.getClientRects().length, r.right <= card.right + 2];
        })"""
    )
    assert amounts and all(lines == 1 and inside for _text, lines, inside in amounts), amounts
    context.close()

    # LBF: the menu on one line, the overview scrolling inside its card with the name fixed.
    context = browser_context(browser, live_server, world, "lbf")
    page = context.new_page()
    for size in ({"width": 1280, "height": 900}, DESKTOP):
        page.set_viewport_size(size)
        page.goto(live_server.url + reverse("tilsyn:overview"))
        menu = page.evaluate(MENU)
        assert menu["lines"] == [], menu
        assert max(menu["tops"]) - min(menu["tops"]) <= 4, menu  # one row
        assert menu["right"] <= menu["end"] + TOLERANCE, menu
        assert page.evaluate(SCROLL_WIDTH) <= size["width"] + TOLERANCE
        table = page.evaluate(
            """() => { const t = document.querySelector('#oversigt'), w = t.parentElement;
              const before = t.querySelector('thead th').getBoundingClientRect().left;
              w.scrollLeft = w.scrollWidth;
              const cell = t.querySelector('tbody td').getBoundingClientRect().left;
              const last = [...t.querySelectorAll('thead th')].pop().getBoundingClientRect();
              return {overflow: getComputedStyle(w).overflowX, fits: t.scrollWidth <= w.clientWidth,
                      wrapLeft: w.getBoundingClientRect().left, before, cell,
                      wrapRight: w.getBoundingClientRect().right, lastRight: last.right,
                      wrapHeight: w.getBoundingClientRect().height, window: innerHeight}; }"""
        )
        assert table["overflow"] in ("auto", "scroll"), table
        if not table["fits"]:
            assert abs(table["cell"] - table["wrapLeft"]) <= TOLERANCE, table  # the plan name stays
            assert table["lastRight"] <= table["wrapRight"] + TOLERANCE, table  # the last column is reached
            assert table["wrapHeight"] <= table["window"], table  # its scrollbar is on screen
    context.close()
