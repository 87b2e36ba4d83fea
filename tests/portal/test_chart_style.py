"""One chart style (issue 18): every figure the portal builds carries the portal's template,
axes that make room for their labels, whole-number ticks where they count, the legend above
the plot, and status colours a colour-blind reader tells apart."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from django.conf import settings

from bestyrelser import charts as board_charts
from enighed import charts as survey_charts
from portal import charts
from tilsyn import charts as lbf_charts

CHART_MODULES = (board_charts, lbf_charts, survey_charts)
LONG_AREA = "Forebyggelse og forældreansvar"


def _board_data() -> dict:
    serie = [
        {"periode": "2020-06-30", "faktisk": 10, "forventet": 12, "maal": 20},
        {"periode": "2020-12-31", "faktisk": 14, "forventet": 14, "maal": 20},
    ]
    return {
        "statusfordeling": {"På sporet": 3, "I risiko": 1, "Ikke på sporet": 2, "Ingen data": 0},
        "praksis": {
            "delmaal_status": {"På sporet": 2, "Forsinket": 1},
            "deltagere": [
                {"omraade": LONG_AREA, "kvartal": "2020-03-31", "deltagere": 4},
                {"omraade": "Tryghed og trivsel", "kvartal": "2020-03-31", "deltagere": 7},
            ],
        },
        "bestyrelse": {
            "organisation": {"Kommune": 3, "Boligorganisation": 2},
            "niveau": {"Direktør": 2, "Chef": 3},
            "fremmoede": [{"dato": "2020-03-04", "deltog": 4, "i_alt": 5}],
        },
        "maal": [
            {
                "maal": [
                    {
                        "kriterier": [
                            {
                                "id": 7,
                                "serie": serie,
                                "maal": 20,
                                "maal_dato": "2022-12-31",
                                "maalskift": [],
                            }
                        ]
                    }
                ]
            }
        ],
    }


def _cell(rwg):
    return SimpleNamespace(rwg=rwg, undertrykt=rwg is None)


def _headline():
    return [
        {"label": "Strategisk niveau", "niveau": "strategisk", "celler": [_cell(0.8), _cell(0.5)]},
        {"label": "Praktisk niveau", "niveau": "praktisk", "celler": [_cell(None), _cell(0.7)]},
    ]


def _figures() -> dict[str, dict]:
    """Every figure builder of every chart module, called with small realistic data."""
    status = pd.DataFrame(
        [{"omraade": LONG_AREA, "paa_sporet": 3, "i_risiko": 1, "ikke_paa_sporet": 0, "ingen_data": 2}]
    )
    categories = pd.DataFrame([{"aar": 2021, "kategori": "udsat", "antal": 2}])
    indicator = pd.DataFrame(
        [
            {
                "plan": "Helhedsplan Solbakken",
                "faktisk": 40.0,
                "baseline": 35.0,
                "maal": 50.0,
                "periode_slut": None,
            }
        ]
    )
    diff = SimpleNamespace(
        spoergsmaal=SimpleNamespace(nummer=3, emne="Unges tilknytning til uddannelse og job"),
        forskel=0.4,
        ci_lav=0.1,
        ci_hoej=0.7,
    )
    figures = {f"board:{name}": fig for name, fig in board_charts.dashboard_figures(_board_data()).items()}
    figures.update(
        {
            "lbf:status_per_area_figure": lbf_charts.status_per_area_figure(status),
            "lbf:area_categories_figure": lbf_charts.area_categories_figure(categories),
            "lbf:indicator_figure": lbf_charts.indicator_figure(indicator, "Andel i uddannelse"),
            "enighed:headline": survey_charts.headline(_headline()),
            "enighed:divergence": survey_charts.divergence([diff]),
            "enighed:trend": survey_charts.trend(
                [{"maaling": SimpleNamespace(runde=r), "headline": _headline()} for r in (1, 2)]
            ),
            "enighed:distribution": survey_charts.distribution(
                [
                    {
                        "blok_label": "Problemer",
                        "label": "Strategisk",
                        "vaerdier": [0.5, 0.8],
                        "niveau": "strategisk",
                    }
                ]
            ),
        }
    )
    return figures


#: The functions that build a figure, and the sample above that calls each.
COVERED = {
    board_charts: {"trend", "bars", "participants", "attendance", "dashboard_figures"},
    lbf_charts: {"status_per_area_figure", "area_categories_figure", "indicator_figure"},
    survey_charts: {"headline", "divergence", "trend", "distribution"},
}


def _builders(module) -> set[str]:
    """Functions of ``module`` that make a figure (they call a figure constructor or return
    a dict with "data" and "layout")."""
    tree = ast.parse(inspect.getsource(module))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            source = ast.unparse(node)
            if "go.Figure(" in source or "styled(" in source or '"layout"' in source and '"data"' in source:
                found.add(node.name)
    return found


@pytest.mark.parametrize("module", CHART_MODULES, ids=lambda m: m.__name__)
def test_every_figure_builder_is_walked_by_this_test(module):
    assert _builders(module) <= COVERED[module]


def test_no_figure_is_built_outside_the_chart_modules():
    allowed = {Path(m.__file__).resolve() for m in CHART_MODULES} | {Path(charts.__file__).resolve()}
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {"tests", "bench", ".venv", "node_modules"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.resolve() not in allowed and re.search(r"go\.Figure\(|graph_objects", text):
            offenders.append(str(path))
    assert offenders == []


@pytest.fixture(scope="module")
def figures():
    return _figures()


def test_every_figure_carries_the_one_template(figures):
    assert len(figures) >= 13
    for name, fig in figures.items():
        layout = fig["layout"]
        assert layout["template"] == charts.TEMPLATE, name
        assert layout["xaxis"]["automargin"] is True, name
        assert layout["yaxis"]["automargin"] is True, name
        # Nothing of plotly's own grey template is left over.
        assert "plotly" not in str(layout.get("template", {}).get("layout", {}).get("plot_bgcolor", "")), name


COUNTED = {
    "board:fig-status": "y",
    "board:fig-delmaal": "y",
    "board:fig-organisation": "y",
    "board:fig-niveau": "y",
    "board:fig-deltagere": "y",
    "lbf:status_per_area_figure": "y",
    "lbf:area_categories_figure": "y",
}


@pytest.mark.parametrize("name,axis", COUNTED.items())
def test_axes_that_count_have_whole_number_ticks(figures, name, axis):
    counted = figures[name]["layout"][f"{axis}axis"]
    assert counted["tickformat"] == ",d"
    assert counted["rangemode"] == "tozero"
    assert counted.get("dtick", 1) == 1  # few things: one tick per unit, never 0.5


def test_count_axis_lets_plotly_space_many_ticks_but_keeps_them_whole():
    assert charts.count_axis(3)["dtick"] == 1
    assert "dtick" not in charts.count_axis(250)
    assert charts.count_axis(250)["tickformat"] == ",d"


def test_stacked_bars_count_their_total():
    fig = charts.styled(
        {
            "data": [{"type": "bar", "x": ["a"], "y": [6]}, {"type": "bar", "x": ["a"], "y": [6]}],
            "layout": {"barmode": "stack"},
        },
        counts="y",
    )
    assert "dtick" not in fig["layout"]["yaxis"]  # 12 in the stack: more than 10 ticks


def test_long_category_labels_wrap_instead_of_being_cut(figures):
    x = figures["lbf:status_per_area_figure"]["data"][0]["x"]
    assert x == ["Forebyggelse og<br>forældreansvar"]
    assert charts.wrap_label("<b>Unge & job</b>", 8) == "&lt;b&gt;Unge<br>&amp;<br>job&lt;/b&gt;"


def test_legends_sit_above_the_plot_never_over_data_or_axis_titles(figures):
    for name, fig in figures.items():
        legend = {**charts.TEMPLATE["layout"]["legend"], **fig["layout"].get("legend", {})}
        assert legend["y"] >= 1 and legend["yanchor"] == "bottom", name


def test_target_markers_are_large_and_dark(figures):
    target = next(t for t in figures["lbf:indicator_figure"]["data"] if t["name"] == "Måltal")
    assert target["marker"]["size"] >= 20
    assert target["marker"]["line"]["width"] >= 2
    star = next(t for t in figures["board:fig-kriterie-7"]["data"] if t["name"] == "Mål")
    assert star["marker"]["size"] >= 14


def test_status_bars_have_status_colours_and_patterns_in_every_chart(figures):
    board = figures["board:fig-status"]["data"][0]["marker"]
    assert board["color"] == [
        charts.STATUS[s].colour for s in ("paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data")
    ]
    assert board["pattern"]["shape"] == ["", "/", "x", "."]
    lbf = {t["name"]: t["marker"]["color"] for t in figures["lbf:status_per_area_figure"]["data"]}
    assert lbf["På sporet"] == charts.STATUS["paa_sporet"].colour
    assert lbf["Ikke på sporet"] == charts.STATUS["ikke_paa_sporet"].colour
    delmaal = figures["board:fig-delmaal"]["data"][0]["marker"]["color"]
    assert delmaal == [charts.STATUS["paa_sporet"].colour, charts.STATUS["i_risiko"].colour]


# --- colour-blind readers: Machado, Oliveira & Fernandes (2009), full severity -----------------
_CVD = {
    "protan": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deutan": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritan": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(hex_colour: str) -> tuple[float, ...]:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)


def _lab(linear: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    lin = _linear(hex_colour)
    return _lab(tuple(sum(m * c for m, c in zip(row, lin, strict=True)) for row in matrix))


@pytest.mark.parametrize("kind", [*_CVD, "normal"])
def test_status_colours_are_told_apart_by_colour_blind_readers(kind):
    identity = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
    seen = {code: _seen(style.colour, _CVD.get(kind, identity)) for code, style in charts.STATUS.items()}
    codes = list(seen)
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            distance = sum((p - q) ** 2 for p, q in zip(seen[a], seen[b], strict=True)) ** 0.5
            assert distance > 25, (kind, a, b, round(distance, 1))


def test_the_stylesheet_uses_the_same_status_colours():
    css = (Path(settings.BASE_DIR) / "static/portal/portal.css").read_text(encoding="utf-8")
    for code, style in charts.STATUS.items():
        rule = re.search(rf"\.status-{code}\s*{{([^}}]*)}}", css)
        assert rule, code
        assert style.colour in rule.group(1).lower(), code
        assert style.text_colour in rule.group(1).lower(), code


def test_every_board_chart_keeps_its_table_and_downloads():
    data = _board_data()
    drawn = {name.removeprefix("fig-") for name in board_charts.dashboard_figures(data)}
    for name in drawn - {"kriterie-7"}:
        assert name in board_charts.CHARTS, name
        header, rows = board_charts.table_rows(data, name)
        assert header and rows, name
    assert board_charts.table_rows(data, "organisation")[1] == [["Kommune", 3], ["Boligorganisation", 2]]


def test_every_national_chart_keeps_its_table():
    frames = {
        "status": pd.DataFrame(
            [{"omraade": LONG_AREA, "paa_sporet": 3, "i_risiko": 1, "ikke_paa_sporet": 0, "ingen_data": 2}]
        ),
        "kategorier": pd.DataFrame([{"aar": 2021, "kategori": "udsat", "antal": 2}]),
        "indikator": pd.DataFrame(
            [{"plan": "Solbakken", "faktisk": 40.0, "baseline": 35.0, "maal": 50.0, "periode_slut": None}]
        ),
    }
    assert set(frames) == set(lbf_charts.CHARTS)
    assert lbf_charts.table("status", frames["status"])[1] == [[LONG_AREA, 3, 1, 0, 2]]
    assert lbf_charts.table("kategorier", frames["kategorier"])[1] == [[2021, "Udsat boligområde", 2]]
    assert lbf_charts.table("indikator", frames["indikator"])[1][0][:4] == ["Solbakken", 40.0, 35.0, 50.0]
