"""Forms of the practical level. They validate and present; services persist."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bestyrelser.models import Person
from portal.fields import DateField, IdsChoiceField, MonthField
from portal.widgets import DateInput

from .limits import MAX_DELTAGERE, MAX_TIMER, MAX_VAERDI
from .models import (
    Aktivitet,
    Delmaal,
    Delmaalstatus,
    Helhedsplan,
    Samarbejdspartner,
    StrategiskMaal,
)
from .periods import add_months
from .selectors import goal_choices, implausible
from .services import KriterieVaerdi, MilepaelData, Registrering


def plain(value: Decimal) -> str:
    """35.000 → "35", 12.500 → "12.5": how a person would type the stored value."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def bootstrap_widgets(form: forms.BaseForm, small: bool = False) -> None:
    """Give plain widgets Bootstrap's classes where a form is rendered field by field."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs["class"] = f"{css} {css}-sm" if small else css


class DelmaalChoiceField(forms.ModelChoiceField):
    """A delmål named with its indsatsområde: "Uddannelse – 2. Flere i job"."""

    def label_from_instance(self, obj: Delmaal) -> str:
        return f"{obj.delaftale.indsatsomraade} – {obj.nummer}. {obj.titel}"


class GoalsField(IdsChoiceField):
    """Strategic goals labelled by number and title (the delmål form, the board's agenda).
    :meth:`offer` sets the choices (:func:`selectors.goal_choices`); a goal of an older
    agreement version, still linked, is labelled with its version."""

    current_agreement_id: int | None = None

    def offer(self, plan: Helhedsplan, linked: Iterable[int] = ()) -> None:
        goals, aftale = goal_choices(plan, linked)
        self.queryset = goals
        self.current_agreement_id = aftale.pk if aftale else None

    def label_from_instance(self, obj: StrategiskMaal) -> str:
        label = f"{obj.nummer}. {obj.titel}"
        if obj.samarbejdsaftale_id != self.current_agreement_id:
            label += " " + str(_("(samarbejdsaftalens version %(v)s)") % {"v": obj.samarbejdsaftale.version})
        return label


class AktivitetForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    nye_samarbejdspartnere = forms.CharField(
        label=_("Tilføj nye samarbejdspartnere"),
        required=False,
        help_text=_("Én pr. linje, hvis de ikke findes på listen."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Aktivitet
        fields = [
            "delmaal",
            "navn",
            "beskrivelse",
            "maalgrupper",
            "samarbejdspartnere",
            "ansvarlig",
            "startdato",
            "slutdato",
            "status",
        ]
        field_classes = {
            "delmaal": DelmaalChoiceField,
            "maalgrupper": IdsChoiceField,
            "samarbejdspartnere": IdsChoiceField,
            "startdato": DateField,
            "slutdato": DateField,
        }
        help_texts = {
            "delmaal": _("Det delmål i en delaftale, som aktiviteten skal bidrage til."),
            "maalgrupper": _("Hvem aktiviteten er for; deltagerne registreres pr. målgruppe."),
            "ansvarlig": _("Den person eller organisation, der står for aktiviteten i praksis."),
            "status": _("Planlagt, i gang, afsluttet eller aflyst. En afsluttet aktivitet får en slutdato."),
        }
        widgets = {
            "startdato": DateInput(),
            "slutdato": DateInput(),
            "beskrivelse": forms.Textarea(attrs={"rows": 4}),
            "maalgrupper": forms.CheckboxSelectMultiple,
            "samarbejdspartnere": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        cast(DelmaalChoiceField, self.fields["delmaal"]).queryset = (
            Delmaal.objects.filter(delaftale__helhedsplan=plan)
            .select_related("delaftale__indsatsomraade")
            .order_by("delaftale__indsatsomraade__navn", "nummer")
        )
        # The plan's people, and whoever is responsible now (saving unchanged keeps them).
        cast(forms.ModelChoiceField, self.fields["ansvarlig"]).queryset = Person.objects.filter(
            Q(medlemskaber__organ__helhedsplan=plan) | Q(pk=self.instance.ansvarlig_id)
        ).distinct()
        # The plan's own catalogue: what another plan's projektleder typed is not offered here.
        cast(
            forms.ModelMultipleChoiceField, self.fields["samarbejdspartnere"]
        ).queryset = Samarbejdspartner.objects.filter(helhedsplan=plan)
        self.fields["samarbejdspartnere"].required = False
        self.fields["maalgrupper"].required = False
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "delmaal",
            "navn",
            "beskrivelse",
            Row(Column("startdato"), Column("slutdato"), Column("status")),
            "ansvarlig",
            "maalgrupper",
            Row(Column("samarbejdspartnere"), Column("nye_samarbejdspartnere")),
            "revision",
            Submit("gem", _("Gem aktivitet")),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, slut = data.get("startdato"), data.get("slutdato")
        if start and slut and slut < start:
            self.add_error("slutdato", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data

    def new_partner_names(self) -> list[str]:
        """The names typed in as new partners, one per line (the service adds them)."""
        names = (n.strip() for n in self.cleaned_data.get("nye_samarbejdspartnere", "").splitlines())
        return list(dict.fromkeys(filter(None, names)))


class AktivitetCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Afslut som"),
        choices=[(Aktivitet.Status.AFSLUTTET, _("Afsluttet")), (Aktivitet.Status.AFLYST, _("Aflyst"))],
    )
    slutdato = DateField(label=_("Slutdato"), widget=DateInput())
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RegistreringForm(forms.Form):
    """One session: date, hours, note and participants per target group."""

    dato = DateField(label=_("Dato"), widget=DateInput())
    timer = forms.DecimalField(
        label=_("Timer"),
        min_value=Decimal(0),
        max_value=MAX_TIMER,
        max_digits=7,
        decimal_places=2,
        initial=Decimal(2),
        localize=True,  # "2,5" as Danes write it
        help_text=_("Varighed i timer, fx 2,5."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, maalgrupper, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.maalgrupper = list(maalgrupper)
        for gruppe in self.maalgrupper:
            self.fields[f"deltagere_{gruppe.pk}"] = forms.IntegerField(
                label=gruppe.navn,
                min_value=0,
                max_value=MAX_DELTAGERE,
                required=False,
                initial=0,
                widget=forms.NumberInput(attrs={"class": "form-control-sm", "min": 0}),
            )
        # The grid's columns follow this order (headers and inputs both read it).
        self.order_fields(["dato", "timer", *(f"deltagere_{g.pk}" for g in self.maalgrupper), "note"])
        row = self._row_name()
        for field in self.fields.values():
            # Each cell's accessible name says its column and its row: "Børn, 3. marts 2021".
            field.widget.attrs["aria-label"] = f"{field.label}, {row}"
        self.helper = FormHelper()
        self.helper.form_tag = False
        bootstrap_widgets(self, small=True)

    def _row_name(self) -> str:
        """The row's date in words, as the user reads it in the grid; a new row has none."""
        try:
            value = self.fields["dato"].to_python(self["dato"].value())
        except forms.ValidationError:
            value = None
        if value:
            return date_format(value, "j. F Y")
        return str(_("ny række"))

    def registrering(self) -> Registrering:
        data = self.cleaned_data
        return Registrering(
            dato=data["dato"],
            timer=data["timer"],
            note=data.get("note", ""),
            deltagere={g.pk: data.get(f"deltagere_{g.pk}") or 0 for g in self.maalgrupper},
        )


class BaseRegistreringFormSet(forms.BaseFormSet):
    def __init__(self, *args, maalgrupper, **kwargs) -> None:
        self.maalgrupper = list(maalgrupper)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "maalgrupper": self.maalgrupper}

    @property
    def empty_form(self):
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            maalgrupper=self.maalgrupper,
        )

    def registreringer(self) -> list[Registrering]:
        return [f.registrering() for f in self.forms if f.has_changed() and f.cleaned_data]

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or not getattr(form, "cleaned_data", None):
                continue
            key = form.cleaned_data.get("dato")
            if key in seen:
                form.add_error("dato", _("Datoen står to gange i skemaet."))
            seen.add(key)


# formset_factory returns a subclass of ``formset``; the stubs only know it as BaseFormSet.
RegistreringFormSet = cast(
    type[BaseRegistreringFormSet],
    forms.formset_factory(
        RegistreringForm, formset=BaseRegistreringFormSet, extra=0, max_num=31, validate_max=True
    ),
)


def activity_months(aktivitet: Aktivitet, plan: Helhedsplan) -> list[datetime.date]:
    """The first days of the months an activity of ``plan`` runs in: from its start to its
    end, or to the plan's end while it has none."""
    first = aktivitet.startdato.replace(day=1)
    last = aktivitet.slutdato or plan.slutdato
    months = []
    while first <= last:
        months.append(first)
        first = add_months(first, 1)
    return months


class MaanedForm(forms.Form):
    """Pick the month and weekdays a bulk registration pre-fills: a month of the activity's
    period, from a list named "januar 2026" (``?maaned=2026-01`` in a link)."""

    maaned = MonthField(label=_("Måned"))
    ugedage = forms.MultipleChoiceField(
        label=_("Ugedage"),
        choices=[
            (str(i), name)
            for i, name in enumerate(
                [_("mandag"), _("tirsdag"), _("onsdag"), _("torsdag"), _("fredag"), _("lørdag"), _("søndag")]
            )
        ],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, aktivitet: Aktivitet, plan: Helhedsplan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(MonthField, self.fields["maaned"])
        field.months = activity_months(aktivitet, plan)
        this_month = timezone.localdate().replace(day=1)
        if field.months:
            field.initial = min(max(this_month, field.months[0]), field.months[-1])

    def days(self, aktivitet: Aktivitet) -> list[datetime.date]:
        first = self.cleaned_data["maaned"].replace(day=1)
        weekdays = {int(d) for d in self.cleaned_data["ugedage"]}
        last = calendar.monthrange(first.year, first.month)[1]
        days = [first.replace(day=n) for n in range(1, last + 1)]
        return [
            d
            for d in days
            if d.weekday() in weekdays
            and d >= aktivitet.startdato
            and (aktivitet.slutdato is None or d <= aktivitet.slutdato)
        ]


class DelmaalForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    strategiske_maal = GoalsField(
        label=_("Bidrager til strategiske mål"),
        queryset=StrategiskMaal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét strategisk mål, som delmålet bidrager til.")},
    )

    class Meta:
        model = Delmaal
        fields = ["titel", "beskrivelse", "status"]
        widgets = {"beskrivelse": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        linked = list(self.instance.strategiske_maal.all()) if self.instance.pk else []
        cast(GoalsField, self.fields["strategiske_maal"]).offer(plan, [g.pk for g in linked])
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
            self.fields["strategiske_maal"].initial = linked
        self.helper = FormHelper()
        self.helper.form_tag = False


class MilepaelForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    dato = DateField(label=_("Dato"), widget=DateInput())
    beskrivelse = forms.CharField(label=_("Milepæl"), max_length=255)
    naaet = forms.BooleanField(label=_("Nået"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self, small=True)

    def data_object(self) -> MilepaelData:
        d = self.cleaned_data
        return MilepaelData(
            pk=d.get("pk"),
            dato=d["dato"],
            beskrivelse=d["beskrivelse"],
            naaet=d.get("naaet", False),
            slet=d.get("DELETE", False),
        )


MilepaelFormSet = forms.formset_factory(MilepaelForm, extra=1, can_delete=True, max_num=50)


class StatusrapportForm(forms.Form):
    """The report: a narrative, every delmål's status, and criterion values."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    fortaelling = forms.CharField(
        label=_("Status for delaftalen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvad er der sket i perioden, hvad virker, og hvad skal bestyrelsen vide?"),
    )

    def __init__(self, *args, rapport, delmaal, kriterier, forrige: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rapport, self.delmaal, self.kriterier, self.forrige = rapport, delmaal, kriterier, forrige
        existing = {s.delmaal_id: s for s in rapport.delmaalstatus.all()}
        values = {m.indikator_id: m for m in rapport.maalinger.all()}
        self.fields["revision"].initial = rapport.revision
        self.fields["fortaelling"].initial = rapport.fortaelling
        for d in delmaal:
            current = existing.get(d.pk)
            self.fields[f"delmaal_{d.pk}"] = forms.ChoiceField(
                label=f"{d.nummer}. {d.titel}",
                choices=Delmaalstatus.Status.choices,
                initial=current.status if current else Delmaalstatus.Status.PAA_SPORET,
            )
            self.fields[f"forklaring_{d.pk}"] = forms.CharField(
                label=_("Forklaring"),
                required=False,
                initial=current.forklaring if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Krævet, når delmålet ikke er på sporet."),
            )
        for k in kriterier:
            m = values.get(k.indikator_id)
            self.fields[f"kriterie_{k.pk}"] = forms.DecimalField(
                label=f"{k.beskrivelse} ({k.indikator.enhed})",
                required=False,
                max_digits=14,
                decimal_places=3,
                max_value=MAX_VAERDI,
                localize=True,
                initial=Decimal(plain(m.vaerdi)) if m else None,
            )
            self.fields[f"kommentar_{k.pk}"] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                max_length=255,
                initial=m.kommentar if m else "",
            )

    def delmaal_rows(self):
        return [(d, self[f"delmaal_{d.pk}"], self[f"forklaring_{d.pk}"]) for d in self.delmaal]

    def kriterie_rows(self):
        rows = []
        for k in self.kriterier:
            value = self[f"kriterie_{k.pk}"]
            rows.append(
                {
                    "kriterie": k,
                    "felt": value,
                    "kommentar": self[f"kommentar_{k.pk}"],
                    "forrige": self.forrige.get(k.indikator_id),
                    "interval": (k.indikator.min_plausibel, k.indikator.max_plausibel),
                }
            )
        return rows

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for d in self.delmaal:
            status, forklaring = data.get(f"delmaal_{d.pk}"), data.get(f"forklaring_{d.pk}", "")
            if status and status != Delmaalstatus.Status.PAA_SPORET and not forklaring.strip():
                self.add_error(f"forklaring_{d.pk}", _("Forklar, hvorfor delmålet ikke er på sporet."))
        for k in self.kriterier:
            value = data.get(f"kriterie_{k.pk}")
            if implausible(k.indikator, value) and not data.get(f"kommentar_{k.pk}", "").strip():
                self.add_error(
                    f"kommentar_{k.pk}",
                    _(
                        "Værdien ligger uden for det forventede interval; "
                        "skriv en kommentar for at gemme den."
                    ),
                )
            previous = self.forrige.get(k.indikator_id)
            if value is not None and value < 0:
                self.add_error(f"kriterie_{k.pk}", _("Værdien kan ikke være negativ."))
            if (
                value is not None
                and previous is not None
                and previous.vaerdi
                and abs(value - previous.vaerdi) > abs(previous.vaerdi)
                and not data.get(f"kommentar_{k.pk}", "").strip()
            ):
                self.add_error(
                    f"kommentar_{k.pk}",
                    _(
                        "Værdien er mere end fordoblet eller faldet til under nul i forhold til sidste "
                        "periode (%(forrige)s); skriv en kommentar for at gemme den."
                    )
                    % {"forrige": previous.vaerdi.normalize()},
                )
        return data

    def delmaal_status(self) -> dict[int, tuple[str, str]]:
        return {
            d.pk: (
                self.cleaned_data[f"delmaal_{d.pk}"],
                self.cleaned_data.get(f"forklaring_{d.pk}", "").strip(),
            )
            for d in self.delmaal
        }

    def vaerdier(self) -> list[KriterieVaerdi]:
        return [
            KriterieVaerdi(
                kriterie=k,
                vaerdi=self.cleaned_data.get(f"kriterie_{k.pk}"),
                kommentar=self.cleaned_data.get(f"kommentar_{k.pk}", "").strip(),
            )
            for k in self.kriterier
        ]


class KommentarForm(forms.Form):
    kommentar = forms.CharField(
        label=_("Kommentar til projektlederen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv, hvad projektlederen skal rette.")},
    )


class BegrundelseForm(forms.Form):
    begrundelse = forms.CharField(
        label=_("Begrundelse for at låse op"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for at låse rapporten op.")},
    )


class NyRapportForm(forms.Form):
    periode = forms.ChoiceField(label=_("Periode"))

    def __init__(self, *args, perioder, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.perioder = {p.start.isoformat(): p for p in perioder}
        cast(forms.ChoiceField, self.fields["periode"]).choices = [
            (k, p.label) for k, p in self.perioder.items()
        ]

    def valgt(self):
        return self.perioder[self.cleaned_data["periode"]]
