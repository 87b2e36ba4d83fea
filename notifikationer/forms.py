"""The recipient's preferences: mail language, and per kind mail on/off and delivery."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .kinds import CHOOSABLE
from .models import Praeference
from .services import preference


class PraeferenceForm(forms.Form):
    sprog = forms.ChoiceField(label=_("Sprog i e-mails"), choices=settings.LANGUAGES)
    sprog.widget.attrs["class"] = "form-select"

    def __init__(self, *args, profil, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.profil = profil
        self.fields["sprog"].initial = profil.sprog
        self.rows = []
        for kind in CHOOSABLE:
            email, levering = preference(profil, kind.code)
            email_name, levering_name = f"email_{kind.code}", f"levering_{kind.code}"
            self.fields[email_name] = forms.BooleanField(
                label=_("E-mail: %(art)s") % {"art": kind.label},
                required=False,
                initial=email,
                disabled=kind.mandatory,
                help_text=_("Din rolle skal modtage denne besked.") if kind.mandatory else "",
            )
            self.fields[levering_name] = forms.ChoiceField(
                label=_("Levering: %(art)s") % {"art": kind.label},
                choices=Praeference.Levering.choices,
                initial=levering,
            )
            self.rows.append((kind, email_name, levering_name))

    def choices(self) -> dict[str, tuple[bool, str]]:
        return {
            kind.code: (bool(self.cleaned_data[e]) or kind.mandatory, self.cleaned_data[lev])
            for kind, e, lev in self.rows
        }

    def bound_rows(self):
        return [(kind, self[e], self[lev]) for kind, e, lev in self.rows]
