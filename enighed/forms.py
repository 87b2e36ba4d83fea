"""Forms of the agreement survey: create, edit questions, answer."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.fields import DateField
from portal.widgets import DateInput

from .models import SKALA_MAX, SKALA_MIN, Spoergsmaal
from .services import QuestionEdit

SCALE_LABELS: dict[str, tuple] = {
    Spoergsmaal.Type.VIGTIGHED: (_("Slet ikke vigtigt"), _("Meget vigtigt")),
    Spoergsmaal.Type.ADRESSERER: (_("Slet ikke"), _("I meget høj grad")),
    Spoergsmaal.Type.OPBAKNING: (_("Slet ikke"), _("I meget høj grad")),
}


class MaalingForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200, required=False)
    runde = forms.IntegerField(label=_("Runde (år)"), min_value=2000, max_value=2100)
    lukkedato = DateField(label=_("Lukkedato"), widget=DateInput())
    inkluder_fora = forms.BooleanField(
        label=_("Medtag politiske fora og beboerfora som en tredje gruppe"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["runde"].initial = today.year
        self.fields["lukkedato"].initial = today + datetime.timedelta(days=21)


class SpoergsmaalForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput)
    tekst = forms.CharField(label=_("Spørgsmål"), max_length=500)
    medtag = forms.BooleanField(label=_("Medtag"), required=False, initial=True)

    def edit(self) -> QuestionEdit:
        return QuestionEdit(
            pk=self.cleaned_data["pk"], tekst=self.cleaned_data["tekst"], medtag=self.cleaned_data["medtag"]
        )


SpoergsmaalFormSet = forms.formset_factory(SpoergsmaalForm, extra=0)


class BesvarelseForm(forms.Form):
    """One field per question: a 1-5 radio row (optional, so a respondent may skip) or a
    free-text box. Field names are ``q<id>``."""

    def __init__(self, *args, spoergsmaal: list[Spoergsmaal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.spoergsmaal = spoergsmaal
        for q in spoergsmaal:
            name = f"q{q.pk}"
            if q.er_skala:
                low, high = SCALE_LABELS.get(q.type, ("", ""))
                self.fields[name] = forms.TypedChoiceField(
                    label=q.tekst,
                    choices=[(v, str(v)) for v in range(SKALA_MIN, SKALA_MAX + 1)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=f"1 = {low}, 5 = {high}",
                )
            else:
                self.fields[name] = forms.CharField(
                    label=q.tekst, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
                )

    def rows(self) -> list[tuple[Spoergsmaal, forms.BoundField, str]]:
        """(question, bound field, section heading where a new section starts)."""
        rows, section = [], None
        for q in self.spoergsmaal:
            key = "problem" if q.type == Spoergsmaal.Type.VIGTIGHED else q.indsatsomraade_id
            heading = ""
            if key != section:
                section = key
                if key == "problem":
                    heading = str(_("Problemerne i området"))
                else:
                    heading = str(
                        _("Løsningerne: %(omraade)s") % {"omraade": q.indsatsomraade or _("øvrige")}
                    )
            rows.append((q, self[f"q{q.pk}"], heading))
        return rows

    def vaerdier(self) -> dict[int, int | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.spoergsmaal if q.er_skala}

    def tekster(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") or "" for q in self.spoergsmaal if not q.er_skala}
