"""The demo data is part of the product: complete, realistic and idempotent."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from bestyrelser.models import Medlemskab, Organ
from helhedsplaner.models import Aftalestatus, Aktivitet, Helhedsplan
from monitorering.models import Maaling

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "admin",
    "lbf",
    "projektleder.solbakken",
    "bestyrelse.solbakken",
    "projektleder.laerkevangen",
    "bestyrelse.laerkevangen",
    "projektleder.maageparken",
    "bestyrelse.maageparken",
    "formand.solbakken",
    "formand.laerkevangen",
    "formand.maageparken",
]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"helhedsplaner", "bestyrelser", "monitorering", "auth"}
    }


@pytest.fixture
def seeded(demo_data):
    """seed_demo's output; its rows are in the database (seeded once per session)."""
    return demo_data


def test_seed_prints_the_demo_logins(seeded):
    for username in DEMO_LOGINS:
        assert username in seeded
    assert "demo1234" in seeded
    assert "kun til demo" in seeded


def test_seed_is_idempotent(seeded):
    first = row_counts()
    values = list(Maaling.objects.order_by("pk").values_list("pk", "vaerdi"))
    call_command("seed_demo", "--uden-landsdata", stdout=io.StringIO())
    assert row_counts() == first
    assert list(Maaling.objects.order_by("pk").values_list("pk", "vaerdi")) == values


def test_every_demo_login_works_and_sees_the_right_plans(seeded):
    for username in DEMO_LOGINS:
        # django-axes needs the request (its lockout is per username and address).
        user = authenticate(RequestFactory().post("/login/"), username=username, password="demo1234")
        assert user is not None, username
        visible = Helhedsplan.objects.visible_to(user)
        if username in {"admin", "lbf"}:
            assert visible.count() == 3
        else:
            slug = username.split(".")[1]
            assert visible.count() == 1
            assert slug[:4] in visible.get().navn.lower().replace("æ", "ae").replace("å", "aa")


def test_three_plans_in_three_kommuner_under_the_2015_18_round(seeded):
    plans = Helhedsplan.objects.select_related("bevillingsperiode")
    assert plans.count() == 3
    assert plans.values("kommune").distinct().count() == 3
    assert {p.bevillingsperiode.navn for p in plans} == {"2015-18-midlerne"}
    for plan in plans:
        assert (plan.slutdato - plan.startdato).days in range(1455, 1462)  # four years


def test_each_plan_has_the_whole_chain_in_the_asked_sizes(seeded):
    for plan in Helhedsplan.objects.all():
        started = plan.startdato <= timezone.localdate()
        assert (
            all(
                a.status == Aftalestatus.GODKENDT and a.godkendt_tidspunkt
                for a in plan.samarbejdsaftaler.all()
            )
            == started
        )  # the plan that starts next quarter waits for LBF's approval
        aftale = plan.samarbejdsaftaler.order_by("-version").first()
        goals = aftale.strategiske_maal.all()
        assert 4 <= goals.count() <= 6
        for goal in goals:
            for kriterie in goal.succeskriterier.all():
                assert kriterie.baseline_vaerdi is not None and kriterie.baseline_dato
                assert kriterie.maal_vaerdi is not None and kriterie.maal_dato
            assert goal.succeskriterier.exists()
        assert 3 <= plan.delaftaler.count() <= 4
        delmaal = [d for da in plan.delaftaler.all() for d in da.delmaal.all()]
        assert 3 <= len(delmaal) <= 5
        activities = Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan)
        assert 8 <= activities.count() <= 20
        registrations = activities.values_list("registreringer__dato", flat=True)
        quarters = {(d.year, (d.month - 1) // 3) for d in registrations if d}
        # Registered up to yesterday: 16 quarters when finished, 5 ended and the open one
        # when in the second year, none before the start.
        expected = {Helhedsplan.Status.AFSLUTTET: 16, Helhedsplan.Status.I_GANG: 5}.get(plan.status, 0)
        assert expected <= len(quarters) <= max(expected + 1, 0 if not started else 17), plan
        bestyrelse = plan.organer.get(type=Organ.Type.BESTYRELSE)
        assert 5 <= bestyrelse.medlemskaber.exclude(rolle=Medlemskab.Rolle.PROJEKTLEDER).count() <= 8
        assert Maaling.objects.filter(helhedsplan=plan).exists() == started


def test_the_plans_show_three_organisation_patterns(seeded):
    groups = {}
    for plan in Helhedsplan.objects.all():
        following = plan.organer.filter(
            type__in=[Organ.Type.FOELGEGRUPPE, Organ.Type.STYREGRUPPE], daekker__isnull=False
        ).distinct()
        groups[plan.navn.split()[1]] = (following.count(), plan.delaftaler.count())
    counts = sorted(n for n, _ in groups.values())
    assert counts[0] == 0  # one plan with no styre-/følgegruppe
    assert 1 in counts  # one plan with one joint group
    per_area = [n for n, delaftaler in groups.values() if n > 1]
    assert per_area and per_area[0] == next(d for n, d in groups.values() if n > 1)


def test_solbakken_approved_a_second_version_lowering_one_target_mid_plan(seeded):
    """The chart's step: version 2 (approved by the demo LBF user at the end of the plan's
    first year) lowers one target with a recorded reason; the quarters before it keep
    version 1's target."""
    from helhedsplaner.models import Maalaendring
    from monitorering.models import Kriteriestatus

    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    v1, v2 = plan.samarbejdsaftaler.order_by("version")
    assert v2.status == Aftalestatus.GODKENDT and v2.godkendt_af.username == "lbf"
    assert v2.ikraft_fra == plan.startdato.replace(year=plan.startdato.year + 1)
    assert v2.ikraft_fra < timezone.localdate()
    change = Maalaendring.objects.get(succeskriterie__strategisk_maal__samarbejdsaftale=v2)
    new, old = change.succeskriterie, change.succeskriterie.forgaenger
    assert old.strategisk_maal.samarbejdsaftale == v1 and new.maal_vaerdi < old.maal_vaerdi
    assert change.begrundelse
    rows = list(Kriteriestatus.objects.filter(succeskriterie=new).order_by("periode_start"))
    assert {row.samarbejdsaftale_id for row in rows} == {v1.pk, v2.pk}  # the step is in the data
    for row in rows:
        expected = (old.maal_vaerdi, v1.pk) if row.periode_slut < v2.ikraft_fra else (new.maal_vaerdi, v2.pk)
        assert (row.maal, row.samarbejdsaftale_id) == expected
