"""The main flows with the keyboard only (Tab, Enter, Space, typing), in Chromium: every
element that takes focus on the way shows it, and an invalid form announces its errors
(focus on the error summary at the top; each field linked to its message).

Register a session → submit a status report → the følgegruppe accepts it → the board
approves it → a board member reads the dashboard and asks a question on a criterion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplaner.models import Aktivitetsregistrering, Statusrapport
from tests.security.conftest import build_world

from .pages import browser_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The focused element, and whether it shows focus: an outline or a focus shadow.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const label = el.labels && el.labels.length ? el.labels[0].innerText.trim() : '';
  return {
    tag: el.tagName, id: el.id, label: label,
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    summary: el.hasAttribute('data-error-summary'),
    visible: outline || !!shadow,
  };
}"""


def tab_to(page, wanted, *, limit: int = 250, back: bool = False) -> dict:
    """Press Tab until ``wanted(focused)`` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None, "focus fell back to the page"
        assert focused["visible"], f"no visible focus on {focused} at {page.url}"
        if wanted(focused):
            return focused
    raise AssertionError(f"{limit} tabs did not reach the element at {page.url}")


def text(value: str):
    return lambda f: f["text"] == value


def field(element_id: str):
    return lambda f: f["id"] == element_id


@pytest.fixture
def world(live_server, demo_data):
    return build_world()


def open_as(browser, live_server, world, persona: str, path: str):
    context = browser_context(browser, live_server, world, persona)
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    return context, page


def test_main_flows_with_the_keyboard_only(browser, live_server, world):
    plan, ids = world.plan_a, world.ids

    # 1. The projektleder registers a session; a wrong number is announced, then corrected.
    before = Aktivitetsregistrering.objects.filter(aktivitet_id=ids["aktivitet_pk"]).count()
    context, page = open_as(
        browser,
        live_server,
        world,
        "projektleder",
        reverse("helhedsplaner:aktivitet_detail", args=[plan.pk, ids["aktivitet_pk"]]),
    )
    tab_to(page, text("Registrér gang"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, field("id_timer"))
    page.keyboard.press("Control+A")
    page.keyboard.type("mange")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form from the field
    focused = page.evaluate(FOCUSED)
    assert focused["summary"], f"focus is not on the error summary but on {focused}"
    assert focused["visible"]
    summary = page.locator("[data-error-summary]")
    assert "Timer" in summary.inner_text()
    timer = page.locator("#id_timer")
    assert timer.get_attribute("aria-invalid") == "true"
    described = timer.get_attribute("aria-describedby").split()
    messages = " ".join(page.locator(f"#{i}").inner_text() for i in described)
    assert "tal" in messages.lower(), messages  # "Indtast et tal."
    tab_to(page, lambda f: f["tag"] == "A" and f["text"] == "Timer")  # the summary's link
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "id_timer"
    page.keyboard.press("Control+A")
    page.keyboard.type("2,5")
    tab_to(page, text("Gem"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    regs = Aktivitetsregistrering.objects.filter(aktivitet_id=ids["aktivitet_pk"])
    assert regs.count() == before + 1
    assert regs.order_by("-pk").first().timer == Decimal("2.5")

    # 2. The projektleder writes and submits the draft status report.
    rapport_pk = ids["rapport_kladde"]
    page.goto(f"{live_server.url}{reverse('helhedsplaner:statusrapport_update', args=[plan.pk, rapport_pk])}")
    tab_to(page, field("id_fortaelling"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Aktiviteterne kører efter planen; lektiecaféen har flere deltagere end sidste år.")
    tab_to(page, text("Gem og indsend"))
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert Statusrapport.objects.get(pk=rapport_pk).status == Statusrapport.Status.INDSENDT
    context.close()

    # 3. The følgegruppe accepts it; 4. the board approves and locks it.
    detail = reverse("helhedsplaner:statusrapport_detail", args=[plan.pk, rapport_pk])
    for persona, button, status in (
        ("group_member", "Acceptér rapporten", Statusrapport.Status.ACCEPTERET),
        ("board_member", "Godkend og lås", Statusrapport.Status.LAAST),
    ):
        context, page = open_as(browser, live_server, world, persona, detail)
        tab_to(page, text(button))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert Statusrapport.objects.get(pk=rapport_pk).status == status, persona
        context.close()

    # 5. A board member reads the dashboard (a chart's data as a table) and asks a question.
    context, page = open_as(
        browser, live_server, world, "board_member", reverse("bestyrelser:dashboard", args=[plan.pk])
    )
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Spring til indhold"
    page.keyboard.press("Enter")
    tab_to(page, text("Vis data som tabel"))
    page.keyboard.press("Enter")
    assert page.locator("details[open] table").first.is_visible()
    tab_to(page, text("Stil et spørgsmål eller svar"))
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["tag"] == "TEXTAREA")
    page.keyboard.type("Hvorfor falder kurven i 2022?")
    tab_to(page, text("Send"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Kommentaren er gemt.").is_visible()
    assert page.get_by_text("Hvorfor falder kurven i 2022?").first.is_visible()
    context.close()
