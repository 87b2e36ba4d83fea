"""Forms for setting a plan up: LBF's registration, a new delaftale, a new delmål, and the
comment on a lifecycle move. They validate and present; :mod:`helhedsplaner.registration`
and :mod:`helhedsplaner.lifecycle` persist."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.fields import DateField, IdsChoiceField

from .forms import GoalsField, bootstrap_widgets
from .limits import MAX_BEBOERE, MAX_BELOEB, MAX_BOLIGER
from .models import Bevillingsperiode, Boligorganisation, Budgetpost, Indsatsomraade, Kommune, StrategiskMaal
from .registration import AfdelingData, PersonData, PlanData, budget_totals

#: Afdelinger typed in one registration (an area has a handful; this bounds the work).
MAX_AFDELINGER = 100

BUDGET_FIELDS = {
    Budgetpost.Kilde.LBF: "budget_lbf",
    Budgetpost.Kilde.KOMMUNE: "budget_kommune",
    Budgetpost.Kilde.BOLIGORGANISATION: "budget_boligorganisation",
    Budgetpost.Kilde.FOND: "budget_fond",
    Budgetpost.Kilde.ANDET: "budget_andet",
}


def _amount(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=MAX_BELOEB,
        max_digits=12,
        decimal_places=0,
        localize=True,
        help_text=_("Hele perioden, i kr."),
    )


def _whole(amount: Decimal | None) -> Decimal | None:
    """An amount in whole kroner as the budget fields show it (an amount with øre stays as
    it is, and the field asks for whole kroner)."""
    if amount is None or amount != amount.to_integral_value():
        return amount
    return amount.quantize(Decimal(1))


class PlanRegisterForm(forms.Form):
    navn = forms.CharField(label=_("Planens navn"), max_length=200)
    lbf_sagsnummer = forms.CharField(label=_("LBF-sagsnummer"), max_length=40)
    bevillingsperiode = forms.ModelChoiceField(
        Bevillingsperiode.objects.order_by("-start_aar"), label=_("Bevillingsperiode")
    )
    startdato = DateField(label=_("Startdato"))
    slutdato = DateField(label=_("Slutdato"))
    kommune = forms.ModelChoiceField(Kommune.objects.order_by("navn"), label=_("Beliggenhedskommune"))
    boligomraade = forms.CharField(label=_("Boligområde"), max_length=160)
    antal_beboere = forms.IntegerField(
        label=_("Antal beboere"), required=False, min_value=0, max_value=MAX_BEBOERE
    )
    boligorganisationer = IdsChoiceField(
        Boligorganisation.objects.order_by("navn"),
        label=_("Boligorganisationer"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    nye_boligorganisationer = forms.CharField(
        label=_("Nye boligorganisationer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Én pr. linje, hvis de ikke findes på listen."),
    )
    afdelinger = forms.CharField(
        label=_("Afdelinger"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Én afdeling pr. linje: afdelingsnummer; navn; boligorganisation; antal boliger "
            "(boligorganisation kan udelades, når planen kun har én, antal boliger altid)."
        ),
    )
    budget_lbf = _amount(_("Landsbyggefonden"))
    budget_kommune = _amount(_("Kommune"))
    budget_boligorganisation = _amount(_("Boligorganisation/afdelinger"))
    budget_fond = _amount(_("Fond"))
    budget_andet = _amount(_("Anden finansiering"))
    projektleder_navn = forms.CharField(label=_("Projektleders navn"), max_length=160)
    projektleder_email = forms.EmailField(label=_("Projektleders e-mail"), max_length=254)
    projektleder_stilling = forms.CharField(label=_("Projektleders stilling"), max_length=160, required=False)
    formand_navn = forms.CharField(label=_("Bestyrelsesformandens navn"), max_length=160)
    formand_email = forms.EmailField(label=_("Bestyrelsesformandens e-mail"), max_length=254)
    formand_stilling = forms.CharField(
        label=_("Bestyrelsesformandens stilling"), max_length=160, required=False
    )
    formand_boligorganisation = forms.CharField(
        label=_("Formanden repræsenterer boligorganisationen"),
        max_length=160,
        required=False,
        help_text=_("Navnet på en af planens boligorganisationer; tomt: den første."),
    )

    #: The page's sections: a heading and its fields (a row of columns each).
    SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (_("Plan og bevilling"), ("navn", "lbf_sagsnummer", "bevillingsperiode", "startdato", "slutdato")),
        (
            _("Område og parter"),
            (
                "kommune",
                "boligomraade",
                "antal_beboere",
                "boligorganisationer",
                "nye_boligorganisationer",
                "afdelinger",
            ),
        ),
        (
            _("Budget for hele perioden"),
            ("budget_lbf", "budget_kommune", "budget_boligorganisation", "budget_fond", "budget_andet"),
        ),
        (_("Projektleder"), ("projektleder_navn", "projektleder_email", "projektleder_stilling")),
        (
            _("Bestyrelsens formand"),
            ("formand_navn", "formand_email", "formand_stilling", "formand_boligorganisation"),
        ),
    )
    WIDE = frozenset({"navn", "afdelinger", "nye_boligorganisationer", "boligorganisationer"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)

    def sections(self) -> list[tuple[str, list[tuple[Any, str]]]]:
        return [
            (str(title), [(self[name], "col-md-6" if name in self.WIDE else "col-md-4") for name in names])
            for title, names in self.SECTIONS
        ]

    def _new_orgs(self) -> list[str]:
        lines = (n.strip() for n in self.cleaned_data.get("nye_boligorganisationer", "").splitlines())
        return list(dict.fromkeys(n[:160] for n in lines if n))

    def clean_afdelinger(self) -> list[tuple[str, str, str, int | None]]:
        rows = []
        lines = [line for line in self.cleaned_data["afdelinger"].splitlines() if line.strip()]
        if len(lines) > MAX_AFDELINGER:
            raise forms.ValidationError(_("Højst %(n)s afdelinger ad gangen.") % {"n": MAX_AFDELINGER})
        for n, line in enumerate(lines, start=1):
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1] or len(parts) > 4:
                raise forms.ValidationError(
                    _("Linje %(n)s: skriv afdelingsnummer; navn; boligorganisation; antal boliger.")
                    % {"n": n}
                )
            boliger = None
            if len(parts) == 4 and parts[3]:
                if not parts[3].isascii() or not parts[3].isdigit() or int(parts[3]) > MAX_BOLIGER:
                    raise forms.ValidationError(
                        _("Linje %(n)s: antal boliger skal være et helt tal.") % {"n": n}
                    )
                boliger = int(parts[3])
            if len(parts[0]) > 20 or len(parts[1]) > 160:
                raise forms.ValidationError(_("Linje %(n)s: nummer eller navn er for langt.") % {"n": n})
            rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else "", boliger))
        return rows

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, slut = data.get("startdato"), data.get("slutdato")
        if start and slut and slut <= start:
            self.add_error("slutdato", _("Slutdatoen skal ligge efter startdatoen."))
        if "afdelinger" in data and ("boligorganisationer" in data):
            names = [b.navn for b in data["boligorganisationer"]] + self._new_orgs()
            for nummer, _navn, org, _b in data["afdelinger"]:
                if not org and len(names) != 1:
                    self.add_error(
                        "afdelinger",
                        _("Afdeling %(nr)s: skriv boligorganisationen, når planen har flere.")
                        % {"nr": nummer},
                    )
        return data

    def _plan_data(self, **people) -> PlanData:
        d = self.cleaned_data
        orgs = list(d["boligorganisationer"])
        new = self._new_orgs()
        names = [b.navn for b in orgs] + new
        return PlanData(
            navn=d["navn"],
            kommune=d["kommune"],
            boligomraade=d["boligomraade"],
            antal_beboere=d.get("antal_beboere"),
            boligorganisationer=orgs,
            nye_boligorganisationer=new,
            afdelinger=[
                AfdelingData(nummer=nr, navn=navn, boligorganisation=org or names[0], antal_boliger=b)
                for nr, navn, org, b in d["afdelinger"]
            ],
            bevillingsperiode=d["bevillingsperiode"],
            startdato=d["startdato"],
            slutdato=d["slutdato"],
            lbf_sagsnummer=d["lbf_sagsnummer"],
            budget={kilde: d.get(name) or Decimal(0) for kilde, name in BUDGET_FIELDS.items()},
            **people,
        )

    def plan_data(self) -> PlanData:
        d = self.cleaned_data
        return self._plan_data(
            projektleder=PersonData(
                d["projektleder_navn"], d["projektleder_email"], d["projektleder_stilling"]
            ),
            formand=PersonData(d["formand_navn"], d["formand_email"], d["formand_stilling"]),
            formand_boligorganisation=d.get("formand_boligorganisation", ""),
        )


class PlanEditForm(PlanRegisterForm):
    """LBF's correction of a registered plan's master data: the registration's fields and
    rules without the people (the board's members are edited on the bodies' pages)."""

    SECTIONS = PlanRegisterForm.SECTIONS[:3]
    PEOPLE = (
        "projektleder_navn",
        "projektleder_email",
        "projektleder_stilling",
        "formand_navn",
        "formand_email",
        "formand_stilling",
        "formand_boligorganisation",
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        omraade = plan.boligomraade
        afdelinger = plan.afdelinger.select_related("boligorganisation").order_by("nummer")
        totals = budget_totals(plan)
        kwargs.setdefault(
            "initial",
            {
                "navn": plan.navn,
                "lbf_sagsnummer": plan.lbf_sagsnummer,
                "bevillingsperiode": plan.bevillingsperiode_id,
                "startdato": plan.startdato,
                "slutdato": plan.slutdato,
                "kommune": plan.kommune_id,
                "boligomraade": omraade.navn,
                "antal_beboere": omraade.antal_beboere,
                "boligorganisationer": [b.pk for b in plan.boligorganisationer.all()],
                "afdelinger": "\n".join(
                    "; ".join((a.nummer, a.navn, a.boligorganisation.navn, str(a.antal_boliger or "")))
                    for a in afdelinger
                ),
                **{name: _whole(totals.get(kilde)) for kilde, name in BUDGET_FIELDS.items()},
            },
        )
        super().__init__(*args, **kwargs)
        for name in self.PEOPLE:
            del self.fields[name]

    def plan_data(self) -> PlanData:
        return self._plan_data()


class DelaftaleCreateForm(forms.Form):
    indsatsomraade = forms.ModelChoiceField(Indsatsomraade.objects.none(), label=_("Indsatsområde"))
    formaal = forms.CharField(label=_("Formål"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        taken = plan.delaftaler.values("indsatsomraade")
        cast(
            forms.ModelChoiceField, self.fields["indsatsomraade"]
        ).queryset = plan.bevillingsperiode.indsatsomraader.exclude(pk__in=taken).order_by("navn")
        bootstrap_widgets(self)


class DelmaalCreateForm(forms.Form):
    titel = forms.CharField(label=_("Delmålets titel"), max_length=255)
    beskrivelse = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    strategiske_maal = GoalsField(
        label=_("Bidrager til strategiske mål"),
        queryset=StrategiskMaal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét strategisk mål, som delmålet bidrager til.")},
    )

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(GoalsField, self.fields["strategiske_maal"]).offer(plan)
        bootstrap_widgets(self)


class TransitionForm(forms.Form):
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)
