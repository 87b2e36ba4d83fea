"""A forvaltning's fagområder are data on the forvaltning: "Beskæftigelses- og
Socialforvaltningen" covers both beskæftigelse and social, and the board-composition check
reads that data, not the name."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from bestyrelser.dashboard import dashboard_data
from bestyrelser.models import Medlemskab, Organ
from helhedsplaner.models import Forvaltning, Helhedsplan
from tests.bestyrelser.factories import MedlemskabFactory
from tests.helhedsplaner.factories import (
    ForvaltningFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StrategiskMaalFactory,
)

pytestmark = pytest.mark.django_db
Area = Forvaltning.Omraade


@pytest.fixture
def plan_needing_work_and_social(plan_a, projektleder_a):
    area = IndsatsomraadeFactory(kode="beskaeftigelse-og-social", navn="Beskæftigelse og social")
    aftale = SamarbejdsaftaleFactory(helhedsplan=plan_a)
    StrategiskMaalFactory(samarbejdsaftale=aftale, nummer=1, indsatsomraade=area)
    return plan_a


def _missing(plan) -> list[str]:
    return dashboard_data(plan)["bestyrelse"]["manglende_forvaltninger"]


def _seat(plan, forvaltning):
    board = Organ.objects.get(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    MedlemskabFactory(
        organ=board,
        repraesenterer=Medlemskab.Repraesenterer.KOMMUNE,
        forvaltning=forvaltning,
        niveau=Medlemskab.Niveau.CHEF,
        organisation="",
    )


@override_settings(FORVALTNINGER_PR_INDSATSOMRAADE={"beskaeftigelse-og-social": ["beskaeftigelse", "social"]})
def test_a_forvaltning_with_two_areas_covers_both(plan_needing_work_and_social):
    plan = plan_needing_work_and_social
    forvaltning = ForvaltningFactory(
        kommune=plan.kommune,
        navn="Beskæftigelses- og Socialforvaltningen",
        omraade=Area.BESKAEFTIGELSE,
        fagomraader=[Area.SOCIAL],
    )
    assert forvaltning.omraader() == {Area.BESKAEFTIGELSE, Area.SOCIAL}
    _seat(plan, forvaltning)
    assert _missing(plan) == []


@override_settings(FORVALTNINGER_PR_INDSATSOMRAADE={"beskaeftigelse-og-social": ["beskaeftigelse", "social"]})
def test_the_name_alone_does_not_make_a_forvaltning_cover_an_area(plan_needing_work_and_social):
    """The data decides: a forvaltning called "…Social…" with only beskæftigelse as its area
    leaves social missing."""
    plan = plan_needing_work_and_social
    _seat(
        plan,
        ForvaltningFactory(
            kommune=plan.kommune, navn="Beskæftigelses- og Socialforvaltningen", omraade=Area.BESKAEFTIGELSE
        ),
    )
    assert _missing(plan) == ["Social"]


def test_demo_solbakken_board_covers_social_through_its_forvaltning():
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    assert "Social" not in _missing(plan)
    assert "Beskæftigelse" not in _missing(plan)
    forvaltning = Forvaltning.objects.get(navn="Beskæftigelses- og Socialforvaltningen")
    assert forvaltning.omraader() == {Area.BESKAEFTIGELSE, Area.SOCIAL}


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_gives_known_two_area_names_their_second_area():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("bestyrelser", "0004_forvaltningsomraade"), ("helhedsplaner", "0004_statusrapport_laas")]
    after = [("bestyrelser", "0005_forvaltningsomraader_fra_kendte_navne")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Kommune = old_apps.get_model("helhedsplaner", "Kommune")
    OldForvaltning = old_apps.get_model("helhedsplaner", "Forvaltning")
    kommune = Kommune.objects.create(navn="Odense Kommune", kommunekode="461", region="syddanmark")
    social = OldForvaltning.objects.create(
        kommune=kommune, navn="Beskæftigelses- og Socialforvaltningen", omraade="beskaeftigelse"
    )
    other = OldForvaltning.objects.create(kommune=kommune, navn="Sundhedsplejen", omraade="sundhed")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Forvaltning.objects.get(pk=social.pk).omraader() == {Area.BESKAEFTIGELSE, Area.SOCIAL}
    assert Forvaltning.objects.get(pk=other.pk).omraader() == {Area.SUNDHED}
