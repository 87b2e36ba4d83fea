"""The dashboard's cache holds a bounded number of pages per plan, keyed on the filters it
reads (issue 13, finding 9), and the survey section reaches the dashboard through the
section registry, not through an import of enighed (issue 20)."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from bestyrelser.caching import SLOTS_PER_PLAN
from bestyrelser.dashboard import dashboard_data
from bestyrelser.sections import providers
from tests.bestyrelser.test_meetings import DASHBOARD_QUERIES_WARM
from tests.enighed.test_views import _closed_survey
from tests.helhedsplaner.factories import build_chain

pytestmark = pytest.mark.django_db


def _dashboard_entries(plan) -> list[str]:
    # The test settings use the local-memory cache; its keys are the made keys.
    return [key for key in cache._cache if "bestyrelser:overblik:" in key and f":{plan.pk}:" in key]


@pytest.fixture
def dashboard_url(plan_a):
    cache.clear()
    return reverse("bestyrelser:dashboard", args=[plan_a.pk])


def test_unknown_parameters_and_invalid_filters_reuse_the_cached_page(
    client_board_a, plan_a, projektleder_a, dashboard_url, django_assert_num_queries
):
    build_chain(plan_a, activities=1)
    page = client_board_a.get(dashboard_url)
    assert page.status_code == 200
    for n in range(50):
        with django_assert_num_queries(DASHBOARD_QUERIES_WARM):  # no rebuild
            client_board_a.get(f"{dashboard_url}?junk={n}")
    for junk in ("omraade=abc", "omraade=0", "fra=ikke-en-dato", "til=2021-13-45", "omraade=&fra=&til="):
        with django_assert_num_queries(DASHBOARD_QUERIES_WARM):
            client_board_a.get(f"{dashboard_url}?{junk}")
    assert len(_dashboard_entries(plan_a)) == 1


def test_a_plan_holds_a_bounded_number_of_filtered_pages(
    client_board_a, plan_a, projektleder_a, dashboard_url
):
    build_chain(plan_a, activities=1)
    start = datetime.date(2021, 1, 1)
    for n in range(40):
        fra = start + datetime.timedelta(days=n)
        assert client_board_a.get(f"{dashboard_url}?fra={fra.isoformat()}").status_code == 200
    assert 1 <= len(_dashboard_entries(plan_a)) <= SLOTS_PER_PLAN
    participants = [key for key in cache._cache if f"bestyrelser:deltagere:{plan_a.pk}:" in key]
    assert 1 <= len(participants) <= SLOTS_PER_PLAN


def test_the_page_links_carry_the_normalised_filters_only(
    client_board_a, plan_a, projektleder_a, dashboard_url
):
    build_chain(plan_a, activities=1)
    html = client_board_a.get(f"{dashboard_url}?junk=1&fra=2021-01-01").content.decode()
    exports = re.findall(r'href="([^"]*/overblik/[a-z]+\.(?:csv|xlsx)\?[^"]*)"', html)
    assert exports and all(link.endswith("?fra=2021-01-01") for link in exports)
    assert f'name="next" value="{dashboard_url}?fra=2021-01-01"' in html


def test_the_survey_section_comes_from_enighed_through_the_registry(
    client_board_a, plan_a, projektleder_a, dashboard_url
):
    assert [p.key for p in providers()] == ["enighed"]
    assert dashboard_data(plan_a)["enighed"] is None
    assert "Enighed om problemer og løsninger" not in client_board_a.get(dashboard_url).content.decode()
    maaling = _closed_survey(plan_a, projektleder_a)
    # The new analysis is part of the stamp: the cached page is rebuilt at once.
    page = client_board_a.get(dashboard_url).content.decode()
    assert "Enighed om problemer og løsninger" in page
    assert reverse("enighed:resultater", args=[maaling.pk]) in page
    data = dashboard_data(plan_a)
    assert next(iter(data)) == "enighed" and data["enighed"]["id"] == maaling.pk


def test_bestyrelser_imports_neither_top_app():
    for path in (Path(settings.BASE_DIR) / "bestyrelser").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("enighed", "tilsyn"), f"{path}: imports {name}"


def test_ids_in_the_page_are_never_localised(client_board_a, plan_a, projektleder_a, dashboard_url):
    """With USE_THOUSAND_SEPARATOR a number renders "12.345": the anchor the comment form
    returns to, the chart's figure id and the comment replied to must stay "12345"."""
    from bestyrelser.models import Kommentar
    from tests.helhedsplaner.factories import SucceskriterieFactory

    goal, _ = build_chain(plan_a, activities=1)
    kriterie = SucceskriterieFactory(id=12345, strategisk_maal=goal, beskrivelse="Stort id")
    Kommentar.objects.create(id=4321, succeskriterie=kriterie, forfatter=projektleder_a, tekst="Hvorfor?")
    html = client_board_a.get(dashboard_url).content.decode()
    assert 'id="kriterie-12345"' in html and 'id="kommentar-12345"' in html
    assert 'name="svar_paa" value="4321"' in html
    assert "12.345" not in html and "4.321" not in html
