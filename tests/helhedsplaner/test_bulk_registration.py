"""The month grid of registrations: each input sits under the header that names it, and
each input's accessible name says its row's date and its column, so a person (or a screen
reader) filling "Børn" on 3 March saves children on 3 March, not a note."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.helhedsplaner.factories import AktivitetFactory, MaalgruppeFactory, report_setup

pytestmark = pytest.mark.django_db

MONTH = {"maaned": "2021-03", "ugedage": ["2"]}  # the Wednesdays of March 2021
FIRST_DAY = datetime.date(2021, 3, 3)


class _Grid(HTMLParser):
    """The grid's column headers and, per body row, its inputs (name, aria-label)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.rows: list[list[tuple[str, str]]] = []
        self._in_th = False
        self._in_body = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "th":
            self._in_th, self._text = True, []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "input" and self._in_body and a.get("type") != "hidden" and self.rows:
            self.rows[-1].append((a.get("name", ""), a.get("aria-label", "")))

    def handle_data(self, data):
        if self._in_th:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "th":
            self.headers.append(" ".join("".join(self._text).split()))
            self._in_th = False
        elif tag == "tbody":
            self._in_body = False


@pytest.fixture
def grid_setup(plan_a, projektleder_a):
    setup = report_setup(plan_a)
    boern, foraeldre = MaalgruppeFactory(navn="Børn"), MaalgruppeFactory(navn="Forældre")
    aktivitet = AktivitetFactory(
        delmaal=setup["delmaal"][0],
        navn="Familiecafé",
        startdato=datetime.date(2019, 1, 15),
        maalgrupper=[boern, foraeldre],
    )
    return aktivitet, boern, foraeldre


def _bulk_url(aktivitet) -> str:
    plan = aktivitet.delmaal.delaftale.helhedsplan
    return reverse("helhedsplaner:registrering_bulk", args=[plan.pk, aktivitet.pk])


def test_each_grid_input_sits_under_its_header_and_names_its_date(client_pl_a, grid_setup):
    aktivitet, boern, foraeldre = grid_setup
    page = client_pl_a.get(_bulk_url(aktivitet), MONTH)
    grid = _Grid()
    grid.feed(page.content.decode())
    expected = {
        "Dato": "dato",
        "Timer": "timer",
        "Børn": f"deltagere_{boern.pk}",
        "Forældre": f"deltagere_{foraeldre.pk}",
        "Note": "note",
    }
    assert sorted(grid.headers) == sorted(expected)
    assert len(grid.rows) == 5  # 3, 10, 17, 24 and 31 March 2021
    for i, row in enumerate(grid.rows):
        assert len(row) == len(grid.headers)
        for header, (name, _label) in zip(grid.headers, row, strict=True):
            assert name == f"form-{i}-{expected[header]}", (header, name)
    first = dict(zip(grid.headers, (label for _name, label in grid.rows[0]), strict=True))
    assert first["Børn"] == "Børn, 3. marts 2021"
    assert first["Note"] == "Note, 3. marts 2021"
    assert first["Dato"] == "Dato, 3. marts 2021"


def test_numbers_typed_under_a_header_are_saved_in_that_column(client_pl_a, grid_setup):
    """Fill the rendered grid as a browser submits it: the value under "Børn" is children."""
    from tests.security.forms import form_posting_to, payload

    aktivitet, boern, foraeldre = grid_setup
    url = _bulk_url(aktivitet)
    page = client_pl_a.get(url, MONTH)
    grid = _Grid()
    grid.feed(page.content.decode())
    data = payload(form_posting_to(page.content.decode(), url, url))
    typed = {"Børn": "12", "Forældre": "8", "Note": "Fastelavn"}
    for header, value in typed.items():
        name = grid.rows[0][grid.headers.index(header)][0]
        data[name] = [value]
    response = client_pl_a.post(url, data)
    assert response.status_code == 302
    saved = aktivitet.registreringer.get(dato=FIRST_DAY)
    assert saved.note == "Fastelavn"
    assert {d.maalgruppe_id: d.antal for d in saved.deltagertal.all()} == {boern.pk: 12, foraeldre.pk: 8}


@pytest.mark.browser
def test_filling_the_grid_by_label_in_the_browser_saves_what_was_typed(
    browser, live_server, grid_setup, projektleder_a
):
    aktivitet, boern, foraeldre = grid_setup
    from tests.conftest import login

    errors: list[str] = []
    page = browser.new_context(locale="da-DK").new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, projektleder_a.username, "hemmelig-kode-123")
    page.goto(f"{live_server.url}{_bulk_url(aktivitet)}")
    page.get_by_label("Måned").select_option(label="marts 2021")
    page.get_by_label("onsdag").check()
    page.get_by_role("button", name="Vis gange").click()
    page.get_by_label("Børn, 3. marts 2021", exact=True).fill("12")
    page.get_by_label("Forældre, 3. marts 2021", exact=True).fill("8")
    page.get_by_label("Note, 3. marts 2021", exact=True).fill("Fastelavn")
    page.get_by_label("Børn, 10. marts 2021", exact=True).fill("5")
    page.get_by_role("button", name="Gem alle gange").click()
    page.wait_for_selector("text=5 gange er registreret.")

    saved = {r.dato: r for r in aktivitet.registreringer.prefetch_related("deltagertal")}
    assert len(saved) == 5
    first, second = saved[FIRST_DAY], saved[datetime.date(2021, 3, 10)]
    assert first.note == "Fastelavn"
    assert {d.maalgruppe_id: d.antal for d in first.deltagertal.all()} == {boern.pk: 12, foraeldre.pk: 8}
    # Zero participants are not stored.
    assert {d.maalgruppe_id: d.antal for d in second.deltagertal.all()} == {boern.pk: 5}
    assert second.note == ""
    assert errors == []
