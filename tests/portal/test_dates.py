"""Danish date entry (issue 18): every date field in the portal is typed and shown as
dd.mm.åååå, and every date-and-time field as dd.mm.åååå tt:mm (24-hour clock), whatever the
browser's language, and parses what Danes type."""

from __future__ import annotations

import datetime
import importlib
import inspect
import zoneinfo

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from bestyrelser.models import Moede, Organ
from helhedsplaner.models import Aktivitet
from portal import params, widgets
from portal.fields import CalendarDateTimeField, DateField
from tests.conftest import login
from tests.helhedsplaner.factories import AktivitetFactory, DelmaalFactory

FEB_1 = datetime.date(2025, 2, 1)
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
DEC_3_1430 = datetime.datetime(2026, 12, 3, 14, 30)  # noqa: DTZ001  # wall-clock time, as typed


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


DANISH_TIMES = [
    "3.12.2026 14:30",
    "03.12.2026 14:30",
    "03-12-2026 14.30",
    "3/12/2026 14.30",
    " 3.12.2026   14:30 ",
    "2026-12-03T14:30",
    "2026-12-03 14:30",
    "2026-12-03T14:30:00",
]
WRONG_TIMES = [
    "3.12.2026",
    "14:30",
    "12/3/2026 2:30 PM",
    "3.12.2026 24:00",
    "3.12.2026 14:60",
    "31.11.2026 14:30",
    "3.12.26 14:30",
    "3.12.2026T14:30",
    "3.12.2026 14:30:00",
    "3.12.2026 1430",
    "3.12-2026 14:30",
    "2026-12-03T14",
    "３.１２.２０２６ １４:３０",
    "3.12.2026 14:30 x",
]


@pytest.mark.parametrize("typed", DANISH_TIMES)
def test_date_times_are_read_as_danes_type_them_in_copenhagen_time(typed):
    assert params.read_datetime(typed) == DEC_3_1430
    with translation.override("en"):
        value = CalendarDateTimeField().clean(typed)
    assert value.tzinfo is not None
    assert value == DEC_3_1430.replace(tzinfo=CPH)
    assert value.astimezone(datetime.UTC).hour == 13  # CET is UTC+1 in December


def test_a_summer_time_is_read_in_copenhagen_summer_time():
    value = CalendarDateTimeField().clean("1.7.2026 9.05")
    assert value == datetime.datetime(2026, 7, 1, 9, 5, tzinfo=CPH)
    assert value.astimezone(datetime.UTC).hour == 7


@pytest.mark.parametrize("typed", WRONG_TIMES)
def test_a_date_time_in_no_known_shape_is_a_danish_error(typed):
    assert params.read_datetime(typed) is None
    with pytest.raises(forms.ValidationError) as error:
        CalendarDateTimeField().clean(typed)
    assert error.value.messages == ["Skriv tidspunktet som dd.mm.åååå tt:mm, fx 03.12.2026 14:30."]


@pytest.mark.parametrize(
    "typed", ["31.12.1899 23:59", "1.1.2101 00:00", "0001-01-01T00:00", "31.12.9999 23:59"]
)
def test_the_calendar_range_holds_for_date_times(typed):
    with pytest.raises(forms.ValidationError) as error:
        CalendarDateTimeField().clean(typed)
    assert error.value.messages == ["Datoen skal ligge mellem 1900 og 2100."]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_date_time_field_shows_dd_mm_yyyy_hh_mm_in_every_language(language):
    class Form(forms.Form):
        tidspunkt = CalendarDateTimeField(label="Tidspunkt")

    stored = datetime.datetime(2026, 12, 3, 13, 30, tzinfo=datetime.UTC)  # 14:30 in Copenhagen
    with translation.override(language):
        html = str(Form(initial={"tidspunkt": stored})["tidspunkt"])
    assert 'type="text"' in html
    assert 'value="03.12.2026 14:30"' in html
    assert "pattern=" in html
    assert 'placeholder="dd.mm.' in html
    assert "PM" not in html and "AM" not in html


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
            "api",
            "notifikationer",
        }:
            continue
        # Every module of forms, not only forms.py (a plan's setup, a board's members).
        for kind in ("forms", "setup_forms", "organ_forms"):
            try:
                module = importlib.import_module(f"{config.name}.{kind}")
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_date_field_of_every_form_is_the_portals_date_field():
    days = times = 0
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            if isinstance(field, forms.DateTimeField):
                assert isinstance(field, CalendarDateTimeField), where
                assert isinstance(field.widget, widgets.DateTimeInput), where
                assert field.widget.input_type == "text", where
                times += 1
            elif isinstance(field, forms.DateField):
                assert isinstance(field, DateField), where
                assert isinstance(field.widget, widgets.DateInput), where
                days += 1
    assert days >= 8  # the walk found the forms it should
    assert times >= 1  # the meeting's time


def test_no_template_uses_a_native_date_input():
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "templates"
    native = ('type="date"', 'type="datetime-local"')
    offenders = [
        str(p) for p in root.rglob("*.html") if any(kind in p.read_text(encoding="utf-8") for kind in native)
    ]
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


@pytest.fixture
def board(plan_a, projektleder_a):
    return Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)


def test_projektleder_saves_a_meeting_time_typed_the_danish_way_in_english(db, client_pl_a, plan_a, board):
    url = reverse("bestyrelser:moede_create", args=[plan_a.pk, board.pk])
    client_pl_a.cookies["django_language"] = "en"
    response = client_pl_a.post(
        url, {"tidspunkt": "03-12-2026 14.30", "sted": "Beboerhuset", "status": "planlagt"}
    )
    assert response.status_code == 302
    moede = Moede.objects.get(organ=board)
    assert moede.tidspunkt == DEC_3_1430.replace(tzinfo=CPH)
    edit = client_pl_a.get(reverse("bestyrelser:moede_update", args=[plan_a.pk, moede.pk])).content.decode()
    assert 'value="03.12.2026 14:30"' in edit


def test_a_mistyped_meeting_time_is_refused_with_nothing_saved(db, client_pl_a, plan_a, board):
    url = reverse("bestyrelser:moede_create", args=[plan_a.pk, board.pk])
    response = client_pl_a.post(
        url, {"tidspunkt": "12/3/2026 2:30 PM", "sted": "Beboerhuset", "status": "planlagt"}
    )
    assert response.status_code == 200
    assert "Skriv tidspunktet som dd.mm.åååå tt:mm" in response.content.decode()
    assert not Moede.objects.filter(organ=board).exists()


@pytest.mark.browser
def test_chromium_in_english_types_a_meeting_time_and_sees_it_the_danish_way(
    browser, live_server, plan_a, projektleder_a, board
):
    projektleder_a.set_password("demo1234")
    projektleder_a.save(update_fields=["password"])
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, projektleder_a.username)
    page.goto(live_server.url + reverse("bestyrelser:moede_create", args=[plan_a.pk, board.pk]))
    field = page.get_by_label("Tidspunkt")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder").startswith("dd.mm.")
    field.fill("3.12.2026 14:30")
    field.press("Tab")
    assert field.input_value() == "03.12.2026 14:30"
    assert field.evaluate("el => el.checkValidity()")
    page.get_by_label("Sted").fill("Beboerhuset")
    page.get_by_role("button", name="Gem møde").click()
    page.wait_for_load_state()
    moede = Moede.objects.get(organ=board)
    assert moede.tidspunkt.astimezone(CPH).replace(tzinfo=None) == DEC_3_1430
    page.goto(live_server.url + reverse("bestyrelser:moede_update", args=[plan_a.pk, moede.pk]))
    assert page.get_by_label("Tidspunkt").input_value() == "03.12.2026 14:30"
    # The browser refuses a shape the server would refuse (the US order with AM/PM).
    page.get_by_label("Tidspunkt").fill("12/3/2026 2:30 PM")
    assert not page.get_by_label("Tidspunkt").evaluate("el => el.checkValidity()")
    assert errors == []
    context.close()


MARCH_2021 = datetime.date(2021, 3, 1)


@pytest.mark.parametrize(
    "typed", ["2021-03", "2021-03-17", "3.2021", "03.2021", "03-2021", "3/2021", " 2021-03 "]
)
def test_a_month_is_read_as_links_send_it_and_danes_type_it(typed):
    assert params.read_month(typed) == MARCH_2021


@pytest.mark.parametrize(
    "typed", ["2021-13", "2021-3", "13.2021", "2021-02-30", "03.21", "1899-12", "2101-01", "marts"]
)
def test_a_month_in_no_known_shape_or_beyond_the_calendar_is_none(typed):
    assert params.read_month(typed) is None


def test_the_month_field_offers_months_by_name_and_refuses_others():
    from portal.fields import MonthField

    class Form(forms.Form):
        maaned = MonthField(label="Måned")

    with translation.override("da"):
        form = Form({"maaned": "2021-03"})
        form.fields["maaned"].months = [datetime.date(2021, 2, 1), MARCH_2021]
        html = str(form["maaned"])
    assert "<select" in html and 'type="month"' not in html
    assert '<option value="2021-02">februar 2021</option>' in html
    assert '<option value="2021-03" selected>marts 2021</option>' in html
    assert form.is_valid() and form.cleaned_data["maaned"] == MARCH_2021
    outside = Form({"maaned": "2021-04"})
    outside.fields["maaned"].months = [MARCH_2021]
    assert not outside.is_valid()
