"""The board-meeting rule judges each calendar year by the part of it inside the plan
period: a plan that ended 31.3.2023 needs ceil(3 x 90/365) = 1 meeting in 2023, not 3, and
meetings after the plan ended do not count."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from bestyrelser.models import Moede, Organ
from helhedsplaner.models import Helhedsplan
from tests.bestyrelser.factories import OrganFactory
from tests.helhedsplaner.factories import HelhedsplanFactory
from tilsyn import rules

pytestmark = pytest.mark.django_db
AFTER_THE_PLAN = datetime.date(2024, 6, 1)


def _meet(board, *days):
    for day in days:
        Moede.objects.create(
            organ=board,
            tidspunkt=timezone.make_aware(datetime.datetime.combine(day, datetime.time(17))),
            status=Moede.Status.AFHOLDT,
        )


@pytest.fixture
def board():
    plan = HelhedsplanFactory(startdato=datetime.date(2019, 4, 1), slutdato=datetime.date(2023, 3, 31))
    board = OrganFactory(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    for year in (2020, 2021, 2022):
        _meet(board, *(datetime.date(year, m, 10) for m in (2, 6, 10)))
    return board


def findings(board, today=AFTER_THE_PLAN):
    return [f.besked for f in rules.RULES["bestyrelsesmoeder"](board.helhedsplan, today)]


def test_a_part_year_needs_its_share_of_the_meetings(board):
    # Apr-Dec 2019 is 275 of 365 days: ceil(3 x 275/365) = 3; Jan-Mar 2023: ceil(0.74) = 1.
    _meet(board, datetime.date(2019, 5, 1), datetime.date(2019, 9, 1), datetime.date(2019, 11, 1))
    _meet(board, datetime.date(2023, 2, 15))
    assert findings(board) == []


def test_the_last_part_year_with_no_meeting_asks_for_one(board):
    _meet(board, datetime.date(2019, 5, 1), datetime.date(2019, 9, 1), datetime.date(2019, 11, 1))
    _meet(board, datetime.date(2023, 6, 1))  # after the plan ended: does not count
    [message] = findings(board)
    assert message.startswith("Bestyrelsen holdt 0 møder i 2023 (planperioden ")
    assert "kravet er mindst 1, en forholdsmæssig andel af 3 om året" in message


def test_the_first_part_year_counts_only_meetings_inside_the_plan(board):
    # A meeting before the plan started does not count for 2019.
    _meet(board, datetime.date(2019, 2, 1), datetime.date(2019, 5, 1), datetime.date(2019, 9, 1))
    _meet(board, datetime.date(2023, 2, 15))
    [message] = findings(board)
    assert message.startswith("Bestyrelsen holdt 2 møder i 2019 (planperioden ")
    assert "kravet er mindst 3" in message


def test_a_year_is_judged_once_its_part_of_the_plan_has_ended(board):
    _meet(board, datetime.date(2019, 5, 1), datetime.date(2019, 9, 1), datetime.date(2019, 11, 1))
    # 2023's part (Jan-Mar) has not ended on 15 March 2023: not judged yet.
    assert findings(board, today=datetime.date(2023, 3, 15)) == []
    [message] = findings(board, today=datetime.date(2023, 4, 1))
    assert "0 møder i 2023" in message and "kravet er mindst 1," in message


def test_demo_finished_plan_is_not_flagged_for_the_months_after_its_plan_ended():
    today = datetime.date(2026, 12, 3)
    call_command("seed_demo", "--uden-landsdata", "--today", today.isoformat(), verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Lærkevangen")
    assert (plan.startdato, plan.slutdato) == (datetime.date(2022, 4, 1), datetime.date(2026, 3, 31))
    messages = [f.besked for f in rules.RULES["bestyrelsesmoeder"](plan, today)]
    assert not [m for m in messages if "i 2026" in m], messages
    assert rules.board_meetings_required(plan, 2026) == 1
    assert rules.board_meetings_required(plan, 2024) == 3
    assert rules.board_meetings_required(plan, 2027) == 0
