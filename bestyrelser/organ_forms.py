"""Forms for a plan's bodies and their members (``bestyrelser.organisering`` persists)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhedsplaner.forms import bootstrap_widgets
from helhedsplaner.models import Boligorganisation, Delaftale, Forvaltning
from portal.fields import DateField, IdsChoiceField

from .models import Medlemskab, Organ
from .organisering import MedlemData


class DelaftaleField(IdsChoiceField):
    def label_from_instance(self, obj: Delaftale) -> str:
        return str(obj.indsatsomraade)


class OrganForm(forms.ModelForm):
    daekker = DelaftaleField(
        Delaftale.objects.none(),
        label=_("Følger delaftaler"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De delaftaler, gruppen følger og accepterer statusrapporter for."),
    )

    class Meta:
        model = Organ
        fields = ["navn", "type", "rapporterer_til", "kommissorium", "moeder_pr_aar"]
        widgets = {"kommissorium": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.helhedsplan = plan
        cast(forms.ModelChoiceField, self.fields["rapporterer_til"]).queryset = Organ.objects.filter(
            helhedsplan=plan
        ).exclude(pk=self.instance.pk)
        cast(DelaftaleField, self.fields["daekker"]).queryset = (
            Delaftale.objects.filter(helhedsplan=plan)
            .select_related("indsatsomraade")
            .order_by("indsatsomraade__navn")
        )
        self.fields["moeder_pr_aar"].validators.append(MaxValueValidator(52))
        self.fields["moeder_pr_aar"].widget.attrs["max"] = 52
        if self.instance.pk:
            self.fields["daekker"].initial = list(self.instance.daekker.all())
        bootstrap_widgets(self)


class MedlemForm(forms.Form):
    navn = forms.CharField(label=_("Navn"), max_length=160)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    stilling = forms.CharField(label=_("Stilling"), required=False, max_length=160)
    rolle = forms.ChoiceField(
        label=_("Rolle"), choices=Medlemskab.Rolle.choices, initial=Medlemskab.Rolle.MEDLEM
    )
    repraesenterer = forms.ChoiceField(label=_("Repræsenterer"), choices=Medlemskab.Repraesenterer.choices)
    forvaltning_navn = forms.CharField(
        label=_("Forvaltning (kommune)"),
        required=False,
        max_length=160,
        help_text=_("Når medlemmet repræsenterer kommunen, fx »Børne- og Ungeforvaltningen«."),
    )
    forvaltning_omraade = forms.ChoiceField(
        label=_("Forvaltningens fagområde"), required=False, choices=[("", "–"), *Forvaltning.Omraade.choices]
    )
    boligorganisation = forms.ModelChoiceField(
        Boligorganisation.objects.none(), label=_("Boligorganisation"), required=False
    )
    organisation = forms.CharField(
        label=_("Organisation (andre)"),
        required=False,
        max_length=160,
        help_text=_("Fx politikreds, forening eller virksomhed."),
    )
    niveau = forms.ChoiceField(label=_("Niveau"), choices=Medlemskab.Niveau.choices)
    fra = DateField(label=_("Medlem fra"))
    inviter = forms.BooleanField(
        label=_("Giv personen adgang til portalen (invitation pr. e-mail)"), required=False
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        kwargs.setdefault("initial", {"fra": timezone.localdate()})
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["boligorganisation"]
        ).queryset = plan.boligorganisationer.all()
        bootstrap_widgets(self)

    def medlem_data(self) -> MedlemData:
        d: dict[str, Any] = self.cleaned_data
        return MedlemData(
            navn=d["navn"],
            email=d.get("email", ""),
            stilling=d.get("stilling", ""),
            rolle=d["rolle"],
            repraesenterer=d["repraesenterer"],
            niveau=d["niveau"],
            fra=d["fra"],
            forvaltning_navn=d.get("forvaltning_navn", ""),
            forvaltning_omraade=d.get("forvaltning_omraade", ""),
            boligorganisation=d.get("boligorganisation"),
            organisation=d.get("organisation", ""),
            inviter=d.get("inviter", False),
        )
