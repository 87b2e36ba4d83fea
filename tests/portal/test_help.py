"""Help (issue 18): a public glossary with an anchor per term, ``{% term %}`` links from the
main pages to it, and the accessibility statement linked from every page's footer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from portal import glossary

pytestmark = pytest.mark.django_db

REQUIRED_TERMS = {
    "styringsstreng",
    "samarbejdsaftale",
    "delaftale",
    "succeskriterie",
    "delmaal",
    "foelgegruppe",
    "indsatsomraade",
    "helhedsplan",
    "bestyrelse",
    "projektleder",
    "udsat_boligomraade",
}


def test_the_glossary_is_public_and_has_an_anchor_per_term(client):
    response = client.get(reverse("ordliste"))
    assert response.status_code == 200
    page = response.content.decode()
    assert {e.key for e in glossary.ENTRIES} >= REQUIRED_TERMS
    for entry in glossary.ENTRIES:
        assert f'id="{entry.anchor}"' in page
        assert f'href="#{entry.anchor}"' in page
    assert "Styringsstreng" in page


def test_the_glossary_has_each_term_once():
    keys = [e.key for e in glossary.ENTRIES]
    names = [str(e.name).lower() for e in glossary.ENTRIES]
    assert len(keys) == len(set(keys)) and len(names) == len(set(names))


def test_the_accessibility_statement_is_public_and_complete(client):
    response = client.get(reverse("tilgaengelighed"))
    assert response.status_code == 200
    page = response.content.decode()
    for part in (
        "Overholdelsesstatus",
        "Kendte problemer",
        "Kontakt os",
        "Digitaliseringsstyrelsen",
        "WCAG 2.1",
    ):
        assert part in page, part
    assert f"mailto:{settings.ACCESSIBILITY_CONTACT}" in page
    # Issue 18: the meeting's time is typed as dd.mm.åååå tt:mm too, so it is no known issue.
    assert "browserens eget felt for dato og klokkeslæt" not in page
    assert "undtagen et mødes tidspunkt" not in page


def test_every_page_links_the_glossary_and_the_statement_from_its_footer(client):
    page = client.get(reverse("login")).content.decode()
    footer = page[page.index("<footer") :]
    assert reverse("ordliste") in footer
    assert reverse("tilgaengelighed") in footer


def test_term_links_to_the_glossary_entry():
    html = Template('{% term "delaftale" %} {% term "delmaal" "delmål" %}').render(Context())
    assert f'<a class="term" href="{reverse("ordliste")}#term-delaftale"' in html
    assert ">Delaftale</a>" in html
    assert ">delmål</a>" in html


def test_an_unknown_term_fails_loudly():
    with pytest.raises(KeyError):
        Template('{% term "ukendt" %}').render(Context())


def test_every_term_used_in_a_template_is_in_the_glossary():
    used = set()
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        used |= set(re.findall(r'{%\s*term\s+"([^"]+)"', path.read_text(encoding="utf-8")))
    assert used, "no page links a term"
    assert used <= {e.key for e in glossary.ENTRIES}
    assert {"styringsstreng", "samarbejdsaftale", "delaftale", "succeskriterie"} <= used


def test_the_plan_page_links_its_terms_to_the_glossary(client_board_a, plan_a):
    page = client_board_a.get(plan_a.get_absolute_url()).content.decode()
    for key in ("samarbejdsaftale", "succeskriterie", "delaftale", "delmaal", "bestyrelse"):
        assert f'{reverse("ordliste")}#term-{key}"' in page, key
