"""The error summary at the top of every form (``{% error_summary %}``, and crispy's
``errors.html``): each error with its field's label, linked to the field, and each field
linked to its own message by ``aria-describedby``."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template

from portal.templatetags.formularer import errors_of


class Moede(forms.Form):
    titel = forms.CharField(label="Titel", max_length=5)
    antal = forms.IntegerField(label="Antal")
    skjult = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        if self.data.get("titel") == "gl":  # as a revision check answers a stale form
            raise forms.ValidationError("Mødet er ændret af en anden.")


Raekker = forms.formset_factory(Moede, extra=0)


def render(source: str, **context) -> str:
    return Template("{% load formularer crispy_forms_tags %}" + source).render(Context(context))


def test_summary_lists_every_error_linked_to_its_field():
    form = Moede(data={"titel": "gl", "antal": "mange"})
    html = render("{% error_summary form %}", form=form)
    assert "data-error-summary" in html and 'role="alert"' in html and 'tabindex="-1"' in html
    assert '<a class="alert-link" href="#id_antal">Antal</a>: Indtast et heltal.' in html
    assert "Mødet er ændret af en anden." in html
    assert 'href="#id_skjult"' not in html  # a hidden field cannot take focus: text only
    assert "ret 3 fejl" in html
    long = render(
        "{% error_summary form %}", form=Moede(data={"titel": "for lang", "antal": "1", "skjult": "x"})
    )
    assert '<a class="alert-link" href="#id_titel">Titel</a>:' in long


def test_an_unbound_or_valid_form_shows_no_summary():
    assert "data-error-summary" not in render("{% error_summary form %}", form=Moede())
    ok = forms.Form(data={})
    assert ok.is_valid()
    assert render("{% error_summary form %}", form=ok).strip() == ""


def test_formset_rows_are_numbered():
    formset = Raekker(
        data={
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-titel": "a",
            "form-0-antal": "1",
            "form-0-skjult": "x",
            "form-1-titel": "b",
            "form-1-antal": "x",
            "form-1-skjult": "x",
        }
    )
    labels = [(f.label, f.anchor) for f in errors_of(formset) if f.label]
    assert ("Række 2: Antal", "id_form-1-antal") in labels


def test_reload_link_only_when_the_form_itself_is_stale():
    stale = Moede(data={"titel": "gl", "antal": "1", "skjult": "x"})
    assert "Genindlæs den nyeste version" in render('{% error_summary form genindlaes="/x/" %}', form=stale)
    assert "Genindlæs" not in render(
        '{% error_summary form genindlaes="/x/" %}', form=Moede(data={"titel": "a"})
    )


def test_crispy_forms_get_the_summary_and_fields_point_at_their_messages():
    form = Moede(data={"titel": "a", "antal": "mange", "skjult": "x"})
    html = render("{{ form|crispy }}", form=form)
    assert html.count("data-error-summary") == 1
    assert 'aria-describedby="id_antal_error"' in html and 'id="id_antal_error"' in html


def test_hand_laid_fields_point_at_their_messages():
    form = Moede(data={"titel": "a", "antal": "mange", "skjult": "x"})
    html = render(
        '{{ form.antal }}{% include "includes/field_errors.html" with field=form.antal %}', form=form
    )
    described = re.search(r'aria-describedby="([^"]+)"', html).group(1)
    assert f'id="{described}"' in html and "Indtast et heltal." in html
