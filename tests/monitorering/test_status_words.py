"""A criterion's status in words (issue 18): the sentence comes from the same rule that
decides the status (monitorering.engine.rules), with the values that decided it."""

from decimal import Decimal as D

import pytest

from monitorering.engine.rules import status, status_sentence
from monitorering.models import Indikator, Sporstatus

UP = Indikator.Retning.HOEJERE
DOWN = Indikator.Retning.LAVERE


@pytest.mark.parametrize(
    ("actual", "expected", "tol", "retning", "verdict", "sentence"),
    [
        ("50", "45", "2", UP, "paa_sporet", "På sporet: 50 er på eller foran den forventede værdi 45."),
        (
            "44",
            "45",
            "2",
            UP,
            "paa_sporet",
            "På sporet: 44 er 1 bag den forventede værdi 45, inden for tolerancen på 2.",
        ),
        (
            "41,5",
            "45",
            "2",
            UP,
            "i_risiko",
            "I risiko: 41,5 er 3,5 bag den forventede værdi 45; det er mere end tolerancen på 2, "
            "men højst 4.",
        ),
        (
            "30",
            "20",
            "2",
            DOWN,
            "ikke_paa_sporet",
            "Ikke på sporet: 30 er 10 bag den forventede værdi 20; det er mere end 4 (to gange tolerancen).",
        ),
    ],
)
def test_the_sentence_says_why_with_the_deciding_values(actual, expected, tol, retning, verdict, sentence):
    a, e, t = (D(x.replace(",", ".")) for x in (actual, expected, tol))
    assert status(a, e, t, retning) == verdict
    assert status_sentence(a, e, t, retning) == sentence


def test_no_data_in_words():
    assert status(None, D(1), D(1), UP) == Sporstatus.INGEN_DATA
    assert status_sentence(None, D(1), D(1), UP).startswith("Ingen data: der er ingen måling")
