from django import forms
from django.utils.translation import gettext_lazy as _

from .imports import MAX_BYTES


class ImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller Excel .xlsx)"),
        help_text=_(
            "Højst %(mb)s MB. Kolonner: plan eller område, indikator, periode_start, periode_slut, "
            "værdi eller tæller og nævner, evt. note."
        )
        % {"mb": MAX_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx", "class": "form-control"}),
    )
    kilde = forms.CharField(
        label=_("Datakilde"),
        max_length=160,
        required=False,
        help_text=_("Fx Boligsociale Data, udtræk marts 2025"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
