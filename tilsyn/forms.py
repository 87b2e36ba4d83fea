"""Forms of LBF's audit: overview and audit filters, agreement drafts, decisions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from helhedsplaner.limits import MAX_TOLERANCE_PCT
from helhedsplaner.models import Bevillingsperiode, Helhedsplan, Indsatsomraade, Kommune, Region
from monitorering.models import Indikator
from portal.fields import DateField
from portal.formatting import user_name
from portal.widgets import DateInput, QuickSelect

from . import audit
from .selectors import SORTS


def _plain(value: Decimal | None) -> str | None:
    """A stored Decimal(14, 3) as the number it is ("78.4", "100"), not "78.400", which a
    Danish reader takes for seventy-eight thousand."""
    return None if value is None else format(value.normalize(), "f")


JA_NEJ = [("", _("Alle")), ("ja", _("Med fund")), ("nej", _("Uden fund"))]


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=100)
    kommune = forms.ModelChoiceField(
        Kommune.objects.order_by("navn"), label=_("Kommune"), required=False, widget=QuickSelect
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Alle")), *Region.choices], required=False, widget=QuickSelect
    )
    runde = forms.ModelChoiceField(
        Bevillingsperiode.objects.order_by("-start_aar"),
        label=_("Bevillingsperiode"),
        required=False,
        widget=QuickSelect,
    )
    indsatsomraade = forms.ModelChoiceField(
        Indsatsomraade.objects.order_by("navn"), label=_("Indsatsområde"), required=False, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle")), *Helhedsplan.Status.choices],
        required=False,
        widget=QuickSelect,
    )
    fund = forms.ChoiceField(label=_("Tilsynsfund"), choices=JA_NEJ, required=False, widget=QuickSelect)
    sort = forms.ChoiceField(
        required=False,
        choices=[(k, k) for k in SORTS] + [(f"-{k}", f"-{k}") for k in SORTS],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            css = (
                "form-select form-select-sm"
                if isinstance(f, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            f.widget.attrs.setdefault("class", css)
            f.widget.attrs.setdefault("id", f"filter-{name}")


class UserChoiceField(forms.ModelChoiceField):
    """Users named as the audit trail names them."""

    def label_from_instance(self, obj: Any) -> str:
        return user_name(obj)


class AuditFilterForm(forms.Form):
    bruger = UserChoiceField(
        get_user_model().objects.select_related("person").order_by("username"),
        label=_("Bruger"),
        required=False,
    )
    objekttype = forms.ChoiceField(label=_("Objekttype"), required=False)
    plan = forms.ModelChoiceField(
        Helhedsplan.objects.order_by("navn"), label=_("Helhedsplan"), required=False
    )
    fra = DateField(label=_("Fra dato"), required=False, widget=DateInput())
    til = DateField(label=_("Til dato"), required=False, widget=DateInput())

    def __init__(self, *args, plan_fixed: bool = False, hidden: frozenset[str] = frozenset(), **kwargs):
        """``hidden``: models whose history the reader may not see (``audit.hidden_models``);
        they are neither listed nor accepted as the object type."""
        super().__init__(*args, **kwargs)
        self.hidden = hidden
        objekttype = cast(forms.ChoiceField, self.fields["objekttype"])
        objekttype.choices = [("", _("Alle")), *audit.model_choices(plan_only=plan_fixed, hidden=hidden)]
        if plan_fixed:
            del self.fields["plan"]
        for f in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(f, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            f.widget.attrs.setdefault("class", css)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            raise forms.ValidationError(_("Slutdatoen skal ligge efter startdatoen."))
        return data

    def to_filter(self, plan_id: int | None = None) -> audit.AuditFilter:
        """The filter of the fields that are valid: a mangled field (a date in year 9999, a
        user who does not exist) is shown with its error and ignored, the others apply."""
        d: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            d = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
            if NON_FIELD_ERRORS in self.errors:  # the period ends before it starts
                d.pop("fra", None)
                d.pop("til", None)
        return audit.AuditFilter(
            plan_id=plan_id if plan_id is not None else (d["plan"].pk if d.get("plan") else None),
            user_id=d["bruger"].pk if d.get("bruger") else None,
            model_key=d.get("objekttype") or None,
            fra=d.get("fra"),
            til=d.get("til"),
            hidden=self.hidden,
        )


class DecisionForm(forms.Form):
    kommentar = forms.CharField(
        label=_("Kommentar til planen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class AgreementDraftForm(forms.Form):
    """The draft's text, each goal's title and description, and each criterion's values,
    built from the draft's goals (``kriterie_<pk>_<felt>``)."""

    problemkompleks = forms.CharField(label=_("Problemkompleks"), widget=forms.Textarea(attrs={"rows": 4}))
    gyldig_fra = DateField(label=_("Gyldig fra"), widget=DateInput())
    gyldig_til = DateField(label=_("Gyldig til"), widget=DateInput())

    def __init__(self, *args, aftale, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "problemkompleks": aftale.problemkompleks,
                "gyldig_fra": aftale.gyldig_fra,
                "gyldig_til": aftale.gyldig_til,
            },
        )
        super().__init__(*args, **kwargs)
        self.goals = list(aftale.strategiske_maal.prefetch_related("succeskriterier").order_by("nummer"))
        areas = aftale.helhedsplan.bevillingsperiode.indsatsomraader.order_by("navn")
        for g in self.goals:
            self.fields[f"maal_{g.pk}_titel"] = forms.CharField(
                label=_("Titel"), max_length=255, initial=g.titel
            )
            self.fields[f"maal_{g.pk}_beskrivelse"] = forms.CharField(
                label=_("Beskrivelse"),
                required=False,
                initial=g.beskrivelse,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            g.kriterier = sorted(g.succeskriterier.all(), key=lambda k: k.pk)
            for k in g.kriterier:
                p = f"kriterie_{k.pk}_"
                self.fields[p + "beskrivelse"] = forms.CharField(
                    label=_("Succeskriterie"), max_length=255, initial=k.beskrivelse
                )
                self.fields[p + "baseline_vaerdi"] = forms.DecimalField(
                    label=_("Baseline (værdi)"),
                    required=False,
                    max_digits=14,
                    decimal_places=3,
                    initial=_plain(k.baseline_vaerdi),
                )
                self.fields[p + "baseline_dato"] = DateField(
                    label=_("Baseline (dato)"), initial=k.baseline_dato, widget=DateInput(), required=False
                )
                self.fields[p + "maal_vaerdi"] = forms.DecimalField(
                    label=_("Måltal"),
                    required=False,
                    max_digits=14,
                    decimal_places=3,
                    initial=_plain(k.maal_vaerdi),
                )
                self.fields[p + "maal_dato"] = DateField(
                    label=_("Måldato"), initial=k.maal_dato, widget=DateInput(), required=False
                )
                self.fields[p + "indikator"] = forms.ModelChoiceField(
                    Indikator.objects.order_by("navn"),
                    label=_("Indikator"),
                    required=False,
                    initial=k.indikator_id,
                )
                self.fields[p + "tolerance_pct"] = forms.DecimalField(
                    label=_("Tolerance (%)"),
                    min_value=Decimal(0),
                    max_value=MAX_TOLERANCE_PCT,
                    max_digits=5,
                    decimal_places=2,
                    localize=True,
                    initial=_plain(k.tolerance_pct),
                    help_text=_("Af afstanden fra baseline til mål."),
                )
                self.fields[p + "begrundelse"] = forms.CharField(
                    label=_("Begrundelse for ændret baseline/måltal"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                k.felter = [
                    self[p + n]
                    for n in (
                        "beskrivelse",
                        "baseline_vaerdi",
                        "baseline_dato",
                        "maal_vaerdi",
                        "maal_dato",
                        "indikator",
                        "tolerance_pct",
                        "begrundelse",
                    )
                ]
            self.fields[f"maal_{g.pk}_indsatsomraade"] = forms.ModelChoiceField(
                areas, label=_("Indsatsområde"), required=False, initial=g.indsatsomraade_id
            )
            self.fields[f"maal_{g.pk}_maalgruppe"] = forms.CharField(
                label=_("Målgruppe"), max_length=255, required=False, initial=g.maalgruppe
            )
            g.felter = [
                self[f"maal_{g.pk}_{n}"] for n in ("titel", "beskrivelse", "indsatsomraade", "maalgruppe")
            ]
            self._new_criterion_fields(g)
        for f in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(f.widget, forms.Select)
                else "form-control form-control-sm"
            )
            f.widget.attrs.setdefault("class", css)

    #: A new criterion's fields (``ny_<goal pk>_<felt>``); left empty, nothing is added.
    NEW_CRITERION = (
        "beskrivelse",
        "indikator",
        "baseline_vaerdi",
        "baseline_dato",
        "maal_vaerdi",
        "maal_dato",
        "tolerance_pct",
    )

    def _new_criterion_fields(self, g) -> None:
        p = f"ny_{g.pk}_"
        self.fields[p + "beskrivelse"] = forms.CharField(
            label=_("Nyt succeskriterie"), max_length=255, required=False
        )
        self.fields[p + "indikator"] = forms.ModelChoiceField(
            Indikator.objects.order_by("navn"), label=_("Indikator"), required=False
        )
        for name, label in (("baseline_vaerdi", _("Baseline (værdi)")), ("maal_vaerdi", _("Måltal"))):
            self.fields[p + name] = forms.DecimalField(
                label=label, required=False, max_digits=14, decimal_places=3, localize=True
            )
        for name, label in (("baseline_dato", _("Baseline (dato)")), ("maal_dato", _("Måldato"))):
            self.fields[p + name] = DateField(label=label, widget=DateInput(), required=False)
        self.fields[p + "tolerance_pct"] = forms.DecimalField(
            label=_("Tolerance (%)"),
            required=False,
            min_value=Decimal(0),
            max_value=MAX_TOLERANCE_PCT,
            max_digits=5,
            decimal_places=2,
            localize=True,
            help_text=_("Tomt: 10 % af afstanden fra baseline til mål."),
        )
        g.ny_felter = [self[p + n] for n in self.NEW_CRITERION]

    def clean(self) -> dict[str, Any]:
        super().clean()
        d = self.cleaned_data
        for g in self.goals:
            p = f"ny_{g.pk}_"
            filled = [n for n in self.NEW_CRITERION if d.get(p + n) not in (None, "")]
            if filled and not d.get(p + "beskrivelse"):
                self.add_error(p + "beskrivelse", _("Beskriv det nye succeskriterie, eller tøm dets felter."))
            start, slut = d.get(p + "baseline_dato"), d.get(p + "maal_dato")
            if start and slut and slut <= start:
                self.add_error(p + "maal_dato", _("Måldatoen skal ligge efter baselinedatoen."))
        return d

    def new_criteria(self) -> list[dict[str, Any]]:
        """The new criteria typed (per goal: the goal and the values), after validation."""
        d = self.cleaned_data
        return [
            {"maal": g, **{n: d.get(f"ny_{g.pk}_{n}") for n in self.NEW_CRITERION}}
            for g in self.goals
            if d.get(f"ny_{g.pk}_beskrivelse")
        ]


class NewGoalForm(forms.Form):
    titel = forms.CharField(
        label=_("Titel"), max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    problem = forms.CharField(
        label=_("Problem, målet besvarer"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    indsatsomraade = forms.ModelChoiceField(
        Indsatsomraade.objects.none(),
        label=_("Indsatsområde"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    maalgruppe = forms.CharField(
        label=_("Målgruppe"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, aftale, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["indsatsomraade"]
        ).queryset = aftale.helhedsplan.bevillingsperiode.indsatsomraader.order_by("navn")


class DelaftaleDraftForm(forms.Form):
    formaal = forms.CharField(
        label=_("Formål"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )
    gyldig_fra = DateField(label=_("Gyldig fra"), widget=DateInput(attrs={"class": "form-control"}))
    gyldig_til = DateField(label=_("Gyldig til"), widget=DateInput(attrs={"class": "form-control"}))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("gyldig_fra") and data.get("gyldig_til") and data["gyldig_til"] <= data["gyldig_fra"]:
            raise forms.ValidationError(_("Slutdatoen skal ligge efter startdatoen."))
        return data
