from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.fields import DateField
from portal.params import DATE_MAX


class NoegleForm(forms.Form):
    navn = forms.CharField(
        label=_("Navn på nøglen"),
        max_length=100,
        help_text=_("Fx det system, der skal bruge den: Power BI, datavarehus."),
    )
    udloeber = DateField(
        label=_("Udløber (valgfri)"),
        required=False,
        help_text=_("Tom: nøglen gælder, til du tilbagekalder den."),
    )

    def clean_navn(self) -> str:
        navn = self.cleaned_data["navn"].strip()
        if not navn:
            raise forms.ValidationError(_("Giv nøglen et navn."))
        if "\x00" in navn:
            raise forms.ValidationError(_("Navnet må ikke indeholde kontroltegn."))
        return navn

    def clean_udloeber(self) -> datetime.date | None:
        day = self.cleaned_data.get("udloeber")
        if day is None:
            return None
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Udløbsdatoen skal ligge i fremtiden."))
        if day > DATE_MAX:
            raise forms.ValidationError(_("Vælg en dato før år 2101."))
        return day

    def expiry(self) -> datetime.datetime | None:
        """The chosen day's end (local time), or None."""
        day = self.cleaned_data.get("udloeber")
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
