"""Mass assignment: every form is posted as its page renders it (so the write succeeds),
plus fields that are not on the form: another plan's ids, workflow status, approver,
creator, revision. Nothing may change beyond what the form offers."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import NOT_PROVIDED
from django.urls import reverse
from django.utils import timezone

from .forms import form_posting_to, payload

pytestmark = pytest.mark.django_db

# Columns a form must never set unless it offers them: (attname) -> what the extra posts.
PROTECTED = (
    "helhedsplan_id",
    "status",
    "godkendt_af_id",
    "godkendt_tidspunkt",
    "accepteret_af_id",
    "indsendt_af_id",
    "oprettet_af_id",
    "registreret_af_id",
    "forfatter_id",
    "frigivet_af_id",
    "referat_status",
    "referat_godkendt_af_id",
    "organ_id",
    "moede_id",
    "dagsordenspunkt_id",
    "delaftale_id",
    "delmaal_id",
    "aktivitet_id",
    "succeskriterie_id",
    "samarbejdsaftale_id",
    "strategisk_maal_id",
    "version",
    "bestilt_af_id",
)


def _extras(world) -> dict:
    b, admin = world.ids_b, world.users["admin"].pk
    return {
        "helhedsplan": world.plan_b.pk,
        "plan": world.plan_b.pk,
        "status": "godkendt",
        "godkendt_af": admin,
        "godkendt_tidspunkt": "2020-01-01 12:00",
        "accepteret_af": admin,
        "indsendt_af": admin,
        "oprettet_af": admin,
        "registreret_af": admin,
        "forfatter": admin,
        "frigivet_af": admin,
        "referat_status": "godkendt",
        "referat_godkendt_af": admin,
        "organ": b["organ_pk"],
        "moede": b["moede_locked"],
        "delaftale": b["delaftale_pk"],
        "delmaal": b["delmaal_pk"],
        "aktivitet": b["aktivitet_pk"],
        "succeskriterie": b["kriterie_pk"],
        "samarbejdsaftale": b["aftale_pk"],
        "version": "99",
        "revision": "999",
        "id": b["aktivitet_pk"],
        "pk": b["aktivitet_pk"],
        "er_laast": "on",
        "lbf_kommentar": "sneget ind",
    }


# Bookkeeping every write moves, not data a form sets: the history, and each plan's content
# version (bestyrelser.versions, bumped by every history record of the plan's rows).
BOOKKEEPING = {"bestyrelser.Indholdsversion"}


def _models():
    return [
        m
        for m in apps.get_models()
        if not m.__name__.startswith("Historical")
        and m._meta.app_label != "sessions"
        and m._meta.label not in BOOKKEEPING
    ]


def snapshot() -> dict:
    rows = {}
    for model in _models():
        names = [f.attname for f in model._meta.concrete_fields if f.attname in PROTECTED]
        if names:
            for values in model.objects.values_list("pk", *names):
                rows[(model._meta.label, values[0])] = dict(zip(names, values[1:], strict=True))
    return rows


def _default(model_label: str, attname: str):
    field = next(f for f in apps.get_model(model_label)._meta.concrete_fields if f.attname == attname)
    return None if field.default is NOT_PROVIDED else field.get_default()


def _assert_only_offered_changes(before, after, *, offered: set, user, world, extras) -> None:
    user_columns = {a for a in PROTECTED if a.endswith("_af_id") or a == "forfatter_id"}
    for key, old in before.items():
        if key not in after:
            continue  # deleted rows are the matrix's business
        for name, value in after[key].items():
            if value != old[name]:
                assert f"{key[0]}.{name}" in offered, f"{key}: {name} changed {old[name]!r} → {value!r}"
    b_ids = {f"{name}_id": value for name, value in extras.items() if isinstance(value, int)}
    for key in after.keys() - before.keys():
        row = after[key]
        for name, value in row.items():
            if f"{key[0]}.{name}" in offered:
                continue
            if name in b_ids:
                assert value != b_ids[name] or value is None, f"new {key}: {name} = another plan's {value}"
            if name == "helhedsplan_id":
                assert value in (world.plan_a.pk, None), f"new {key}: on plan {value}"
            elif name in user_columns:
                assert value in (user.pk, None), f"new {key}: {name} = {value}"
                assert (
                    name not in {"godkendt_af_id", "accepteret_af_id", "referat_godkendt_af_id"} or not value
                )
            elif name in {"status", "referat_status", "godkendt_tidspunkt"}:
                assert value == _default(key[0], name), f"new {key}: {name} = {value!r}"


def _url(name, world, **kwargs):
    return reverse(name, kwargs={k: world.ids.get(v, v) for k, v in kwargs.items()})


def _post_form(client, page, action, *, fill=None, drop=(), files=None, extras):
    html = client.get(page).content.decode()
    data = payload(form_posting_to(html, action, page))
    for name in drop:
        data.pop(name, None)
    for name, value in (fill or {}).items():
        data[name] = [value]
    for name, value in extras.items():
        data.setdefault(name, [value])  # only what the form does not offer
    data.pop("csrfmiddlewaretoken", None)
    return client.post(action, {**data, **(files or {})})


TODAY = timezone.localdate().isoformat()

# (id, persona, page, action, fill, offered changes, model a new row must appear in)
FORMS = [
    (
        "aktivitet_update",
        "projektleder",
        ("helhedsplaner:aktivitet_update", {"pk": "pk", "aktivitet_pk": "aktivitet_pk"}),
        None,
        {},
        {"helhedsplaner.Aktivitet.status", "helhedsplaner.Aktivitet.delmaal_id"},
        None,
    ),
    (
        "aktivitet_create",
        "projektleder",
        ("helhedsplaner:aktivitet_update", {"pk": "pk", "aktivitet_pk": "aktivitet_pk"}),
        ("helhedsplaner:aktivitet_create", {"pk": "pk"}),
        # The edit page offers the current responsible person, who need not be a member.
        {"navn": "Ny aktivitet", "ansvarlig": ""},
        {"helhedsplaner.Aktivitet.status", "helhedsplaner.Aktivitet.delmaal_id"},
        "helhedsplaner.Aktivitet",
    ),
    (
        "aktivitet_close",
        "projektleder",
        ("helhedsplaner:aktivitet_detail", {"pk": "pk", "aktivitet_pk": "aktivitet_pk"}),
        ("helhedsplaner:aktivitet_close", {"pk": "pk", "aktivitet_pk": "aktivitet_pk"}),
        {},
        {"helhedsplaner.Aktivitet.status"},
        None,
    ),
    (
        "registrering_create",
        "projektleder",
        ("helhedsplaner:registrering_create", {"pk": "pk", "aktivitet_pk": "aktivitet_pk"}),
        None,
        "numbers",
        set(),
        "helhedsplaner.Aktivitetsregistrering",
    ),
    (
        "delmaal_update",
        "projektleder",
        ("helhedsplaner:delmaal_update", {"pk": "pk", "delmaal_pk": "delmaal_pk"}),
        None,
        {},
        {"helhedsplaner.Delmaal.status"},
        None,
    ),
    (
        "statusrapport_update",
        "projektleder",
        ("helhedsplaner:statusrapport_update", {"pk": "pk", "rapport_pk": "rapport_kladde"}),
        None,
        {},
        set(),
        None,
    ),
    (
        "moede_update",
        "projektleder",
        ("bestyrelser:moede_update", {"pk": "pk", "moede_pk": "moede_pk"}),
        None,
        {},
        {"bestyrelser.Moede.status"},
        None,
    ),
    (
        "moede_create",
        "formand",
        ("bestyrelser:moede_update", {"pk": "pk", "moede_pk": "moede_pk"}),
        ("bestyrelser:moede_create", {"pk": "pk", "organ_pk": "organ_pk"}),
        {},
        {"bestyrelser.Moede.status"},
        "bestyrelser.Moede",
    ),
    (
        "punkt_update",
        "projektleder",
        ("bestyrelser:punkt_update", {"pk": "pk", "moede_pk": "moede_pk", "punkt_pk": "punkt_pk"}),
        None,
        {},
        set(),
        None,
    ),
    (
        "punkt_create",
        "projektleder",
        ("bestyrelser:punkt_update", {"pk": "pk", "moede_pk": "moede_pk", "punkt_pk": "punkt_pk"}),
        ("bestyrelser:punkt_create", {"pk": "pk", "moede_pk": "moede_pk"}),
        {},
        set(),
        "bestyrelser.Dagsordenspunkt",
    ),
    (
        "handlingspunkt_add",
        "projektleder",
        ("bestyrelser:moede_detail", {"pk": "pk", "moede_pk": "moede_pk"}),
        ("bestyrelser:handlingspunkt_add", {"pk": "pk", "moede_pk": "moede_pk", "punkt_pk": "punkt_pk"}),
        {"tekst": "Ring til skolen", "frist": TODAY},
        set(),
        "bestyrelser.Handlingspunkt",
    ),
    (
        "beslutning_add",
        "projektleder",
        ("bestyrelser:moede_detail", {"pk": "pk", "moede_pk": "moede_pk"}),
        ("bestyrelser:beslutning_add", {"pk": "pk", "moede_pk": "moede_pk", "punkt_pk": "punkt_pk"}),
        {"tekst": "Vedtaget"},
        set(),
        "bestyrelser.Beslutning",
    ),
    (
        "delaftale_draft",
        "projektleder",
        ("tilsyn:delaftale_draft", {"pk": "pk", "delaftale_pk": "delaftale_other"}),
        None,
        {},
        {"helhedsplaner.Delaftaleversion.status"},
        "helhedsplaner.Delaftaleversion",
    ),
    (
        "maaling_create",
        "projektleder",
        ("enighed:plan_list", {"pk": "pk"}),
        ("enighed:maaling_create", {"pk": "pk"}),
        {"titel": "Ny måling", "runde": "2031"},
        set(),
        "enighed.Enighedsmaaling",
    ),
]


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s[0])
def test_form_ignores_fields_it_does_not_offer(world, spec):
    _id, persona, (page_name, page_kwargs), action, fill, offered, creates = spec
    client = world.client(persona)
    page = _url(page_name, world, **page_kwargs)
    action_url = _url(action[0], world, **action[1]) if action else page
    if _id == "handlingspunkt_add":  # the persona itself is responsible (a plan member)
        fill = {**fill, "ansvarlig": str(world.users[persona].person.pk)}
    if fill == "numbers":  # counts per target group and hours
        html = client.get(page).content.decode()
        fields = payload(form_posting_to(html, action_url, page))
        fill = {name: "2" for name, values in fields.items() if values == [""] and name != "note"}
    before = snapshot()
    extras = _extras(world)
    response = _post_form(
        client, page, action_url, fill=fill, drop=("revision",) if action else (), extras=extras
    )
    assert response.status_code == 302, f"{_id}: {response.status_code} (the form was not accepted)"
    assert not response["Location"].startswith(reverse("login"))
    after = snapshot()
    if creates:
        said = [str(m) for m in get_messages(response.wsgi_request)]
        assert any(k[0] == creates for k in after.keys() - before.keys()), f"{_id}: nothing created: {said}"
    _assert_only_offered_changes(
        before, after, offered=offered, user=world.users[persona], world=world, extras=extras
    )
    if _id == "delaftale_draft":
        # The first draft also keeps the version in force (with its status); the draft
        # itself is a kladde whatever was posted.
        from helhedsplaner.models import Delaftaleversion

        newest = Delaftaleversion.objects.filter(delaftale_id=world.ids["delaftale_other"]).order_by(
            "-version"
        )
        assert newest.first().status == "kladde" and newest.first().godkendt_af_id is None


def test_paper_upload_ignores_other_fields(world):
    client = world.client("projektleder")
    before = snapshot()
    extras = _extras(world)
    url = _url("bestyrelser:bilag_upload", world, pk="pk", moede_pk="moede_pk", punkt_pk="punkt_pk")
    fil = SimpleUploadedFile("notat.pdf", b"%PDF-1.4 notat", content_type="application/pdf")
    response = client.post(url, {"titel": "Notat", "fil": fil, **extras})
    assert response.status_code == 302
    after = snapshot()
    assert any(k[0] == "bestyrelser.Bilag" for k in after.keys() - before.keys())
    _assert_only_offered_changes(
        before, after, offered=set(), user=world.users["projektleder"], world=world, extras=extras
    )


def test_question_and_agreement_goal_ignore_other_fields(world):
    """kommentar_add (a board member) and a new goal on a fresh draft agreement (projektleder)."""
    extras = _extras(world)
    board = world.client("board_member")
    before = snapshot()
    url = _url("bestyrelser:kommentar_add", world, pk="pk", kriterie_pk="kriterie_pk")
    assert board.post(url, {"tekst": "Hvorfor faldt tallet?", **extras}).status_code == 302
    after = snapshot()
    assert any(k[0] == "bestyrelser.Kommentar" for k in after.keys() - before.keys())
    _assert_only_offered_changes(
        before, after, offered=set(), user=world.users["board_member"], world=world, extras=extras
    )

    pl = world.client("projektleder")
    assert pl.post(_url("tilsyn:agreement_draft", world, pk="pk")).status_code == 302
    draft = world.plan_a.samarbejdsaftaler.order_by("-version").first()
    assert draft.status == "kladde"
    before = snapshot()
    url = reverse("tilsyn:agreement_add_goal", args=[world.plan_a.pk, draft.pk])
    assert pl.post(url, {"titel": "Nyt mål", "problem": "Et problem", **extras}).status_code == 302
    after = snapshot()
    new_goals = [k for k in after.keys() - before.keys() if k[0] == "helhedsplaner.StrategiskMaal"]
    assert len(new_goals) == 1 and after[new_goals[0]]["samarbejdsaftale_id"] == draft.pk
    _assert_only_offered_changes(
        before,
        after,
        offered={
            "helhedsplaner.StrategiskMaal.samarbejdsaftale_id",
            "helhedsplaner.Succeskriterie.strategisk_maal_id",
        },
        user=world.users["projektleder"],
        world=world,
        extras=extras,
    )

    # The draft's edit form, posted as rendered plus the extras.
    page = reverse("tilsyn:agreement_edit", args=[world.plan_a.pk, draft.pk])
    before = snapshot()
    response = _post_form(pl, page, page, extras=extras)
    assert response.status_code == 302, response.status_code
    after = snapshot()
    _assert_only_offered_changes(
        before, after, offered=set(), user=world.users["projektleder"], world=world, extras=extras
    )
    draft.refresh_from_db()
    assert (draft.status, draft.godkendt_af_id, draft.helhedsplan_id) == ("kladde", None, world.plan_a.pk)


def test_action_item_status_ignores_other_fields(world):
    client = world.client("projektleder")
    before = snapshot()
    extras = {k: v for k, v in _extras(world).items() if k != "status"}
    url = _url("bestyrelser:handlingspunkt_status", world, pk="pk", item_pk="item_pk")
    assert client.post(url, {"status": "udfoert", **extras}).status_code == 302
    after = snapshot()
    _assert_only_offered_changes(
        before,
        after,
        offered={"bestyrelser.Handlingspunkt.status"},
        user=world.users["projektleder"],
        world=world,
        extras=extras,
    )


def test_survey_answer_ignores_other_fields(world):
    client = world.client("board_member")
    page = _url("enighed:besvar", world, maaling_pk="maaling_pk")
    before = snapshot()
    extras = _extras(world)
    response = _post_form(client, page, page, extras=extras)
    assert response.status_code == 302, response.status_code
    after = snapshot()
    _assert_only_offered_changes(
        before, after, offered=set(), user=world.users["board_member"], world=world, extras=extras
    )
