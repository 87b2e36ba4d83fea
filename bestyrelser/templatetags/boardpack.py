"""The board pack page's trend charts: ``{% trend_svg criterion %}`` inlines the same SVG the
PDF embeds (:mod:`bestyrelser.trendchart`)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from bestyrelser.trendchart import trend_svg as _trend_svg

register = template.Library()


@register.simple_tag
def trend_svg(criterion: dict[str, Any]) -> SafeString:
    # Safe: the drawing holds numbers, dates and fixed labels, and escapes every label.
    return mark_safe(_trend_svg(criterion))  # noqa: S308  # nosec B308 B703
