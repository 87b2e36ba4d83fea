"""Issue 13, finding 8: the national charts show plan, area and indicator names literally."""

import pandas as pd

from tests.portal.chart_checks import HOSTILE, assert_user_text_escaped
from tilsyn import charts


def test_status_per_area_escapes_area_names():
    df = pd.DataFrame(
        [{"omraade": HOSTILE, "paa_sporet": 1, "i_risiko": 0, "ikke_paa_sporet": 2, "ingen_data": 0}]
    )
    assert_user_text_escaped(charts.status_per_area_figure(df), times=4)  # one bar trace per status


def test_indicator_figure_escapes_plan_names_and_the_indicator_title():
    df = pd.DataFrame([{"plan": HOSTILE, "faktisk": 10.0, "maal": 20.0, "baseline": 5.0}])
    figure = charts.indicator_figure(df, HOSTILE)
    assert_user_text_escaped(figure, times=4)  # three traces' x and the title
    # the indicator names the value axis (the heading above the chart is the page's own)
    assert "&lt;a href" in figure["layout"]["yaxis"]["title"]["text"]


def test_area_categories_escape_an_unknown_category_label():
    df = pd.DataFrame([{"kategori": HOSTILE, "aar": 2024, "antal": 3}])
    assert_user_text_escaped(charts.area_categories_figure(df))
