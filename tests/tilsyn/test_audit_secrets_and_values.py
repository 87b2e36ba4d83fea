"""The audit trail never shows or exports secrets (recipient profiles' calendar and
unsubscribe tokens, invitation keys), and renders values as people read them: no raw
Python ``[]``/``{}``, files by name, link changes (many-to-many) spelled out."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from bestyrelser.models import Bilag
from monitorering.models import Omraadestatus
from notifikationer.models import Modtagerprofil
from portal import history
from tests.bestyrelser.factories import UserFactory
from tests.helhedsplaner.factories import DelmaalFactory, SamarbejdsaftaleFactory, StrategiskMaalFactory
from tilsyn import audit

pytestmark = pytest.mark.django_db

SECRET_NAME_PARTS = ("token", "hash", "noegle", "secret", "password", "nøgle")


@pytest.fixture
def profile():
    user = UserFactory(username="modtager")
    profil = Modtagerprofil.objects.create(user=user)
    profil.sprog = "en"
    profil.save()
    return profil


def _export_text(response) -> str:
    if response["Content-Type"].startswith("text/csv"):
        return response.content.decode("utf-8-sig")
    ws = load_workbook(io.BytesIO(response.content)).active
    return "\n".join(" ".join(str(c.value) for c in row if c.value is not None) for row in ws.iter_rows())


def test_recipient_tokens_are_absent_from_audit_trail_and_exports(profile, client_lbf):
    secrets = [profile.afmeld_token, profile.kalender_token]
    html = client_lbf.get(
        reverse("tilsyn:audit_trail"), {"objekttype": "notifikationer.modtagerprofil"}
    ).content.decode()
    assert "Sprog i e-mails" in html  # the profile's history is there ...
    for secret in secrets:  # ... without its secrets
        assert secret not in html
    assert "fmeldingsnøgle" not in html and "alendernøgle" not in html
    for fmt in ("csv", "xlsx"):
        response = client_lbf.get(reverse("tilsyn:audit_trail_export", args=[fmt]))
        text = _export_text(response)
        assert "modtager" in text.lower() or "Modtagerprofil" in text or "e-mails" in text
        for secret in secrets:
            assert secret not in text
        assert "fmeldingsnøgle" not in text and "alendernøgle" not in text


def test_recipient_tokens_are_not_recorded_in_history(profile):
    record = profile.history.first()
    assert not hasattr(record, "afmeld_token") and not hasattr(record, "kalender_token")


def test_secret_fields_recorded_before_their_exclusion_are_still_hidden():
    """Production databases may hold history rows with the secret columns filled in."""
    with_all = type("H", (), {f.attname: None for f in Modtagerprofil._meta.concrete_fields})
    names = {f.name for f in history.tracked_fields(Modtagerprofil, with_all)}
    assert "sprog" in names
    assert not names & {"afmeld_token", "kalender_token"}


def test_every_secret_looking_field_with_history_is_marked_secret():
    """A guard for new models: a token, hash or key field of a model with history is in
    ``portal.history.SECRET_FIELDS`` and not recorded in history."""
    for t in audit.tracked_models().values():
        for f in t.model._meta.concrete_fields:
            if any(part in f.name.lower() for part in SECRET_NAME_PARTS):
                qualified = f"{t.key}.{f.name}"
                assert qualified in history.SECRET_FIELDS, qualified
                assert not hasattr(t.history, f.attname), f"{qualified} is recorded in history"
    for qualified in history.SECRET_FIELDS:
        app_label, model_name, field_name = qualified.split(".")
        apps.get_model(app_label, model_name)._meta.get_field(field_name)  # no stale entries


def test_display_value_renders_empty_json_files_and_json_contents():
    json_field = models.JSONField(verbose_name="kategorier")
    file_field = Bilag._meta.get_field("fil")
    assert history.display_value(json_field, [], {}) == "–"
    assert history.display_value(json_field, {}, {}) == "–"
    assert history.display_value(file_field, "bilag/2026/budget_R73jEP1.pdf", {}) == "budget_R73jEP1.pdf"
    assert history.display_value(json_field, {"a": True, "b": None}, {}) == "a: ja, b: –"
    assert history.display_value(json_field, ["x", 2], {}) == "x, 2"


def test_empty_json_is_not_a_change():
    f = Omraadestatus._meta.get_field("kategorier")
    created = SimpleNamespace(history_type="+", kategorier={})
    assert history.changes_between([f], None, created, {}) == []
    changed = SimpleNamespace(history_type="~", kategorier=[])
    assert history.changes_between([f], created, changed, {}) == []
    filled = SimpleNamespace(history_type="~", kategorier={"a": False})
    assert [(c.old, c.new) for c in history.changes_between([f], changed, filled, {})] == [("–", "a: nej")]


def test_changed_links_are_shown_not_an_empty_changed_row(plan_a, client_lbf):
    aftale = SamarbejdsaftaleFactory(helhedsplan=plan_a)
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, nummer=3, titel="Flere unge i uddannelse")
    delmaal = DelmaalFactory(delaftale__helhedsplan=plan_a, titel="Lektiehjælp")
    delmaal.strategiske_maal.set([goal])
    entries = audit.audit_all(audit.AuditFilter(plan_id=plan_a.pk, model_key="helhedsplaner.delmaal"))
    changed = [e for e in entries if e.record.history_type == "~"]
    assert changed and all(e.changes for e in changed)
    assert [(c.old, c.new) for c in changed[0].changes] == [("–", "3. Flere unge i uddannelse")]
    html = client_lbf.get(reverse("tilsyn:plan_audit_trail", args=[plan_a.pk])).content.decode()
    assert "3. Flere unge i uddannelse" in html
    assert "[]" not in html and "{}" not in html
    response = client_lbf.get(reverse("tilsyn:plan_audit_trail_export", args=[plan_a.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert not any(cell in ("[]", "{}") for row in rows for cell in row)
    assert any("3. Flere unge i uddannelse" in row for row in rows)
