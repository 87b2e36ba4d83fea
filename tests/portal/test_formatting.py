"""Issue 12: one Danish style for dates and numbers, plurals that agree, people by name.

Through the front door: the import preview, the history page and LBF's audit trail as
rendered, and a sweep over the main pages of the demo data that reads the visible text as a
board member would (no ISO dates, no English month abbreviations, no "møde(r)")."""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bestyrelser import services as board_services
from bestyrelser.models import Moede, Organ
from helhedsplaner import services as plan_services
from portal import exports
from tests.helhedsplaner.factories import AktivitetFactory
from tests.monitorering.factories import monitored_plan

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


SKIPPED = ("script", "style", "template", "code")


class VisibleText(HTMLParser):
    """The text a reader sees as prose: no tags, attributes, scripts or styles, and no
    <code> (literal input a file may contain, such as an ISO date in the import help)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return re.sub(r"\s+", " ", " ".join(parser.parts))


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?")
ABBREVIATED_DATE = re.compile(
    r"\b\d{1,2}\. (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\b\.?(?! *\w{2,})", re.IGNORECASE
)
WEEKDAY_DATE = re.compile(r"\b(man|tir|ons|tor|fre|lør|søn|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.? \d{1,2}\.")
PARENTHESISED_PLURAL = re.compile(r"\w\((r|er|e|ne)\)")


def assert_reads_danish(html: str, where: str) -> None:
    text = VisibleText.of(html)
    for pattern, what in (
        (ISO_DATE, "ISO date"),
        (ENGLISH_MONTH, "English month abbreviation"),
        (ABBREVIATED_DATE, "abbreviated month"),
        (WEEKDAY_DATE, "weekday in a date"),
        (PARENTHESISED_PLURAL, "plural in parentheses"),
    ):
        found = pattern.search(text)
        assert found is None, f"{where}: {what} «{text[max(0, found.start() - 60) : found.end() + 40]}»"


# The two styles, defined once ---------------------------------------------------------------


def test_prose_and_table_styles_for_dates_and_datetimes():
    from portal import formatting  # the module issue 12 adds

    day = datetime.date(2019, 1, 1)
    moment = datetime.datetime(2019, 1, 1, 14, 5, tzinfo=CPH)
    with translation.override("da"):
        assert formatting.dato_lang(day) == "1. januar 2019"
        assert formatting.dato(day) == "01.01.2019"
        assert formatting.tidspunkt_lang(moment) == "1. januar 2019 kl. 14.05"
        assert formatting.tidspunkt(moment) == "01.01.2019 14.05"
        assert formatting.dato("2019-01-01") == "01.01.2019"  # ISO text from JSON or staging
    with translation.override("en"):
        assert formatting.dato_lang(day) == "1 January 2019"
        assert formatting.tidspunkt(moment) == "01/01/2019 14:05"


def test_numbers_have_decimal_comma_thousands_dot_and_round_before_cutting():
    from decimal import Decimal

    from portal import formatting  # the module issue 12 adds

    with translation.override("da"):
        assert formatting.tal(Decimal("81.500")) == "81,5"
        assert formatting.tal(Decimal("100.000")) == "100"
        assert formatting.tal(1234567.5) == "1.234.567,5"
        assert formatting.tal(0.699, 2) == "0,70"


# The import preview -------------------------------------------------------------------------


def test_import_preview_shows_values_as_written(client_pl_a, plan_a):
    plan, _crit = monitored_plan(plan_a)
    text = (
        "plan;indikator;periode_start;periode_slut;vaerdi\n"
        f"{plan.pk};fritidsjob;2019-01-01;2019-03-31;81,5\n"
        f"{plan.pk};fritidsjob;2019-04-01;2019-06-30;100\n"
    )
    upload = SimpleUploadedFile("maalinger.csv", text.encode(), content_type="text/csv")
    response = client_pl_a.post(reverse("monitorering:import_start", args=[plan.pk]), {"fil": upload})
    html = client_pl_a.get(response.url).content.decode()
    table = html[html.index('id="importraekker"') : html.index("</table>", html.index('id="importraekker"'))]
    values = re.findall(r'<td class="text-end">([^<]*)</td>', table)
    assert values[0::2] == ["81,5", "100"], values  # value, then tæller / nævner
    assert "01.01.2019 – 31.03.2019" in table
    assert_reads_danish(html, "import preview")


# People by name -----------------------------------------------------------------------------


def test_history_page_names_the_person_not_the_username(client_pl_a, plan_a, projektleder_a):
    from tests.tilsyn.factories import compliant_plan

    setup = compliant_plan(plan_a)
    type(projektleder_a.person).objects.filter(user=projektleder_a).update(navn="Pia Lund")
    projektleder_a.refresh_from_db()
    aktivitet = AktivitetFactory(delmaal=setup["delmaal"], navn="Lektiecafé")
    aktivitet.navn = "Lektiecafé for unge"
    plan_services.aktivitet_save(
        user=projektleder_a, aktivitet=aktivitet, maalgrupper=[], samarbejdspartnere=[]
    )
    page = client_pl_a.get(reverse("helhedsplaner:history", args=[plan_a.pk, "aktivitet", aktivitet.pk]))
    text = VisibleText.of(page.content.decode())
    person = projektleder_a.person.navn
    assert f"Ændret af {person}" in text
    assert f"af {projektleder_a.get_full_name()}" not in text and f"af {projektleder_a.username}" not in text
    assert_reads_danish(page.content.decode(), "history")


def test_user_without_person_is_named_by_full_name_then_username(lbf_user):
    from portal import formatting  # the module issue 12 adds

    assert formatting.user_name(lbf_user) == lbf_user.get_full_name()
    lbf_user.first_name = lbf_user.last_name = ""
    assert formatting.user_name(lbf_user) == lbf_user.username


def test_audit_trail_names_meetings_and_people(client, plan_a, projektleder_a, lbf_user):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    moede = board_services.moede_save(
        user=projektleder_a,
        moede=Moede(
            organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH), sted="Beboerhuset"
        ),
    )
    client.force_login(lbf_user)
    html = client.get(reverse("tilsyn:plan_audit_trail", args=[plan_a.pk])).content.decode()
    text = VisibleText.of(html)
    assert f"Møde: {moede}" in text
    assert f"Møde: #{moede.pk}" not in text
    assert f"<td>{projektleder_a.person.navn}</td>" in html  # who made the change
    assert f">{projektleder_a.person.navn}</option>" in html  # and the user filter
    assert_reads_danish(html, "audit trail")


# CSV ----------------------------------------------------------------------------------------


def test_csv_quotes_any_separator_and_neutralises_formulas():
    evil = ";=cmd|' /C calc'!A0"
    table = exports.Table("Test", ["Spørgsmål", "Tal"], [[evil, 1.5], ["=cmd|' /C calc'!A0", 2], ["a,b", 3]])
    data = exports.to_csv(table)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1] == "\";=cmd|' /C calc'!A0\";1,5"
    assert lines[2] == "'=cmd|' /C calc'!A0;2"
    assert lines[3] == '"a,b";3'  # quoted although the file's separator is the semicolon
    import csv

    for delimiter in (";", ","):
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (delimiter, row)


# The sweep ----------------------------------------------------------------------------------


def test_main_pages_of_the_demo_read_as_danish():
    """Every main page of the demo, as the people who use it see it."""
    from bestyrelser.models import Moede as M
    from helhedsplaner.models import Aktivitet, Helhedsplan, Statusrapport
    from monitorering.models import ImportBatch

    call_command("seed_demo", "--uden-landsdata", stdout=io.StringIO())
    plan = Helhedsplan.objects.get(navn__contains="Solbakken")
    aktivitet = Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan).first()
    rapport = Statusrapport.objects.filter(delaftale__helhedsplan=plan).order_by("-periode_start").first()
    moede = M.objects.filter(organ__helhedsplan=plan).order_by("-tidspunkt").first()
    batch = ImportBatch.objects.filter(helhedsplan=plan).first()
    pages = {
        "projektleder.solbakken": [
            reverse("home"),
            reverse("helhedsplaner:plan_detail", args=[plan.pk]),
            reverse("helhedsplaner:aktivitet_detail", args=[plan.pk, aktivitet.pk]),
            reverse("helhedsplaner:statusrapport_list", args=[plan.pk]),
            reverse("helhedsplaner:statusrapport_detail", args=[plan.pk, rapport.pk]),
            reverse("helhedsplaner:history", args=[plan.pk, "aktivitet", aktivitet.pk]),
            reverse("monitorering:plan_status", args=[plan.pk]),
            reverse("monitorering:import_start", args=[plan.pk]),
            *([reverse("monitorering:import_detail", args=[plan.pk, batch.pk])] if batch else []),
            reverse("enighed:plan_list", args=[plan.pk]),
        ],
        "bestyrelse.solbakken": [
            reverse("bestyrelser:dashboard", args=[plan.pk]),
            reverse("bestyrelser:moede_list", args=[plan.pk]),
            reverse("bestyrelser:moede_detail", args=[plan.pk, moede.pk]),
            reverse("bestyrelser:boardpack_detail", args=[plan.pk, moede.pk]),
            reverse("bestyrelser:handlingspunkt_list", args=[plan.pk]),
        ],
        "lbf": [
            reverse("tilsyn:overview"),
            reverse("tilsyn:plan_findings", args=[plan.pk]),
            reverse("tilsyn:versions_page", args=[plan.pk]),
            reverse("tilsyn:plan_audit_trail", args=[plan.pk]),
            reverse("tilsyn:national_charts"),
        ],
    }
    from django.contrib.auth import get_user_model

    checked = 0
    for username, urls in pages.items():
        browser = Client()
        browser.force_login(get_user_model().objects.get(username=username))
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
            assert_reads_danish(response.content.decode(), f"{username} {url}")
            checked += 1
    assert checked >= 17  # every main page, not a handful
