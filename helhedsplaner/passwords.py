"""Password validator (``AUTH_PASSWORD_VALIDATORS``): no plan or area names in passwords.

A board member's obvious password is the name of their plan or housing area
("Solbakken2026!"). Refused: any password containing (case-insensitively, ignoring spaces
and hyphens) the full name of a Helhedsplan or Boligomraade, or one of its significant
words (four letters or more, not a generic word such as "helhedsplan").
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Boligomraade, Helhedsplan

# Words in many names that say nothing about a particular plan or area.
GENERIC_WORDS = frozenset(
    {
        "helhedsplan",
        "helhedsplanen",
        "boligomraade",
        "boligområde",
        "boligområdet",
        "afdeling",
        "boligselskab",
        "boligforening",
        "bebyggelse",
        "bebyggelsen",
        "parken",
        "vej",
        "vejen",
        "gade",
        "gaden",
        "nord",
        "syd",
        "øst",
        "vest",
        "og",
    }
)
MIN_WORD_LENGTH = 4


def _squash(text: str) -> str:
    return re.sub(r"[\s\-_.]+", "", text.casefold())


def significant_terms(names: list[str]) -> set[str]:
    terms: set[str] = set()
    for name in names:
        full = _squash(name)
        if len(full) >= MIN_WORD_LENGTH:
            terms.add(full)
        for word in re.findall(r"\w+", name.casefold()):
            if len(word) >= MIN_WORD_LENGTH and word not in GENERIC_WORDS and not word.isdigit():
                terms.add(word)
    return terms


class PlanNameValidator:
    """Refuses passwords that are, or contain, the name of a plan or housing area."""

    def _terms(self) -> set[str]:
        names = list(Helhedsplan.objects.values_list("navn", flat=True))
        names += list(Boligomraade.objects.values_list("navn", flat=True))
        return significant_terms(names)

    def validate(self, password: str, user=None) -> None:
        squashed = _squash(password)
        # The message names no plan: that would let anyone probe for plans they cannot see.
        if any(term in squashed for term in self._terms()):
            raise ValidationError(
                _(
                    "Adgangskoden må ikke indeholde navnet på en helhedsplan eller et boligområde. "
                    "Vælg noget, der ikke kan gættes ud fra, hvor du er med."
                ),
                code="password_contains_plan_name",
            )

    def get_help_text(self) -> str:
        return _("Adgangskoden må ikke indeholde navnet på en helhedsplan eller et boligområde.")
