"""Template filters for dates, numbers and people (``portal/formatting.py``); registered as
a template builtin, so every template can write ``{{ d|dato }}`` ("01.01.2019"),
``{{ d|dato_lang }}`` ("1. januar 2019"), ``{{ t|tidspunkt }}`` ("01.01.2019 14.05"),
``{{ t|tidspunkt_lang }}`` ("1. januar 2019 kl. 14.05"), ``{{ d|maaned }}`` ("januar 2019"),
``{{ x|tal }}`` / ``{{ x|tal:2 }}``, ``{{ v|celle }}`` (any table value) and ``{{ user|navn }}``."""

from __future__ import annotations

from typing import Any

from django import template

from portal import formatting

register = template.Library()

register.filter("dato", formatting.dato)
register.filter("dato_lang", formatting.dato_lang)
register.filter("tidspunkt", formatting.tidspunkt)
register.filter("tidspunkt_lang", formatting.tidspunkt_lang)
register.filter("maaned", formatting.maaned)
register.filter("navn", formatting.user_name)
register.filter("celle", formatting.celle)


@register.filter
def tal(value: Any, decimaler: Any = None) -> str:
    return formatting.tal(value, None if decimaler in (None, "") else int(decimaler))
