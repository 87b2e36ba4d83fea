"""Imports: parsing every format, every bad input (message asserted, database unchanged),
confirm in one transaction, undo as a whole, and the management command."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from openpyxl import Workbook

from monitorering import imports, services
from monitorering.imports import ImportFileError
from monitorering.models import ImportBatch, Indikator, Job, Maaling
from portal.errors import Invalid
from tests.conftest import skip_unless_available
from tests.helhedsplaner.factories import (
    BoligomraadeFactory,
    DelaftaleFactory,
    HelhedsplanFactory,
    StatusrapportFactory,
)
from tests.monitorering.factories import IndikatorFactory, MaalingFactory

pytestmark = pytest.mark.django_db

HEADER = "plan;indikator;periode_start;periode_slut;vaerdi;taeller;naevner;note"


@pytest.fixture
def setup():
    area = BoligomraadeFactory(navn="Lærkevangen")
    plan = HelhedsplanFactory(navn="Helhedsplan Lærkevangen", boligomraade=area, lbf_sagsnummer="LBF-2019-17")
    share = IndikatorFactory(navn="Andel i job", kode="job-18-29", min_plausibel=D(0), max_plausibel=D(100))
    count = IndikatorFactory(navn="Lektiecafé", kode="lektiecafe", art=Indikator.Art.ANTAL, enhed="deltagere")
    return plan, share, count


def csv_bytes(lines, encoding="utf-8", bom=False):
    text = "\n".join(lines) + "\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def state():
    return (
        list(Maaling.objects.order_by("pk").values()),
        ImportBatch.objects.count(),
    )


def preview(data, name="maalinger.csv", plan=None):
    return services.import_preview(data=data, filename=name, plan=plan)


# --- Formats -------------------------------------------------------------------------------


def test_semicolon_danish_decimals_utf8_bom_preview_then_confirm(setup):
    plan, _share, _count = setup
    data = csv_bytes(
        [
            HEADER,
            "LBF-2019-17;job-18-29;2019-01-01;2019-06-30;;1.234;2.468;første halvår",
            "Helhedsplan Lærkevangen;lektiecafe;01-04-2019;30-06-2019;1.250;;;",
            f"{plan.pk};job-18-29;1.7.2019;31.12.2019;52,5;;;",
        ],
        bom=True,
    )
    batch, parsed = preview(data, plan=plan)
    assert parsed.ok, parsed.problems
    assert Maaling.objects.count() == 0  # nothing written before confirming
    assert batch.status == ImportBatch.Status.FORHAANDSVIST
    assert [r["vaerdi"] for r in parsed.rows] == ["50.000", "1250.000", "52.500"]
    assert (parsed.rows[0]["taeller"], parsed.rows[0]["naevner"]) == ("1234", "2468")
    services.import_confirm(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.antal_oprettet, batch.antal_opdateret) == (
        ImportBatch.Status.GENNEMFOERT,
        3,
        0,
    )
    assert Maaling.objects.filter(import_batch=batch, helhedsplan=plan).count() == 3
    assert Job.objects.get(type=Job.Type.IMPORT).status == Job.Status.FAERDIG


def test_comma_separated_dot_decimals_windows_1252_and_area_rows(setup):
    plan, _share, _count = setup
    data = csv_bytes(
        [
            "område,indikator,periode_start,periode_slut,værdi",
            "Lærkevangen,job-18-29,2018-01-01,2018-12-31,48.25",
        ],
        encoding="cp1252",
    )
    _batch, parsed = preview(data)
    assert parsed.ok, parsed.problems
    assert parsed.rows[0]["boligomraade_id"] == plan.boligomraade_id
    assert parsed.rows[0]["vaerdi"] == "48.250"


# Excel stores naive date-times.
EXCEL_JAN_1 = datetime.datetime(2019, 1, 1)  # noqa: DTZ001
EXCEL_MAR_31 = datetime.datetime(2019, 3, 31)  # noqa: DTZ001


def xlsx_bytes(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_dates_and_numbers(setup):
    plan, _share, _count = setup
    data = xlsx_bytes(
        [
            ["plan", "indikator", "periode_start", "periode_slut", "værdi"],
            ["LBF-2019-17", "lektiecafe", EXCEL_JAN_1, EXCEL_MAR_31, 42],
            ["LBF-2019-17", "job-18-29", "2019-04-01", "2019-06-30", 51.5],
        ]
    )
    _batch, parsed = preview(data, "maalinger.xlsx", plan=plan)
    assert parsed.ok, parsed.problems
    assert [r["vaerdi"] for r in parsed.rows] == ["42.000", "51.500"]


def test_xlsx_formula_is_refused_not_evaluated(setup):
    plan, _share, _count = setup
    data = xlsx_bytes(
        [
            ["plan", "indikator", "periode_start", "periode_slut", "værdi"],
            ["LBF-2019-17", "lektiecafe", "2019-01-01", "2019-03-31", "=1+1"],
        ]
    )
    before = state()
    _batch, parsed = preview(data, "maalinger.xlsx", plan=plan)
    assert [str(p) for p in parsed.problems] == [
        "Række 2, kolonne «værdi»: Cellen indeholder en formel (=1+1); "
        "formler beregnes ikke – indsæt værdien."
    ]
    assert state() == before


def test_a_file_that_is_not_really_a_workbook_is_refused(setup):
    before = state()
    with pytest.raises(ImportFileError, match=r"ikke en gyldig Excel-projektmappe \(\.xlsx\)"):
        preview(b"plan;indikator\n1;2\n", "forklaedt.xlsx")
    with pytest.raises(ImportFileError, match="ikke en gyldig Excel-projektmappe"):
        preview(b"PK\x03\x04" + b"\x00" * 200, "oedelagt.xlsx")
    assert state() == before


def test_file_size_and_row_limits_have_clear_messages(setup, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    with pytest.raises(ImportFileError, match=r"grænsen er 0 MB|grænsen er"):
        preview(b"x" * 101)
    monkeypatch.setattr(imports, "MAX_BYTES", 10_000)
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    lines = [HEADER] + ["LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;1;;;"] * 3
    with pytest.raises(ImportFileError, match="Filen har 3 rækker; grænsen er 2 rækker."):
        preview(csv_bytes(lines))


# --- Every bad input: message with row and column, database unchanged ------------------


BAD = [
    (
        "LBF-2019-17;ukendt-kode;2019-01-01;2019-03-31;5;;;",
        "Række 2, kolonne «indikator»: Ukendt indikator «ukendt-kode».",
    ),
    (
        "LBF-2019-17;job-18-29;2015-01-01;2015-03-31;5;;;",
        "Række 2, kolonne «periode_start»: Perioden 01.01.2015–31.03.2015 ligger uden for planens "
        "løbetid (01.01.2019–31.12.2022).",
    ),
    (
        "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;;60;50;",
        "Række 2, kolonne «taeller»: Tælleren (60) er større end nævneren (50).",
    ),
    (
        "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;-3;;;",
        "Række 2, kolonne «vaerdi»: Et antal kan ikke være negativt (-3).",
    ),
    (
        "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;mange;;;",
        "Række 2, kolonne «vaerdi»: «mange» er ikke et tal.",
    ),
    (
        "LBF-2019-17;lektiecafe;2019-13-01;2019-03-31;5;;;",
        "Række 2, kolonne «periode_start»: «2019-13-01» er ikke en dato (brug fx 2024-01-31).",
    ),
    (
        "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;;5;;",
        "Række 2, kolonne «naevner»: Tæller og nævner skal angives sammen.",
    ),
    (
        "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;140;;;",
        "Række 2, kolonne «vaerdi»: Værdien 140 ligger uden for indikatorens plausible interval (0–100).",
    ),
    (
        # Bounded by what a measurement's column holds (models.MAX_MAALING), as the database is.
        "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;100000000000;;;",
        "Række 2, kolonne «vaerdi»: Tallet 100000000000 er større end en måling kan rumme (99999999999.999).",
    ),
    (
        "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;;5;300000000000;",
        "Række 2, kolonne «naevner»: Tallet 300000000000 er større end en måling kan rumme "
        "(99999999999.999).",
    ),
    (
        "Helhedsplan Ukendt;lektiecafe;2019-01-01;2019-03-31;5;;;",
        "Række 2, kolonne «plan»: Ukendt plan «Helhedsplan Ukendt».",
    ),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_bad_row_is_reported_with_row_and_column_and_nothing_is_written(setup, line, message):
    before = state()
    batch, parsed = preview(csv_bytes([HEADER, line]))
    assert [str(p) for p in parsed.problems] == [message]
    assert parsed.rows == []
    assert batch.pk is None
    assert state() == before


def test_unknown_area_is_reported(setup):
    before = state()
    data = csv_bytes(
        ["omraade;indikator;periode_start;periode_slut;vaerdi", "Atlantis;lektiecafe;2019-01-01;2019-03-31;5"]
    )
    _batch, parsed = preview(data)
    assert [str(p) for p in parsed.problems] == [
        "Række 2, kolonne «omraade»: Ukendt boligområde «Atlantis» (eller navnet findes i flere kommuner)."
    ]
    assert state() == before


def test_duplicate_row_is_reported_on_the_second_occurrence(setup):
    before = state()
    line = "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;5;;;"
    _batch, parsed = preview(
        csv_bytes([HEADER, line, "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;5;;;", line])
    )
    assert [str(p) for p in parsed.problems] == [
        "Række 4: Dubletrække: samme indikator, plan/område og periode som række 2."
    ]
    assert state() == before


def test_missing_required_column_refuses_the_file(setup):
    before = state()
    with pytest.raises(ImportFileError) as info:
        preview(csv_bytes(["plan;indikator;periode_start;vaerdi", "LBF-2019-17;lektiecafe;2019-01-01;5"]))
    assert str(info.value) == "Filen mangler kolonnen: «periode_slut»."
    with pytest.raises(ImportFileError, match=r"«plan eller område», «værdi \(eller tæller og nævner\)»"):
        preview(csv_bytes(["indikator;periode_start;periode_slut", "lektiecafe;2019-01-01;2019-03-31"]))
    assert state() == before


def test_rows_for_another_plan_are_refused_in_a_plan_import(setup):
    plan, _share, _count = setup
    other = HelhedsplanFactory(lbf_sagsnummer="LBF-ANDEN")
    _batch, parsed = preview(
        csv_bytes([HEADER, "LBF-ANDEN;lektiecafe;2019-01-01;2019-03-31;5;;;"]), plan=plan
    )
    assert [str(p) for p in parsed.problems] == [
        "Række 2, kolonne «plan»: Planen «LBF-ANDEN» er ikke den plan, du importerer til."
    ]
    assert other.maalinger.count() == 0


# --- Confirm and undo ---------------------------------------------------------------------


def test_confirm_updates_existing_and_undo_restores_them_and_removes_the_new(setup):
    plan, share, count = setup
    old = MaalingFactory(
        indikator=share,
        helhedsplan=plan,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 3, 31),
        taeller=D(40),
        naevner=D(80),
        vaerdi=D(50),
        kilde=Maaling.Kilde.MANUEL,
        kommentar="indtastet",
    )
    data = csv_bytes(
        [
            HEADER,
            "LBF-2019-17;job-18-29;2019-01-01;2019-03-31;;45;80;rettet",
            "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;12;;;",
        ]
    )
    batch, _parsed = preview(data, plan=plan)
    services.import_confirm(batch_id=batch.pk)
    old.refresh_from_db()
    assert (old.vaerdi, old.taeller, old.import_batch_id, old.kommentar) == (
        D("56.25"),
        D(45),
        batch.pk,
        "rettet",
    )
    assert Maaling.objects.filter(indikator=count).count() == 1
    services.import_undo(batch_id=batch.pk)
    old.refresh_from_db()
    assert (old.vaerdi, old.taeller, old.kilde, old.import_batch_id, old.kommentar) == (
        D(50),
        D(40),
        Maaling.Kilde.MANUEL,
        None,
        "indtastet",
    )
    assert not Maaling.objects.filter(indikator=count).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FORTRUDT
    with pytest.raises(Invalid, match="Kun en gennemført import kan fortrydes."):
        services.import_undo(batch_id=batch.pk)


def test_confirm_twice_is_refused(setup):
    batch, _ = preview(csv_bytes([HEADER, "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;5;;;"]))
    services.import_confirm(batch_id=batch.pk)
    with pytest.raises(Invalid, match="ikke klar"):
        services.import_confirm(batch_id=batch.pk)
    assert Maaling.objects.count() == 1


def test_confirm_writes_everything_or_nothing(setup, monkeypatch):
    batch, _ = preview(
        csv_bytes(
            [
                HEADER,
                "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;5;;;",
                "LBF-2019-17;lektiecafe;2019-04-01;2019-06-30;6;;;",
            ]
        )
    )

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services.imports, "recompute_request", fail)  # fails after the rows are written
    with pytest.raises(RuntimeError):
        services.import_confirm(batch_id=batch.pk)
    assert Maaling.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FORHAANDSVIST
    assert Job.objects.get(type=Job.Type.IMPORT).status == Job.Status.FEJLET


def test_confirm_queues_a_recompute_for_the_touched_plans(
    setup, django_capture_on_commit_callbacks, monkeypatch
):
    plan, _share, _count = setup
    queued = []
    monkeypatch.setattr(services.recompute, "_enqueue_recompute", queued.append)
    batch, _ = preview(
        csv_bytes(
            [
                "omraade;indikator;periode_start;periode_slut;vaerdi",
                "Lærkevangen;lektiecafe;2019-01-01;2019-03-31;5",
            ]
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_confirm(batch_id=batch.pk)
    assert queued == [plan.pk]


# --- The command ---------------------------------------------------------------------------


def test_command_dry_run_writes_nothing_and_a_real_run_writes(setup, tmp_path, capsys):
    path = tmp_path / "maalinger.csv"
    path.write_bytes(csv_bytes([HEADER, "LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;5;;;"]))
    before = state()
    call_command("import_maalinger", str(path), "--dry-run")
    assert "1 rækker er gyldige (--dry-run: intet er skrevet)." in capsys.readouterr().out
    assert state() == before
    call_command("import_maalinger", str(path))
    assert "1 målinger oprettet, 0 opdateret." in capsys.readouterr().out
    assert Maaling.objects.count() == 1


def test_command_reports_problems_and_writes_nothing(setup, tmp_path, capsys):
    path = tmp_path / "fejl.csv"
    path.write_bytes(csv_bytes([HEADER, "LBF-2019-17;ukendt;2019-01-01;2019-03-31;5;;;"]))
    before = state()
    with pytest.raises(CommandError, match="1 fejl i fejl.csv; intet er importeret."):
        call_command("import_maalinger", str(path))
    assert "Række 2, kolonne «indikator»: Ukendt indikator «ukendt»." in capsys.readouterr().err
    assert state() == before


def test_import_may_not_overwrite_a_value_reported_in_a_status_report(setup):
    plan, _share, count = setup
    rapport = StatusrapportFactory(delaftale=DelaftaleFactory(helhedsplan=plan))
    MaalingFactory(
        indikator=count,
        helhedsplan=plan,
        periode_start=datetime.date(2019, 4, 1),
        periode_slut=datetime.date(2019, 6, 30),
        taeller=None,
        naevner=None,
        andel=False,
        vaerdi=D(40),
        kilde=Maaling.Kilde.STATUSRAPPORT,
        statusrapport=rapport,
    )
    before = state()
    batch, parsed = preview(csv_bytes([HEADER, "LBF-2019-17;lektiecafe;2019-04-01;2019-06-30;99;;;"]))
    assert not parsed.ok
    assert "Række 2" in str(parsed.problems[0]) and "indberettet i en statusrapport" in str(
        parsed.problems[0]
    )
    assert state() == before


# --- The write path: set-based on PostgreSQL, ORM elsewhere, identical results -------------


def _written(batch):
    """What a confirm wrote: the measurements and their history, without ids and times."""
    fields = ["indikator_id", "helhedsplan_id", "boligomraade_id", "periode_start", "periode_slut"]
    fields += ["vaerdi", "taeller", "naevner", "andel", "kilde", "kommentar", "statusrapport_id"]
    rows = list(
        Maaling.objects.filter(import_batch=batch).order_by("periode_start", "indikator_id").values(*fields)
    )
    history = list(
        Maaling.history.filter(import_batch=batch)
        .order_by("periode_start", "indikator_id")
        .values(*fields, "history_type", "history_user_id", "history_change_reason")
    )
    return rows, history


@pytest.mark.parametrize("path", ["_confirm_set_based", "_confirm_in_memory"])
def test_confirm_writes_values_and_history_identically_on_either_path(setup, path, monkeypatch):
    if path == "_confirm_set_based":
        skip_unless_available(connection.vendor == "postgresql", "the set-based confirm needs PostgreSQL")
    else:  # force the ORM path even on PostgreSQL
        monkeypatch.setattr(services.imports, "_confirm_set_based", services.imports._confirm_in_memory)
    plan, share, _count = setup
    user = get_user_model().objects.create_user("importoer", password="x")  # noqa: S106
    old = MaalingFactory(
        indikator=share,
        helhedsplan=plan,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 3, 31),
        taeller=D(40),
        naevner=D(80),
        vaerdi=D(50),
        kilde=Maaling.Kilde.MANUEL,
    )
    data = csv_bytes(
        [
            HEADER,
            'LBF-2019-17;job-18-29;2019-01-01;2019-03-31;;45,0005;80;"rettet\tmed tab\\og \\N"',
            'LBF-2019-17;lektiecafe;2019-01-01;2019-03-31;12;;;"to\nlinjer"',
            "LBF-2019-17;job-18-29;2019-04-01;2019-06-30;;1,2345;2,0015;",
        ]
    )
    batch, parsed = preview(data, plan=plan)
    assert parsed.ok, parsed.problems
    before_history = Maaling.history.count()
    services.import_confirm(batch_id=batch.pk, user=user)
    batch.refresh_from_db()
    assert (batch.antal_oprettet, batch.antal_opdateret) == (2, 1)
    assert batch.tidligere == [
        {
            "pk": old.pk,
            "indikator_id": share.pk,
            "helhedsplan_id": plan.pk,
            "boligomraade_id": None,
            "periode_start": "2019-01-01",
            "periode_slut": "2019-03-31",
            "vaerdi": "50",
            "taeller": "40",
            "naevner": "80",
            "andel": True,
            "kommentar": "",
            "kilde": "manuel",
            "import_batch_id": None,
        }
    ]
    rows, history = _written(batch)
    assert [(r["vaerdi"], r["taeller"], r["naevner"], r["kommentar"]) for r in rows] == [
        (D("56.251"), D("45.000"), D("80.000"), "rettet\tmed tab\\og \\N"),
        (D("12.000"), None, None, "to\nlinjer"),
        (D("61.679"), D("1.234"), D("2.002"), ""),  # stored half-even at three places, as Django does
    ]
    assert all(r["kilde"] == "import" and r["statusrapport_id"] is None for r in rows)
    assert Maaling.history.count() == before_history + 3
    assert sorted(h["history_type"] for h in history) == ["+", "+", "~"]
    assert {(h["history_user_id"], h["history_change_reason"]) for h in history} == {(user.pk, None)}
    assert [{k: h[k] for k in rows[0]} for h in history] == rows
    services.import_undo(batch_id=batch.pk)
    old.refresh_from_db()
    assert (old.vaerdi, old.taeller, old.kilde, old.import_batch_id) == (D(50), D(40), "manuel", None)
    assert not Maaling.objects.filter(import_batch=batch).exists()
