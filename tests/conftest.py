"""Personas (as healthchecks' alice/bob/charlie): who uses the portal, logged in.

- ``plan_a`` / ``plan_b``: two plans with a bestyrelse each.
- ``projektleder_a``: projektleder of plan A.  ``board_member_a``: member of plan A's board.
- ``member_b``: board member of plan B only.  ``lbf_user``: Landsbyggefonden staff.
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from bestyrelser.models import Medlemskab, Organ
from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory, PersonFactory, UserFactory
from tests.helhedsplaner.factories import HelhedsplanFactory


def _member(plan, username: str, rolle: str, organ_type: str = Organ.Type.BESTYRELSE):
    user = UserFactory(username=username)
    organ = Organ.objects.filter(helhedsplan=plan, type=organ_type).first() or OrganFactory(
        helhedsplan=plan, type=organ_type
    )
    MedlemskabFactory(person=PersonFactory(user=user, navn=f"{username} Persona"), organ=organ, rolle=rolle)
    return user


@pytest.fixture
def plan_a():
    return HelhedsplanFactory(navn="Helhedsplan Aaparken")


@pytest.fixture
def plan_b():
    return HelhedsplanFactory(navn="Helhedsplan Bøgeparken")


@pytest.fixture
def projektleder_a(plan_a):
    return _member(plan_a, "pl_a", Medlemskab.Rolle.PROJEKTLEDER)


@pytest.fixture
def board_member_a(plan_a):
    return _member(plan_a, "best_a", Medlemskab.Rolle.MEDLEM)


@pytest.fixture
def member_b(plan_b):
    return _member(plan_b, "best_b", Medlemskab.Rolle.MEDLEM)


@pytest.fixture
def lbf_user():
    user = UserFactory(username="lbf")
    user.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
    return user


def _client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def client_pl_a(client, projektleder_a):
    return _client_for(client, projektleder_a)


@pytest.fixture
def client_board_a(client, board_member_a):
    return _client_for(client, board_member_a)


@pytest.fixture
def client_b(client, member_b):
    return _client_for(client, member_b)


@pytest.fixture
def client_lbf(client, lbf_user):
    return _client_for(client, lbf_user)


def skip_unless_available(available: bool, reason: str) -> None:
    """Skip with ``reason`` when a service is absent locally; in CI
    (PORTAL_REQUIRE_SERVICES=1) a missing service is a failure, never a silent pass."""
    if available:
        return
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"Required in CI but unavailable: {reason}")
    pytest.skip(reason)
