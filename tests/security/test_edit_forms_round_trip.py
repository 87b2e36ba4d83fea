"""Every edit form, opened and saved unchanged, saves and changes nothing.

The page is read as a browser submits it (``forms.py``: a date input whose value is not
ISO shows empty and is sent empty), so a form that renders its dates in a format the
browser cannot show fails here, as it fails a user who has to retype every date.

Every URL of the access table that answers both GET and POST is either an edit form
below (with the object(s) it shows) or listed in ``NOT_EDITS`` with the reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.urls import reverse

from .forms import form_posting_to, payload
from .table import CASES

pytestmark = pytest.mark.django_db

PREFERRED = ("projektleder", "formand", "board_member", "lbf", "admin")


def _agreement_draft(world, client) -> int:
    """A draft agreement version made through the front door (the demo has none)."""
    from helhedsplaner.models import Aftalestatus

    response = client.post(reverse("tilsyn:agreement_draft", args=[world.plan_a.pk]))
    assert response.status_code == 302, response
    return world.plan_a.samarbejdsaftaler.get(status=Aftalestatus.KLADDE).pk


def _survey_draft(world, client) -> int:
    from enighed import services

    return services.enighedsmaaling_create(
        user=world.users["projektleder"],
        plan=world.plan_a,
        runde=2030,
        lukkedato=datetime.date.today() + datetime.timedelta(days=30),  # noqa: DTZ011
    ).pk


def _running_plan_board(world, client) -> int:
    """Plan A's board, with plan A running (a finished plan's organisation is read-only)."""
    from bestyrelser.models import Organ
    from helhedsplaner.models import Helhedsplan

    Helhedsplan.objects.filter(pk=world.plan_a.pk).update(status=Helhedsplan.Status.I_GANG)
    return Organ.objects.get(helhedsplan=world.plan_a, type=Organ.Type.BESTYRELSE).pk


def _own_preferences(world, client) -> int:
    """The projektleder's own notice settings (made on first use, as the page does)."""
    from notifikationer.recipients import profile_for_user

    return profile_for_user(world.users["projektleder"]).pk


def _rows(label: str, **filters) -> Callable[[dict], list]:
    def rows(ids: dict) -> list:
        model = apps.get_model(label)
        return list(model.objects.filter(**{k: ids[v] for k, v in filters.items()}).order_by("pk"))

    return rows


@dataclass(frozen=True)
class Edit:
    kwargs: dict  # URL kwarg -> key in world.ids (or in the ids ``prepare`` adds)
    shows: tuple  # functions ids -> the rows the form shows, compared before and after
    prepare: Callable | None = None  # (world, client) -> id of the object to edit, as "_obj"
    extra: dict = field(default_factory=dict)


EDIT_FORMS: dict[str, Edit] = {
    "helhedsplaner:aktivitet_update": Edit(
        {"pk": "pk", "aktivitet_pk": "aktivitet_pk"},
        (_rows("helhedsplaner.Aktivitet", pk="aktivitet_pk"),),
    ),
    "helhedsplaner:delmaal_update": Edit(
        {"pk": "pk", "delmaal_pk": "delmaal_pk"},
        (
            _rows("helhedsplaner.Delmaal", pk="delmaal_pk"),
            _rows("helhedsplaner.Milepael", delmaal_id="delmaal_pk"),
        ),
    ),
    "helhedsplaner:statusrapport_update": Edit(
        {"pk": "pk", "rapport_pk": "rapport_kladde"},
        (
            _rows("helhedsplaner.Statusrapport", pk="rapport_kladde"),
            _rows("helhedsplaner.Delmaalstatus", statusrapport_id="rapport_kladde"),
        ),
    ),
    "helhedsplaner:plan_edit": Edit(
        {"pk": "pk"},
        (
            _rows("helhedsplaner.Helhedsplan", pk="pk"),
            _rows("helhedsplaner.Budgetpost", helhedsplan_id="pk"),
            _rows("helhedsplaner.Afdeling", helhedsplaner__id="pk"),
            _rows("helhedsplaner.Boligomraade", helhedsplaner__id="pk"),
        ),
    ),
    "bestyrelser:moede_update": Edit(
        {"pk": "pk", "moede_pk": "moede_pk"}, (_rows("bestyrelser.Moede", pk="moede_pk"),)
    ),
    "bestyrelser:punkt_update": Edit(
        {"pk": "pk", "moede_pk": "moede_pk", "punkt_pk": "punkt_pk"},
        (_rows("bestyrelser.Dagsordenspunkt", pk="punkt_pk"),),
    ),
    "bestyrelser:referat_form": Edit(
        {"pk": "pk", "moede_pk": "moede_pk"},
        (
            _rows("bestyrelser.Moede", pk="moede_pk"),
            _rows("bestyrelser.Dagsordenspunkt", moede_id="moede_pk"),
        ),
    ),
    "bestyrelser:organ_update": Edit(
        {"pk": "pk", "organ_pk": "_obj"},
        (_rows("bestyrelser.Organ", pk="_obj"),),
        prepare=_running_plan_board,
    ),
    "tilsyn:agreement_edit": Edit(
        {"pk": "pk", "aftale_pk": "_obj"},
        (
            _rows("helhedsplaner.Samarbejdsaftale", pk="_obj"),
            _rows("helhedsplaner.StrategiskMaal", samarbejdsaftale_id="_obj"),
            _rows("helhedsplaner.Succeskriterie", strategisk_maal__samarbejdsaftale_id="_obj"),
        ),
        prepare=_agreement_draft,
    ),
    "notifikationer:indstillinger": Edit(
        {},
        (
            _rows("notifikationer.Modtagerprofil", pk="_obj"),
            _rows("notifikationer.Praeference", profil_id="_obj"),
        ),
        prepare=_own_preferences,
    ),
    "enighed:spoergsmaal_edit": Edit(
        {"maaling_pk": "_obj"},
        (_rows("enighed.Enighedsmaaling", pk="_obj"), _rows("enighed.Spoergsmaal", maaling_id="_obj")),
        prepare=_survey_draft,
    ),
}

# Pages that take GET and POST but do not edit an existing object with what they show.
NOT_EDITS = {
    "login": "logs in",
    "set_language": "switches language",
    "password_change": "new password typed by the user",
    "two_factor_verify": "a code typed by the user",
    "two_factor_enrol": "a code typed by the user",
    "helhedsplaner:aktivitet_create": "creates",
    "invitation_accept": "a new password typed by the invited user",
    "helhedsplaner:plan_register": "creates",
    "helhedsplaner:delaftale_create": "creates",
    "helhedsplaner:delmaal_create": "creates",
    "bestyrelser:organ_create": "creates",
    "bestyrelser:medlem_create": "creates",
    "helhedsplaner:registrering_create": "creates",
    "helhedsplaner:registrering_bulk": "creates (test_bulk_registration.py)",
    "helhedsplaner:statusrapport_update[laast]": "a locked report is not editable",
    "bestyrelser:moede_create": "creates",
    "bestyrelser:punkt_create": "creates",
    "monitorering:import_start": "uploads a file",
    "tilsyn:delaftale_draft": "a new version from the current one: test_delaftale_version_form_*",
    "tilsyn:overview_export": "GET downloads; POST starts a background export (test_hostile_input.py)",
    "tilsyn:audit_trail_export": "GET downloads; POST starts a background export",
    "tilsyn:plan_audit_trail_export": "GET downloads; POST starts a background export",
    "tilsyn:plan_export[resultater]": "GET downloads; POST starts a background export",
    "tilsyn:plan_export[aktiviteter]": "GET downloads; POST starts a background export",
    "enighed:besvar": "answers typed by the respondent",
    "api_noegle_create": "creates a key (tests/api/test_api.py)",
    "notifikationer:afmeld": "a mail's one-click token turns a kind off (notifikationer/test_views.py)",
    "enighed:svar_token": "answers typed by the respondent",
}


def _shown(value):
    """A time as the form shows it: to the minute (a meeting's time has no seconds)."""
    if isinstance(value, datetime.datetime):
        return value.replace(second=0, microsecond=0)
    return value


def _snapshot(edit: Edit, ids: dict) -> list:
    """The shown rows' values, without bookkeeping (revision, auto-set timestamps)."""
    out = []
    for rows in edit.shows:
        for obj in rows(ids):
            values = {
                f.attname: _shown(getattr(obj, f.attname))
                for f in obj._meta.concrete_fields
                if f.name != "revision" and not getattr(f, "auto_now", False)
            }
            for m in obj._meta.many_to_many:
                values[m.name] = sorted(getattr(obj, m.name).values_list("pk", flat=True))
            out.append((type(obj).__name__, values))
    return out


def test_every_get_and_post_page_is_an_edit_form_or_says_why_not():
    both = {c.id for c in CASES if c.get is not None and c.post is not None}
    assert both - set(EDIT_FORMS) - set(NOT_EDITS) == set()
    assert set(EDIT_FORMS) - both == set()


def _persona(name: str) -> str:
    case = next(c for c in CASES if c.id == name)
    return next(p for p in PREFERRED if p in case.get and p in case.post)


def _errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.WARNING]


@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_an_edit_form_saved_unchanged_saves_and_changes_nothing(world, name):
    edit = EDIT_FORMS[name]
    client = world.client(_persona(name))
    ids = dict(world.ids)
    if edit.prepare:
        ids["_obj"] = edit.prepare(world, client)
    url = reverse(name, kwargs={k: ids[v] for k, v in edit.kwargs.items()})
    before = _snapshot(edit, ids)
    assert before, f"{name}: the form shows no rows to compare"
    page = client.get(url)
    assert page.status_code == 200, (name, page.status_code)
    data = payload(form_posting_to(page.content.decode(), url, url))
    response = client.post(url, data)
    form_errors = {}
    if response.status_code != 302:
        for key in ("form", "formset"):
            form = (response.context or {}).get(key)
            if form is not None:
                form_errors[key] = form.errors
    assert response.status_code == 302, (name, response.status_code, form_errors)
    assert _errors(response) == [], name
    after = _snapshot(edit, ids)
    changed = [
        (model, key, old[key], new.get(key))
        for (model, old), (_m, new) in zip(before, after, strict=True)
        for key in old
        if old[key] != new.get(key)
    ]
    assert (len(after), changed) == (len(before), []), name


def test_delaftale_version_form_saved_unchanged_copies_the_current_version(world):
    """The delaftale-version form opens with the current text and dates; saved unchanged,
    the new draft version carries them over."""
    from helhedsplaner.models import Delaftale, Delaftaleversion

    client = world.client(_persona("tilsyn:delaftale_draft"))
    delaftale = Delaftale.objects.get(pk=world.ids["delaftale_other"])
    url = reverse("tilsyn:delaftale_draft", args=[world.plan_a.pk, delaftale.pk])
    page = client.get(url)
    data = payload(form_posting_to(page.content.decode(), url, url))
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    version = Delaftaleversion.objects.filter(delaftale=delaftale).latest("version")
    assert (version.formaal, version.gyldig_fra, version.gyldig_til) == (
        delaftale.formaal,
        delaftale.gyldig_fra,
        delaftale.gyldig_til,
    )
