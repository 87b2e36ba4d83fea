"""The read API's rows of the access table, checked again with personal API keys instead of
the session: every persona's own key gets exactly what its session gets."""

from __future__ import annotations

import pytest
from django.test import Client

from api.tokens import key_create

from .conftest import PERSONAS
from .table import CASES
from .test_access_matrix import _check
from .urls import case_url

pytestmark = pytest.mark.django_db

API_CASES = [c for c in CASES if c.api and not c.public]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anon"])
@pytest.mark.parametrize("case", API_CASES, ids=lambda c: c.id)
def test_api_with_a_personal_key(world, case, persona):
    _noegle, raw = key_create(user=world.users[persona], navn="matrix")
    response = Client().get(case_url(case, world), HTTP_AUTHORIZATION=f"Bearer {raw}")
    _check(response, case.expected(persona, "GET"), f"GET {case.name} with {persona}'s key")


@pytest.mark.parametrize("case", API_CASES, ids=lambda c: c.id)
def test_api_foreign_and_missing_ids_answer_alike_with_a_key(world, case):
    if case.expected("member_b", "GET") != "404" or not case.kwargs:
        pytest.skip("no foreign object in this row")
    _noegle, raw = key_create(user=world.users["member_b"], navn="matrix")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    foreign, missing = client.get(case_url(case, world)), client.get(case_url(case, world, missing=True))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
