"""Forms for meetings. They validate and present; services persist."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from helhedsplaner.forms import GoalsField
from helhedsplaner.models import Delaftale
from monitorering.models import Indikator
from portal.fields import CalendarDateTimeField, DateField, IdsChoiceField
from portal.widgets import DateInput

from .models import Dagsordenspunkt, Handlingspunkt, Moede, Person


class MoedeForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Moede
        fields = ["tidspunkt", "sted", "status"]
        field_classes = {"tidspunkt": CalendarDateTimeField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision


class DagsordenspunktForm(forms.ModelForm):
    class Meta:
        model = Dagsordenspunkt
        fields = ["titel", "type", "indstilling", "strategiske_maal", "delaftaler", "indikatorer"]
        field_classes = {
            "strategiske_maal": GoalsField,
            "delaftaler": IdsChoiceField,
            "indikatorer": IdsChoiceField,
        }
        widgets = {
            "indstilling": forms.Textarea(attrs={"rows": 4}),
            "strategiske_maal": forms.CheckboxSelectMultiple,
            "delaftaler": forms.CheckboxSelectMultiple,
            "indikatorer": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        linked = self.instance.strategiske_maal.values_list("pk", flat=True) if self.instance.pk else []
        cast(GoalsField, self.fields["strategiske_maal"]).offer(plan, linked)
        cast(forms.ModelMultipleChoiceField, self.fields["delaftaler"]).queryset = Delaftale.objects.filter(
            helhedsplan=plan
        ).select_related("indsatsomraade")
        cast(forms.ModelMultipleChoiceField, self.fields["indikatorer"]).queryset = Indikator.objects.filter(
            succeskriterier__strategisk_maal__samarbejdsaftale__helhedsplan=plan
        ).distinct()
        for name in ("strategiske_maal", "delaftaler", "indikatorer"):
            self.fields[name].required = False


class BilagForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=255, required=False)
    fil = forms.FileField(label=_("Fil"))


class BeslutningForm(forms.Form):
    tekst = forms.CharField(
        label=_("Beslutning"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv beslutningen.")},
    )


class HandlingspunktForm(forms.Form):
    tekst = forms.CharField(label=_("Handling"), max_length=255)
    ansvarlig = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=Person.objects.none())
    frist = DateField(label=_("Frist"), widget=DateInput())

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["ansvarlig"]).queryset = Person.objects.filter(
            medlemskaber__organ__helhedsplan=plan
        ).distinct()


class HandlingspunktStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Handlingspunkt.Status.choices)


class KommentarForm(forms.Form):
    tekst = forms.CharField(
        label=_("Spørgsmål eller kommentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv en kommentar.")},
    )
    svar_paa = forms.IntegerField(required=False, widget=forms.HiddenInput)
