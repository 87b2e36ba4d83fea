"""The statutory area classification against hand-checked cases for each rule period,
in three-valued logic, and the classify_areas command."""

import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from monitorering import criteria
from monitorering.models import Kriteriesaet, Landsgennemsnit, Omraadestatus
from tests.helhedsplaner.factories import BoligomraadeFactory, KommuneFactory

pytestmark = pytest.mark.django_db


def V(**kw):
    numbers = {k: (None if v is None else D(str(v))) for k, v in kw.items() if k != "residents"}
    return criteria.Values(residents=kw.get("residents", 2000), **numbers)


def classify(year, national=None, history=None, **values):
    saet = criteria.kriteriesaet_for(year)
    return criteria.classify(saet, year, V(**values), None if national is None else D(str(national)), history)


def cats(result):
    return {k: c.udfald for k, c in result.kategorier.items()}


def test_criteria_sets_are_data_loaded_by_the_migrations():
    names = list(Kriteriesaet.objects.order_by("gyldig_fra").values_list("navn", "min_beboere"))
    assert names == [
        ("Ghettokriterier 2010 (2 af 3)", 1000),
        ("Kriterier december 2013 (3 af 5)", 1000),
        ("Kriterier 2018", 1000),
        ("Kriterier 2021 med forebyggelsesområder", 1000),
    ]
    assert criteria.kriteriesaet_for(2013).navn == "Kriterier december 2013 (3 af 5)"
    assert criteria.kriteriesaet_for(2012).navn == "Ghettokriterier 2010 (2 af 3)"
    assert criteria.kriteriesaet_for(2020).navn == "Kriterier 2018"
    assert criteria.kriteriesaet_for(2009) is None


def test_kleene_logic():
    assert criteria.k_of_n([True, True, None, None], 2) is True
    assert criteria.k_of_n([True, None, False, False], 2) is None
    assert criteria.k_of_n([True, False, False, None], 3) is False
    assert criteria.all_of([True, None]) is None
    assert criteria.all_of([False, None]) is False
    assert criteria.any_of([None, True]) is True


# --- 2010 – October 2013: ghettoområde, 2 of 3 ---------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"nonwestern_pct": 55, "outside_work_edu_pct": 45, "convicted_pct": 2.0}, True),  # NV + A
        ({"nonwestern_pct": 55, "outside_work_edu_pct": 30, "convicted_pct": None}, None),  # B decides
        ({"nonwestern_pct": 40, "outside_work_edu_pct": 30, "convicted_pct": None}, False),  # at most 1
        (
            {"nonwestern_pct": 50, "outside_work_edu_pct": 40, "convicted_pct": 2.71},
            False,
        ),  # "over" is strict
        ({"residents": 999, "nonwestern_pct": 90, "outside_work_edu_pct": 90, "convicted_pct": 9}, False),
        ({"residents": None, "nonwestern_pct": 90, "outside_work_edu_pct": 90, "convicted_pct": 9}, None),
    ],
)
def test_2010_rules(values, expected):
    result = classify(2011, **values)
    assert cats(result) == {"ghettoomraade": expected}
    assert set(result.kriterier) == {"beboere", "A", "B", "ikke_vestlig"}


# --- December 2013 – 2017: særligt udsat, 3 of 5 ---------------------------------------------


def test_2013_rules_three_of_five_with_strict_thresholds():
    met = classify(
        2015,
        nonwestern_pct=52,
        outside_work_edu_pct=41,
        basic_edu_pct=51,
        convicted_pct=1,
        income_pct_of_region=60,
    )
    assert cats(met) == {"saerligt_udsat": True}
    on_thresholds = classify(
        2015,
        nonwestern_pct=50,
        outside_work_edu_pct=40,
        basic_edu_pct=50,
        convicted_pct="2.70",
        income_pct_of_region=55,
    )
    assert {k: c.opfyldt for k, c in on_thresholds.kriterier.items()} == {
        "beboere": True,
        "A": False,
        "B": False,
        "C": False,
        "D": False,
        "ikke_vestlig": False,
    }
    assert cats(on_thresholds) == {"saerligt_udsat": False}
    two_known_three_unknown = classify(2016, nonwestern_pct=60, outside_work_edu_pct=45)
    assert cats(two_known_three_unknown) == {"saerligt_udsat": None}


# --- 2018 – 2020: udsat (2 of 4), ghettoområde, hårdt ghettoområde -------------------------


def test_2018_rules_with_conviction_as_multiple_of_the_national_average():
    result = classify(2019, national="0.9", outside_work_edu_pct=41, convicted_pct="2.7", nonwestern_pct=51)
    assert result.kriterier["B"].opfyldt is True  # 2.7 ≥ 3 × 0.9
    assert result.kriterier["B"].taerskel == D("2.7")
    assert cats(result) == {"udsat_boligomraade": True, "ghettoomraade": True, "haardt_ghettoomraade": None}
    assert "landsgennemsnittet 0,9 %" in result.kriterier["B"].forklaring


def test_2018_conviction_criterion_is_unknown_without_the_national_average():
    result = classify(
        2019, outside_work_edu_pct=41, convicted_pct="5", basic_edu_pct=40, income_pct_of_region=60
    )
    assert result.kriterier["B"].opfyldt is None
    assert "landsgennemsnittet for året mangler" in result.kriterier["B"].forklaring
    assert cats(result)["udsat_boligomraade"] is None  # A met, C/D not met: B decides


def test_2018_national_average_is_data_in_the_database():
    Landsgennemsnit.objects.create(aar=2019, doemte_pct=D("0.9"))
    assert criteria.national_conviction_pct(2019) == D("0.9")


def test_2018_decided_without_nonwestern_when_not_udsat():
    result = classify(
        2020, outside_work_edu_pct=20, convicted_pct=0.5, basic_edu_pct=30, income_pct_of_region=80
    )
    assert cats(result) == {
        "udsat_boligomraade": False,
        "ghettoomraade": False,
        "haardt_ghettoomraade": False,
    }


def ghetto(year):
    return classify(
        year, national="0.9", outside_work_edu_pct=45, convicted_pct=3, basic_edu_pct=65, nonwestern_pct=60
    )


def test_2018_hard_ghetto_needs_four_years_on_the_list():
    on = {"ghettoomraade": True}
    assert cats(ghetto(2019))["haardt_ghettoomraade"] is None  # no history known
    full = {2016: {"saerligt_udsat": True}, 2017: {"saerligt_udsat": True}, 2018: on}
    result = criteria.classify(
        criteria.kriteriesaet_for(2019),
        2019,
        V(outside_work_edu_pct=45, convicted_pct=3, basic_edu_pct=65, nonwestern_pct=60),
        D("0.9"),
        full,
    )
    assert cats(result)["haardt_ghettoomraade"] is True
    assert "2018: ja, 2017: ja, 2016: ja" in result.kategorier["haardt_ghettoomraade"].forklaring
    one_off = {**full, 2017: {"saerligt_udsat": False}}
    result = criteria.classify(
        criteria.kriteriesaet_for(2019),
        2019,
        V(outside_work_edu_pct=45, convicted_pct=3, basic_edu_pct=65, nonwestern_pct=60),
        D("0.9"),
        one_off,
    )
    assert cats(result)["haardt_ghettoomraade"] is False


# --- 2021 onward: udsat, parallelsamfund, omdannelsesområde, forebyggelsesområde -----------


def test_2021_forebyggelsesomraade_uses_its_lower_thresholds():
    result = classify(
        2023,
        national="0.95",
        outside_work_edu_pct="31.5",
        nonwestern_pct="35.2",
        convicted_pct="2.1",
        basic_edu_pct=45,
        income_pct_of_region=62,
    )
    assert cats(result) == {
        "udsat_boligomraade": False,
        "parallelsamfund": False,
        "omdannelsesomraade": False,
        "forebyggelsesomraade": True,
    }
    assert result.kriterier["forebyggelse_B"].opfyldt is True  # 2.1 ≥ 2 × 0.95
    assert result.kriterier["forebyggelse_D"].afstand == D(3)  # 65 − 62 on the "met" side


def test_2021_parallelsamfund_and_undetermined_omdannelse_without_history():
    result = classify(
        2022,
        national="0.95",
        outside_work_edu_pct=45,
        convicted_pct=None,
        basic_edu_pct=65,
        nonwestern_pct=55,
    )
    assert cats(result) == {
        "udsat_boligomraade": True,
        "parallelsamfund": True,
        "omdannelsesomraade": None,
        "forebyggelsesomraade": True,
    }
    unknown_share = classify(2022, outside_work_edu_pct=45, basic_edu_pct=65, nonwestern_pct=None)
    assert cats(unknown_share)["parallelsamfund"] is None


def test_2021_omdannelse_from_database_history():
    area = BoligomraadeFactory(navn="Solbakken", kommune=KommuneFactory(navn="Odense"))
    saet = criteria.kriteriesaet_for(2020)
    for year in (2018, 2019, 2020, 2021):
        Omraadestatus.objects.create(
            boligomraade=area, aar=year, kriteriesaet=saet, kategori=Omraadestatus.Kategori.PARALLELSAMFUND
        )
    history = criteria.history_from_status(Omraadestatus.objects.filter(boligomraade=area))
    result = criteria.classify(
        criteria.kriteriesaet_for(2022),
        2022,
        V(outside_work_edu_pct=45, basic_edu_pct=65, nonwestern_pct=55),
        None,
        history,
    )
    assert cats(result)["omdannelsesomraade"] is True


# --- The command ---------------------------------------------------------------------------

FILE = """\
area,kommune,residents,outside_work_edu_pct,nonwestern_pct,convicted_pct,basic_edu_pct,income_pct_of_region
Solbakken,Odense,2400,44.1,58.0,2.9,61.0,52.0
Lilleparken,Aarhus,900,50,60,3,70,40
Ukendtparken,Vejle,1500,41.0,,,,
"""


def run(tmp_path, capsys, *args):
    path = tmp_path / "areas.csv"
    path.write_text(FILE, encoding="utf-8")
    call_command("classify_areas", "--year", *args[:1], str(path), *args[1:])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_classify_areas_prints_one_json_object_per_line(tmp_path, capsys):
    lines = run(tmp_path, capsys, "2023", "--national-conviction-pct", "0.95")
    assert lines[0] == {
        "area": "Solbakken",
        "kommune": "Odense",
        "rules": "Kriterier 2021 med forebyggelsesområder",
        "criteria": {
            "beboere": True,
            "A": True,
            "B": True,
            "C": True,
            "D": True,
            "ikke_vestlig": True,
            "forebyggelse_A": True,
            "forebyggelse_B": True,
            "forebyggelse_C": True,
            "forebyggelse_D": True,
            "forebyggelse_ikke_vestlig": True,
        },
        "categories": {
            "udsat_boligomraade": True,
            "parallelsamfund": True,
            "omdannelsesomraade": None,
            "forebyggelsesomraade": True,
        },
    }
    assert lines[1]["categories"] == {
        "udsat_boligomraade": False,
        "parallelsamfund": False,
        "omdannelsesomraade": False,
        "forebyggelsesomraade": False,
    }
    assert lines[2]["criteria"]["B"] is None
    assert lines[2]["categories"]["udsat_boligomraade"] is None


def test_classify_areas_only_lists_categories_in_force(tmp_path, capsys):
    lines = run(tmp_path, capsys, "2019")
    assert set(lines[0]["categories"]) == {"udsat_boligomraade", "ghettoomraade", "haardt_ghettoomraade"}
    assert lines[0]["criteria"]["B"] is None  # no national average given or stored
    assert set(run(tmp_path, capsys, "2011")[0]["categories"]) == {"ghettoomraade"}


def test_classify_areas_refuses_a_bad_number(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(FILE.replace("44.1", "44x1"), encoding="utf-8")
    with pytest.raises(CommandError, match="Linje 2, kolonne outside_work_edu_pct: «44x1» er ikke et tal"):
        call_command("classify_areas", "--year", "2023", str(path))
    path.write_text(FILE.replace("44.1", "44,1"), encoding="utf-8")  # a decimal comma shifts the columns
    with pytest.raises(CommandError, match="Linje 2 har flere felter end overskriften"):
        call_command("classify_areas", "--year", "2023", str(path))
