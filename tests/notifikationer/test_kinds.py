"""Every kind of notice in the table (notifikationer/kinds.py) has a test of who gets it."""

from notifikationer.kinds import KINDS
from tests.notifikationer import test_daily, test_events


def test_every_kind_has_a_recipient_test():
    tested = test_events.TESTED_KINDS | test_daily.TESTED_KINDS
    assert set(KINDS) - tested == set(), "test who gets these kinds"
    assert tested - set(KINDS) == set()
