"""iCalendar (``icalendar``): one meeting as an event that later mails update (same UID, a
higher SEQUENCE; a cancellation is METHOD:CANCEL), and a person's feed of invited meetings."""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.db.models import F
from icalendar import Calendar, Event

from .mail import absolute
from .models import Kalendersekvens

MEETING_LENGTH = datetime.timedelta(hours=2)


def uid(moede) -> str:
    host = urlparse(settings.SITE_URL).hostname or "localhost"
    return f"moede-{moede.pk}@{host}"


def next_sequence(moede) -> int:
    """Bump and return the meeting's SEQUENCE (0 for the first mail about it)."""
    with transaction.atomic():
        row, created = Kalendersekvens.objects.select_for_update().get_or_create(moede=moede)
        if not created:
            Kalendersekvens.objects.filter(pk=row.pk).update(sekvens=F("sekvens") + 1)
            row.refresh_from_db()
    return row.sekvens


def current_sequence(moede) -> int:
    row = Kalendersekvens.objects.filter(moede=moede).first()
    return row.sekvens if row is not None else 0


def _event(moede, sequence: int, *, cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", uid(moede))
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", moede.tidspunkt)
    event.add("dtend", moede.tidspunkt + MEETING_LENGTH)
    event.add("summary", f"{moede.organ.navn}: {moede.organ.helhedsplan.navn}")
    if moede.sted:
        event.add("location", moede.sted)
    event.add("url", absolute(moede.get_absolute_url()))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Boligsocial Portal//DA")
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def meeting_ics(moede, sequence: int) -> str:
    cancelled = moede.status == moede.Status.AFLYST
    cal = _calendar("CANCEL" if cancelled else "REQUEST")
    cal.add_component(_event(moede, sequence, cancelled=cancelled))
    return cal.to_ical().decode()


def feed(moeder) -> bytes:
    cal = _calendar()
    cal.add("x-wr-calname", "Boligsocial Portal")
    for moede in moeder:
        cal.add_component(
            _event(moede, current_sequence(moede), cancelled=moede.status == moede.Status.AFLYST)
        )
    return cal.to_ical()
