"""Danish date entry (issue 18): every date field in the portal is typed and shown as
dd.mm.åååå whatever the browser's language, and parses what Danes type."""

from __future__ import annotations

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from helhedsplaner.models import Aktivitet
from portal import params
from portal.fields import CalendarDateTimeField, DateField
from tests.conftest import login
from tests.helhedsplaner.factories import AktivitetFactory, DelmaalFactory

FEB_1 = datetime.date(2025, 2, 1)


DANISH = ["1.2.2025", "01.02.2025", "01-02-2025", "1-2-2025", "01/02/2025", " 1.2.2025 ", "2025-02-01"]
WRONG = ["2.1.2025x", "1.2-2025", "31.2.2025", "1.2.25", "02/01/2025/", "１.２.２０２５", "1..2.2025"]


@pytest.mark.parametrize("typed", DANISH)
def test_dates_are_read_as_danes_type_them(typed):
    assert params.parse_date(typed) == FEB_1
    assert DateField().clean(typed) == FEB_1


@pytest.mark.parametrize("typed", WRONG)
def test_a_date_in_no_known_shape_is_a_danish_error(typed):
    with pytest.raises(forms.ValidationError) as error:
        DateField().clean(typed)
    assert error.value.messages == ["Skriv datoen som dd.mm.åååå, fx 01.02.2025."]


@pytest.mark.parametrize("typed", ["31.12.1899", "1.1.2101", "0001-01-01", "31.12.9999"])
def test_the_calendar_range_still_holds(typed):
    with pytest.raises(forms.ValidationError) as error:
        DateField().clean(typed)
    assert error.value.messages == ["Datoen skal ligge mellem 1900 og 2100."]
    assert params.parse_date(typed) is None


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_field_shows_dd_mm_yyyy_in_every_language(language):
    class Form(forms.Form):
        dato = DateField(label="Dato")

    with translation.override(language):
        html = str(Form(initial={"dato": FEB_1})["dato"])
        assert DateField().clean("1.2.2025") == FEB_1
    assert 'type="text"' in html
    assert 'value="01.02.2025"' in html
    assert "pattern=" in html
    assert 'placeholder="dd.mm.' in html


def _form_classes():
    for config in apps.get_app_configs():
        if config.module.__name__.split(".")[0] not in {
            "helhedsplaner",
            "bestyrelser",
            "monitorering",
            "tilsyn",
            "enighed",
            "portal",
        }:
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


# A month, not a date: the bulk registration picks a month (<input type="month">).
NOT_A_DAY = {("helhedsplaner.forms", "MaanedForm", "maaned")}


def test_every_date_field_of_every_form_is_the_portals_date_field():
    seen = 0
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            if (cls.__module__, cls.__name__, name) in NOT_A_DAY:
                continue
            if isinstance(field, forms.DateTimeField):
                assert isinstance(field, CalendarDateTimeField), f"{cls.__name__}.{name}"
            elif isinstance(field, forms.DateField):
                assert isinstance(field, DateField), f"{cls.__module__}.{cls.__name__}.{name}"
                seen += 1
    assert seen >= 8  # the walk found the forms it should


def test_no_template_uses_a_native_date_input():
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "templates"
    offenders = [str(p) for p in root.rglob("*.html") if 'type="date"' in p.read_text(encoding="utf-8")]
    assert offenders == []


@pytest.fixture
def aktivitet(plan_a):
    plan_a.startdato, plan_a.slutdato = datetime.date(2024, 1, 1), datetime.date(2027, 12, 31)
    plan_a.save(update_fields=["startdato", "slutdato"])
    delmaal = DelmaalFactory(delaftale__helhedsplan=plan_a)
    return AktivitetFactory(delmaal=delmaal, startdato=datetime.date(2024, 3, 1))


def _form(aktivitet, **changes):
    return {
        "delmaal": aktivitet.delmaal_id,
        "navn": aktivitet.navn,
        "startdato": "01.03.2024",
        "status": "i_gang",
        "revision": aktivitet.revision,
        **changes,
    }


def test_projektleder_saves_a_date_typed_the_danish_way_in_english(db, client_pl_a, plan_a, aktivitet):
    url = reverse("helhedsplaner:aktivitet_update", args=[plan_a.pk, aktivitet.pk])
    client_pl_a.cookies["django_language"] = "en"
    response = client_pl_a.post(url, _form(aktivitet, startdato="1.2.2025"))
    assert response.status_code == 302
    assert Aktivitet.objects.get(pk=aktivitet.pk).startdato == FEB_1
    assert 'value="01.02.2025"' in client_pl_a.get(url).content.decode()


def test_a_mistyped_date_is_refused_with_nothing_changed(db, client_pl_a, plan_a, aktivitet):
    url = reverse("helhedsplaner:aktivitet_update", args=[plan_a.pk, aktivitet.pk])
    response = client_pl_a.post(url, _form(aktivitet, startdato="2/31/2025"))
    assert response.status_code == 200
    assert "Skriv datoen som dd.mm.åååå" in response.content.decode()
    assert Aktivitet.objects.get(pk=aktivitet.pk).startdato == datetime.date(2024, 3, 1)


@pytest.mark.browser
def test_chromium_in_english_types_1_2_2025_and_sees_01_02_2025(
    browser, live_server, plan_a, projektleder_a, aktivitet, tmp_path
):
    projektleder_a.set_password("demo1234")
    projektleder_a.save(update_fields=["password"])
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, projektleder_a.username)
    page.goto(live_server.url + reverse("helhedsplaner:aktivitet_update", args=[plan_a.pk, aktivitet.pk]))
    field = page.get_by_label("Startdato")
    assert field.get_attribute("placeholder").startswith("dd.mm.")
    assert field.input_value() == "01.03.2024"
    field.fill("1.2.2025")
    field.press("Tab")
    assert field.input_value() == "01.02.2025"
    assert field.evaluate("el => el.checkValidity()")
    page.get_by_role("button", name="Gem").first.click()
    page.wait_for_load_state()
    assert Aktivitet.objects.get(pk=aktivitet.pk).startdato == FEB_1
    page.goto(live_server.url + reverse("helhedsplaner:aktivitet_update", args=[plan_a.pk, aktivitet.pk]))
    assert page.get_by_label("Startdato").input_value() == "01.02.2025"
    # The browser refuses a shape the server would refuse, before sending it.
    page.get_by_label("Startdato").fill("2025/02/01x")
    assert not page.get_by_label("Startdato").evaluate("el => el.checkValidity()")
    assert errors == []
    context.close()
