"""A person's rights under GDPR: access (export everything held about them) and erasure
(anonymise: replace name and contact data everywhere with a pseudonym).

``person_export`` gathers every category the portal holds about a ``bestyrelser.Person``
and the linked user account. ``person_anonymise`` replaces the person's name, e-mail,
phone and username with ``anonym-<hash>`` in every field the personal-data registry
(``persondata.personal_data``) classifies as personal text, in the live tables and in their
history, ends the account and its sessions, and records the anonymisation in the
person's history with its reason. Who did what stays in history, as the pseudonym.

The agreement survey (``enighed``) cannot be linked: a response carries no person, user,
invitation or time. An export lists the person's invitations (that they were invited and
whether they answered), never which answers were theirs; anonymisation keeps the
invitations (they only say *that* the pseudonym answered) and rewrites the name in free
text answers if it appears there.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from bestyrelser.models import Handlingspunkt, Kommentar, Medlemskab, Moededeltagelse, Person
from enighed.models import Invitation
from helhedsplaner.access import plan_roles
from helhedsplaner.models import Aktivitet, Delmaalstatus, Statusrapport
from monitorering.models import Maaling
from portal.access import is_lbf_staff

from . import personal_data
from .retention import LOGIN_RECORD_MODELS

#: Shorter values are not searched for inside free text (too likely to hit other words).
MIN_TOKEN_LENGTH = 4
#: Rewritten field by field below, never by text search (another person may share the name).
STRUCTURED = {"bestyrelser.Person", "bestyrelser.HistoricalPerson", settings.AUTH_USER_MODEL}


def pseudonym_for(person_id: int) -> str:
    """A stable pseudonym for one person: the same on every run, not derivable from the id
    without the server's SECRET_KEY."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"person:{person_id}".encode(), hashlib.sha256)
    return f"anonym-{digest.hexdigest()[:10]}"


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _row(obj: models.Model, fields: Iterable[str]) -> dict:
    return {f: _iso(getattr(obj, f)) for f in fields}


# --- Export ------------------------------------------------------------------------------


def person_export(*, person_id: int) -> dict:
    """Everything the portal holds about one person, as JSON-ready data."""
    person = Person.objects.select_related("user").get(pk=person_id)
    user = person.user
    out: dict[str, Any] = {
        "eksporteret": timezone.now().isoformat(),
        "person": _row(person, ["id", "navn", "stilling", "email", "telefon"]),
    }
    out["brugerkonto"] = (
        None
        if user is None
        else {
            **_row(
                user,
                [
                    "id",
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                ],
            ),
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "har_adgangskode": user.has_usable_password(),
            "grupper": sorted(user.groups.values_list("name", flat=True)),
        }
    )
    memberships = Medlemskab.objects.filter(person=person).select_related(
        "organ__helhedsplan", "forvaltning", "boligorganisation"
    )
    out["medlemskaber"] = [
        {
            "id": m.pk,
            "organ": m.organ.navn,
            "organtype": m.organ.type,
            "helhedsplan": {"id": m.organ.helhedsplan_id, "navn": m.organ.helhedsplan.navn},
            "rolle": m.rolle,
            "repraesenterer": m.repraesenterer,
            "repraesentation": m.repraesentation,
            "niveau": m.niveau,
            "fra": _iso(m.fra),
            "til": _iso(m.til),
        }
        for m in memberships
    ]
    plans = {m.organ.helhedsplan for m in memberships}
    out["roller"] = {
        "landsbyggefonden": bool(user and is_lbf_staff(user)),
        "planer": [
            {"helhedsplan": p.navn, **asdict(plan_roles(user, p))}
            for p in sorted(plans, key=lambda p: p.pk)
            if user is not None
        ],
    }
    out["moededeltagelse"] = [
        {
            "moede": d.moede_id,
            "organ": d.moede.organ.navn,
            "tidspunkt": _iso(d.moede.tidspunkt),
            "status": d.status,
        }
        for d in Moededeltagelse.objects.filter(person=person).select_related("moede__organ")
    ]
    out["handlingspunkter"] = [
        {**_row(h, ["id", "tekst", "frist", "status"]), "moede": h.dagsordenspunkt.moede_id}
        for h in Handlingspunkt.objects.filter(ansvarlig=person).select_related("dagsordenspunkt")
    ]
    out["ansvar_for_aktiviteter"] = [
        _row(a, ["id", "navn", "startdato", "slutdato", "status"])
        for a in Aktivitet.objects.filter(ansvarlig=person)
    ]
    out["spoergsmaal_og_svar"] = (
        []
        if user is None
        else [
            {
                **_row(k, ["id", "tekst", "oprettet"]),
                "art": "svar" if k.svar_paa_id else "spørgsmål",
                "svar_paa": k.svar_paa_id,
                "succeskriterie": k.succeskriterie_id,
            }
            for k in Kommentar.objects.filter(forfatter=user)
        ]
    )
    out["enighedsmaaling"] = {
        "invitationer": [
            {
                "maaling": i.maaling.titel,
                "runde": i.maaling.runde,
                "niveau": i.niveau,
                "organisationstype": i.organisationstype,
                "sendt": _iso(i.sendt),
                "paamindelser": i.paamindelser,
                "har_svaret": i.besvaret,
            }
            for i in Invitation.objects.filter(person=person).select_related("maaling")
        ],
        "besvarelser": _(
            "Besvarelser gemmes uden person, bruger, invitation og tidspunkt og kan ikke knyttes "
            "til dig; de kan derfor hverken udleveres eller slettes enkeltvis."
        ),
    }
    out["aendringer"] = _authored_changes(user) if user else []
    out["henvisninger"] = _references(person, user)
    out["login"] = _login_records(user) if user else {}
    return out


def _history_models() -> list[Any]:
    return [m for m in apps.get_models() if personal_data.tracked_model(m) is not None]


def _authored_changes(user) -> list[dict]:
    """Every history row (every tracked model) whose author is ``user``."""
    rows = []
    for model in _history_models():
        tracked = personal_data.tracked_model(model)
        for r in model.objects.filter(history_user=user).values(
            "id", "history_id", "history_date", "history_type", "history_change_reason"
        ):
            rows.append(
                {
                    "model": tracked._meta.label,
                    "objekt": r["id"],
                    "tidspunkt": _iso(r["history_date"]),
                    "art": {"+": "oprettet", "~": "ændret", "-": "slettet"}.get(r["history_type"]),
                    "begrundelse": r["history_change_reason"] or "",
                }
            )
    return sorted(rows, key=lambda r: r["tidspunkt"])


def _references(person, user) -> list[dict]:
    """Rows of any other (non-history) model that point at the person or the account,
    e.g. registrations entered, reports submitted or approved, imports, exports."""
    covered = {
        ("bestyrelser.Medlemskab", "person"),
        ("bestyrelser.Moededeltagelse", "person"),
        ("bestyrelser.Handlingspunkt", "ansvarlig"),
        ("helhedsplaner.Aktivitet", "ansvarlig"),
        ("bestyrelser.Kommentar", "forfatter"),
        ("enighed.Invitation", "person"),
        ("bestyrelser.Person", "user"),
    }
    out = []
    for model in apps.get_models():
        if personal_data.tracked_model(model) is not None or model._meta.label in {
            "admin.LogEntry",
            "sessions.Session",
        }:
            continue
        for f in model._meta.concrete_fields:
            if not f.is_relation or (model._meta.label, f.name) in covered:
                continue
            target = personal_data.label(f.related_model) if f.related_model else ""
            value = (
                person
                if target == "bestyrelser.Person"
                else user
                if target == settings.AUTH_USER_MODEL
                else None
            )
            if value is None:
                continue
            for obj in model._default_manager.filter(**{f.name: value}):
                out.append(
                    {"model": model._meta.label, "felt": f.name, "id": obj.pk, "tekst": str(obj)[:200]}
                )
    return out


def _login_records(user) -> dict:
    records: dict[str, Any] = {
        "sidste_login": _iso(user.last_login),
        "oprettet": _iso(user.date_joined),
        "aktive_sessioner": [_iso(s.expire_date) for s in _sessions_of(user)],
        "administrationslog": [
            {"tidspunkt": _iso(e.action_time), "objekt": e.object_repr, "handling": e.action_flag}
            for e in LogEntry.objects.filter(user=user).order_by("action_time")
        ],
    }
    for app_label, model_name, date_field in _login_models():
        model = apps.get_model(app_label, model_name)
        records[model._meta.label] = [
            {"tidspunkt": _iso(getattr(r, date_field)), "ip": r.ip_address, "sti": r.path_info}
            for r in model._default_manager.filter(username=user.get_username())
        ]
    if apps.is_installed("django_otp.plugins.otp_totp"):
        # Local: importing the models of an app that is not installed raises.
        from django_otp.plugins.otp_totp.models import TOTPDevice

        records["totp_enheder"] = [
            {"navn": d.name, "bekraeftet": d.confirmed} for d in TOTPDevice.objects.filter(user=user)
        ]
    return records


def _login_models() -> list[tuple[str, str, str]]:
    return [m for m in LOGIN_RECORD_MODELS if apps.is_installed(m[0])]


def _sessions_of(user) -> list:
    """The database sessions logged in as ``user`` (decoded one by one: the user id is
    inside the signed session data)."""
    if not apps.is_installed("django.contrib.sessions") or "db" not in settings.SESSION_ENGINE:
        return []
    # Local: importing the models of an app that is not installed raises.
    from django.contrib.sessions.models import Session

    found = []
    for s in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk):
            found.append(s)
    return found


def person_export_json(*, person_id: int) -> str:
    return json.dumps(person_export(person_id=person_id), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# --- Anonymisation -----------------------------------------------------------------------


@dataclass
class Anonymisering:
    person_id: int
    pseudonym: str
    rettet: Counter = field(default_factory=Counter)  # model label -> rows rewritten
    slettet: Counter = field(default_factory=Counter)  # model label -> rows deleted


def _tokens(person, user) -> list[str]:
    """The strings to replace: current and historical name, e-mail and phone of the person,
    and the account's username, full name and e-mail. Longest first, so an e-mail is
    replaced before a username inside it."""
    values = {person.navn, person.email, person.telefon}
    for h in person.history.all():
        values |= {h.navn, h.email, h.telefon}
    if user is not None:
        values |= {user.get_username(), user.email, user.get_full_name()}
    found = {v.strip() for v in values if v and len(v.strip()) >= MIN_TOKEN_LENGTH}
    # Text written with json.dumps (admin log messages, JSON columns on SQLite) escapes æøå.
    found |= {json.dumps(v)[1:-1] for v in found}
    return sorted(found, key=len, reverse=True)


def _replace(value: Any, tokens: list[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        for token in tokens:
            if token in value:
                value = re.sub(re.escape(token), pseudonym, value)
        return value
    if isinstance(value, list):
        return [_replace(v, tokens, pseudonym) for v in value]
    if isinstance(value, dict):
        return {_replace(k, tokens, pseudonym): _replace(v, tokens, pseudonym) for k, v in value.items()}
    return value


def _contains_any(model: Any, f: Any, tokens: Iterable[str]) -> Any:
    if isinstance(f, models.JSONField):
        # Searched as text: escaped (SQLite) and unescaped (PostgreSQL) forms are in ``tokens``.
        return (
            model._default_manager.annotate(_gdpr_text=Cast(f.name, models.TextField()))
            .filter(_q_any("_gdpr_text", tokens))
            .values_list("pk", f.attname)
        )
    return model._default_manager.filter(_q_any(f.name, tokens)).values_list("pk", f.attname)


def _q_any(name: str, tokens: Iterable[str]) -> Q:
    q = Q()
    for token in tokens:
        q |= Q(**{f"{name}__contains": token})
    return q


def _planned_rewrites(tokens: list[str], pseudonym: str, skip: set[str]) -> list[tuple[Any, Any, dict]]:
    """(model, pk, {attname: new value}) for every row whose personal text holds a token."""
    plan: dict[tuple[Any, Any], dict] = {}
    for model, f in personal_data.personal_text_fields():
        if model._meta.label in skip:
            continue
        for pk, value in _contains_any(model, f, tokens):
            new = _replace(value, tokens, pseudonym)
            if new != value:
                plan.setdefault((model, pk), {})[f.attname] = new
    return [(model, pk, values) for (model, pk), values in plan.items()]


def _locked_report_ids(rewrites: list[tuple[Any, Any, dict]]) -> set[int]:
    """The locked status reports whose content (or delmål statuses and values) a rewrite
    touches: the database triggers refuse such writes while the report is locked."""
    report_ids: set[int] = set()
    for model, pk, _values in rewrites:
        if model is Statusrapport:
            report_ids.add(pk)
        elif model in (Delmaalstatus, Maaling):
            rid = model._default_manager.filter(pk=pk).values_list("statusrapport_id", flat=True).first()
            if rid:
                report_ids.add(rid)
    return set(
        Statusrapport.objects.filter(pk__in=report_ids, status__in=Statusrapport.APPROVED_STATES).values_list(
            "pk", flat=True
        )
    )


def person_anonymise(*, person_id: int, user=None, reason: str = "") -> Anonymisering:
    """Replace the person's name and contact data everywhere with a pseudonym, in one
    transaction. See the module docstring; ``user`` is who does it (recorded in history)."""
    User = get_user_model()
    with transaction.atomic():
        person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person_id)
        account = person.user
        pseudonym = pseudonym_for(person.pk)
        result = Anonymisering(person_id=person.pk, pseudonym=pseudonym)
        tokens = _tokens(person, account)
        old_username = account.get_username() if account is not None else None

        # 1. Free text and frozen copies everywhere, live and historical.
        rewrites = _planned_rewrites(tokens, pseudonym, skip=STRUCTURED)
        locked = dict(
            Statusrapport.objects.filter(pk__in=_locked_report_ids(rewrites)).values_list("pk", "status")
        )
        # The one sanctioned write into a locked report: the pseudonym for the name, with
        # the status restored in the same transaction (the triggers allow a status move).
        for pk in locked:
            Statusrapport.objects.filter(pk=pk).update(status=Statusrapport.Status.KLADDE)
        for model, pk, values in rewrites:
            model._default_manager.filter(pk=pk).update(**values)
            result.rettet[model._meta.label] += 1
        for pk, status in locked.items():
            Statusrapport.objects.filter(pk=pk).update(status=status)

        # 2. The person's own history: every earlier version carries the pseudonym.
        result.rettet["bestyrelser.HistoricalPerson"] += person.history.update(
            navn=pseudonym, stilling="", email="", telefon=""
        )
        for pk, text in person.history.filter(_q_any("history_change_reason", tokens)).values_list(
            "pk", "history_change_reason"
        ):
            person.history.filter(pk=pk).update(history_change_reason=_replace(text, tokens, pseudonym))

        # 3. The person, through the model so the change is in history with its reason.
        person.navn, person.stilling, person.email, person.telefon = pseudonym, "", "", ""
        person._history_user = user  # type: ignore[attr-defined]
        person._change_reason = _("Anonymiseret (GDPR)") + (f": {reason}" if reason else "")  # type: ignore[attr-defined]
        person.full_clean()
        person.save()
        result.rettet["bestyrelser.Person"] += 1

        # 4. The account: pseudonymous, no password, inactive, logged out everywhere.
        if account is not None:
            username = pseudonym
            if (
                User._default_manager.filter(**{User.USERNAME_FIELD: username})
                .exclude(pk=account.pk)
                .exists()
            ):
                username = f"{pseudonym}-{account.pk}"
            setattr(account, User.USERNAME_FIELD, username)
            account.first_name = account.last_name = account.email = ""
            account.is_active = account.is_staff = account.is_superuser = False
            account.set_unusable_password()
            account.save()
            result.rettet[settings.AUTH_USER_MODEL] += 1
            for session in _sessions_of(account):
                session.delete()
                result.slettet["sessions.Session"] += 1
            for app_label, model_name, _date in _login_models():
                model = apps.get_model(app_label, model_name)
                result.slettet[model._meta.label] += model._default_manager.filter(
                    username=old_username
                ).delete()[0]
            if apps.is_installed("django_otp.plugins.otp_totp"):
                # Local: importing the models of an app that is not installed raises.
                from django_otp.plugins.otp_totp.models import TOTPDevice

                result.slettet["otp_totp.TOTPDevice"] += TOTPDevice.objects.filter(user=account).delete()[0]
    return result


def _like(value: str) -> str:
    """``value`` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def leftover_occurrences(values: Iterable[str]) -> list[str]:
    """Where any of ``values`` still occurs in any column of any table (every column cast
    to text, JSON in its escaped and unescaped form), as ``table.column``. Independent of
    the registry on purpose: the tests use it to check the anonymiser and the registry."""
    needles = sorted({n for v in values if v for n in (v, json.dumps(v)[1:-1])})
    qn = connection.ops.quote_name
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                text = f"CAST({qn(column.name)} AS TEXT)"
                where = " OR ".join(f"{text} LIKE %s ESCAPE '\\'" for _n in needles)
                # Quoted identifiers only; the searched values are parameters.
                sql = f"SELECT {text} FROM {qn(table)} WHERE {where}"  # noqa: S608  # nosec B608
                cursor.execute(sql, [f"%{_like(n)}%" for n in needles])
                for (value,) in cursor.fetchall():
                    hits += [f"{table}.{column.name} ({n!r})" for n in needles if n.lower() in value.lower()]
    return hits
