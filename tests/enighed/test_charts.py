"""Issue 13, finding 8: a delmål title with ``<a href>`` reaches the survey's charts as the
question's topic; plotly.js would draw it as a link. Every enighed figure escapes it."""

import json
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from enighed import charts, services
from enighed.models import Niveau
from helhedsplaner.models import Delmaal
from tests.enighed.factories import answer_all, open_survey, survey_plan
from tests.portal.chart_checks import HOSTILE, assert_user_text_escaped


def _figure(html: str, figure_id: str) -> dict:
    found = re.search(rf'<script id="{figure_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, figure_id
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_a_delmaal_title_with_a_link_is_shown_as_text_in_the_divergence_chart(client, plan_a, projektleder_a):
    setting = survey_plan(plan_a, board=4, group=3, forum=0)
    Delmaal.objects.filter(pk__in=[d.pk for d in setting["delmaal"]]).update(titel=HOSTILE)
    maaling = open_survey(projektleder_a, plan_a)
    questions = [q for q in maaling.spoergsmaal.order_by("nummer") if q.er_skala]
    assert any(HOSTILE in q.emne for q in questions)
    answer_all(maaling, Niveau.STRATEGISK, [[5] * len(questions)] * 3)
    answer_all(maaling, Niveau.PRAKTISK, [[1] * len(questions)] * 3)
    services.enighedsmaaling_close(user=projektleder_a, maaling=maaling)
    services.analysis_run(maaling_id=maaling.pk)

    client.force_login(projektleder_a)
    html = client.get(reverse("enighed:resultater", args=[maaling.pk])).content.decode()

    divergence = _figure(html, "fig-divergens")
    # The chart cuts the topic at 60 characters: the link's start is there, escaped.
    assert_user_text_escaped(divergence, times=0)
    labels = divergence["data"][0]["y"]
    assert sum('&lt;a href="//e.vil"&gt;' in label for label in labels) == 4  # 2 delmål x 2 questions
    assert_user_text_escaped(_figure(html, "fig-hovedtal"), times=0)


def _cell(rwg):
    return SimpleNamespace(rwg=rwg, undertrykt=rwg is None)


def _headline(label):
    return [
        {"label": label, "niveau": "strategisk", "celler": [_cell(0.8), _cell(None)]},
        {"label": label, "niveau": "praktisk", "celler": [_cell(0.5), _cell(0.9)]},
    ]


def test_headline_trend_and_distribution_escape_their_labels():
    assert_user_text_escaped(charts.headline(_headline(HOSTILE)), times=2)
    rounds = [{"maaling": SimpleNamespace(runde=r), "headline": _headline(HOSTILE)} for r in (2023, 2024)]
    assert_user_text_escaped(charts.trend(rounds), times=4)
    cells = [{"blok_label": HOSTILE, "label": HOSTILE, "niveau": "mellem", "vaerdier": [0.5, 0.7]}]
    figure = charts.distribution(cells)
    assert_user_text_escaped(figure)
    # Our own line break between the block and the group stays a line break.
    assert figure["data"][0]["name"].count("<br>") == 1


def test_divergence_cuts_a_long_topic_before_escaping_it():
    topic = "&" * 100
    diff = SimpleNamespace(
        spoergsmaal=SimpleNamespace(nummer=3, emne=topic), forskel=1.0, ci_lav=0.5, ci_hoej=1.5
    )
    (label,) = charts.divergence([diff])["data"][0]["y"]
    assert label.replace("<br>", " ") == "3. " + "&amp;" * 60  # wrapped, never cut mid-entity
