"""Issue 13, finding 8: the board dashboard's figures show user text literally; a title with
``<a href>`` never becomes a link in a label, tick, hover text, legend or annotation."""

from bestyrelser import charts
from tests.portal.chart_checks import ESCAPED, HOSTILE, assert_user_text_escaped


def dashboard_data_with(text: str) -> dict:
    """The part of ``dashboard_data`` the figures read, ``text`` in every text a user gives."""
    kriterie = {
        "id": 7,
        "beskrivelse": text,
        "baseline": 8.0,
        "seneste": 12.5,
        "status_label": "På sporet",
        "maal": 40.0,
        "maal_dato": "2026-12-31",
        "serie": [
            {"periode": "2024-06-30", "forventet": 10.0, "faktisk": 11.0, "maal": 30.0},
            {"periode": "2024-12-31", "forventet": 12.0, "faktisk": 12.5, "maal": 40.0},
        ],
        "maalskift": [
            {
                "ikraft_fra": "2024-07-01",
                "periode": "2024-12-31",
                "version": 2,
                "maal": 40.0,
                "begrundelse": text,
            }
        ],
    }
    return {
        "statusfordeling": {text: 1, "På sporet": 2},
        "praksis": {
            "delmaal_status": {text: 3},
            "deltagere": [{"omraade": text, "kvartal": "2024-03-31", "deltagere": 5}],
        },
        "bestyrelse": {
            "organisation": {text: 2},
            "niveau": {text: 1},
            "fremmoede": [{"dato": text, "deltog": 3, "i_alt": 4}],
        },
        "maal": [{"omraade": text, "maal": [{"nummer": 1, "titel": text, "kriterier": [kriterie]}]}],
    }


def test_every_dashboard_figure_escapes_user_text():
    figures = charts.dashboard_figures(dashboard_data_with(HOSTILE))
    assert set(figures) == {
        "fig-status",
        "fig-delmaal",
        "fig-deltagere",
        "fig-organisation",
        "fig-niveau",
        "fig-fremmoede",
        "fig-kriterie-7",
    }
    for figure in figures.values():
        assert_user_text_escaped(figure)


def test_target_change_reason_is_escaped_in_the_annotation_hover():
    figure = charts.dashboard_figures(dashboard_data_with(HOSTILE))["fig-kriterie-7"]
    (note,) = figure["layout"]["annotations"]
    assert note["hovertext"].endswith(f": {ESCAPED}")


def test_tables_and_downloads_keep_the_text_as_written():
    # Escaping is for plotly only: the table toggle and CSV/Excel show the text itself.
    _header, rows = charts.table_rows(dashboard_data_with(HOSTILE), "kriterier")
    assert rows[0][:3] == [HOSTILE, f"1. {HOSTILE}", HOSTILE]
