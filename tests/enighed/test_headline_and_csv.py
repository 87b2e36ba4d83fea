"""Issue 12: the headline says when the levels disagree, a shown figure never contradicts
its label, and the results CSV is written by portal.exports (semicolons, decimal comma,
UTF-8 BOM, formula-safe)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from enighed import analysis, services
from enighed.models import Blok, Enighedsresultat, Niveau, Niveauforskel
from tests.enighed.factories import answer_all, open_survey, survey_plan

pytestmark = pytest.mark.django_db

EVIL_QUESTION = ";=cmd|' /C calc'!A0"


def _survey(plan, user, *, strategic: int, practical_problem: int, practical_solution: int, tekst=None):
    """Three strategic and three practical respondents; every strategic answer is
    ``strategic``, practical answers are ``practical_problem`` / ``practical_solution`` (one
    value, or one per practical respondent)."""
    survey_plan(plan, board=4, group=3, forum=0)
    maaling = open_survey(user, plan)
    questions = [q for q in maaling.spoergsmaal.order_by("nummer") if q.er_skala]
    if tekst is not None:
        type(questions[0]).objects.filter(pk=questions[0].pk).update(tekst=tekst)
    solutions = practical_solution if isinstance(practical_solution, list) else [practical_solution] * 3
    practical = [
        [value if q.blok == Blok.LOESNING else practical_problem for q in questions] for value in solutions
    ]
    answer_all(maaling, Niveau.STRATEGISK, [[strategic] * len(questions)] * 3)
    answer_all(maaling, Niveau.PRAKTISK, practical)
    services.enighedsmaaling_close(user=user, maaling=maaling)
    services.analysis_run(maaling_id=maaling.pk)
    return maaling


def _headline_table(html: str) -> str:
    start = html.index('id="tabel-hovedtal"')
    return html[start : html.index("</table>", start)]


def _row(table: str, label: str) -> list[str]:
    row = table[table.index(label) :].split("</tr>")[0]
    return re.findall(r"<td>(.*?)</td>", row, flags=re.S)


def test_headline_says_the_levels_disagree_when_pooled_rwg_looks_like_agreement(
    client, plan_a, projektleder_a
):
    # Practical respondents answer 3, 3 and 2 on solutions: 1,33 points below the strategic
    # level, yet with three people per level the 95 % interval still includes 0.
    maaling = _survey(plan_a, projektleder_a, strategic=4, practical_problem=4, practical_solution=[3, 3, 2])
    between = Enighedsresultat.objects.get(
        maaling=maaling, omfang="blok", blok=Blok.LOESNING, niveau="mellem"
    )
    gap = Niveauforskel.objects.get(
        maaling=maaling, spoergsmaal=None, blok=Blok.LOESNING, niveau_a="strategisk", niveau_b="praktisk"
    )
    # The trap: taken together the two levels "agree" by r_wg(J), yet their means differ.
    assert between.rwg >= analysis.RWG_CUTOFF
    assert abs(gap.forskel) >= 1 and gap.ci_lav < 0 < gap.ci_hoej
    client.force_login(projektleder_a)
    html = client.get(reverse("enighed:resultater", args=[maaling.pk])).content.decode()
    headline = html[html.index('id="hovedtal-titel"') : html.index('id="tabel-hovedtal"')]
    point = f"{abs(gap.forskel):.2f}".replace(".", ",")
    assert f"Uenighed mellem niveauerne om løsninger: {point} point" in headline
    assert "niveauerne om problemer" not in headline  # the levels agree on problems
    problems, solutions = _row(_headline_table(html), "Mellem niveauerne")
    assert "niveauerne uenige" in solutions and ">enig<" not in solutions
    assert ">enig<" in problems


def test_a_shown_value_is_labelled_by_what_it_shows(client, plan_a, projektleder_a):
    maaling = _survey(plan_a, projektleder_a, strategic=4, practical_problem=4, practical_solution=4)
    rows = Enighedsresultat.objects.filter(maaling=maaling, omfang="blok", niveau="strategisk")
    rows.filter(blok=Blok.PROBLEM).update(rwg=0.699, ad=0.834)  # shown as 0,70 and 0,83
    rows.filter(blok=Blok.LOESNING).update(rwg=0.694)  # shown as 0,69
    client.force_login(projektleder_a)
    html = client.get(reverse("enighed:resultater", args=[maaling.pk])).content.decode()
    problems, solutions = _row(_headline_table(html), "Inden for det strategiske niveau")
    assert "0,70</span> <span" in problems and ">enig<" in problems
    assert "0,69</span> <span" in solutions and ">uenig<" in solutions


def test_results_csv_is_semicolon_decimal_comma_bom_and_formula_safe(client, plan_a, projektleder_a):
    maaling = _survey(
        plan_a, projektleder_a, strategic=4, practical_problem=4, practical_solution=3, tekst=EVIL_QUESTION
    )
    client.force_login(projektleder_a)
    response = client.get(reverse("enighed:resultater_csv", args=[maaling.pk]))
    body = response.content
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["omfang", "blok", "gruppe"] and len(rows[0]) == 11
    gap = Niveauforskel.objects.get(
        maaling=maaling, spoergsmaal=None, blok=Blok.LOESNING, niveau_a="strategisk", niveau_b="praktisk"
    )
    block_row = next(r for r in rows if r[:4] == ["forskel", "loesning", "strategisk", "praktisk"])
    assert block_row[7] == f"{gap.forskel:.3f}".replace(".", ",")
    assert not re.search(r"\d\.\d", text)  # no decimal points anywhere
    # The question text stays inside its cell and no cell starts a formula.
    question_cells = [r[3] for r in rows if r and r[0] == "spoergsmaal" and EVIL_QUESTION in r[3]]
    assert question_cells and all(c.endswith(EVIL_QUESTION) for c in question_cells)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
