"""Building a notice's mail: multipart (plain text + HTML) in the recipient's language, with
absolute links from ``SITE_URL``, the RFC 8058 one-click unsubscribe headers and, for a
meeting, an iCalendar attachment that updates the same event."""

from __future__ import annotations

from email.mime.text import MIMEText
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path: str) -> str:
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(profil, kind: str) -> str:
    path = reverse("notifikationer:afmeld", kwargs={"token": profil.afmeld_token})
    return absolute(path) + "?" + urlencode({"art": kind})


def build(row, address: str) -> EmailMultiAlternatives:
    profil = row.profil
    with translation.override(profil.sprog or "da"):
        context = {
            "emne": row.emne,
            "afsnit": [p for p in row.tekst.split("\n\n") if p.strip()],
            "link": absolute(row.sti),
            "afmeld": unsubscribe_url(profil, row.art),
            "indstillinger": absolute(reverse("notifikationer:indstillinger")),
            "portal": absolute("/"),
            "sprog": profil.sprog or "da",
        }
        text = render_to_string("notifikationer/mail/besked.txt", context)
        html = render_to_string("notifikationer/mail/besked.html", context)
    message = EmailMultiAlternatives(
        subject=row.emne,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{context['afmeld']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Portal-Notifikation": f"{row.art} {row.objekt}",
        },
    )
    message.attach_alternative(html, "text/html")
    if row.vedhaeftning:
        part = MIMEText(row.vedhaeftning, "calendar", "utf-8")
        method = "CANCEL" if "METHOD:CANCEL" in row.vedhaeftning else "REQUEST"
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="moede.ics")
        message.attach(part)
    return message
