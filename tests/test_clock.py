"""The program's clock: the tests' pin holds everywhere the program looks, and a pin runs on or stands still."""

from __future__ import annotations

import datetime as dt

import pytest

from qsh_desk import clock
from qsh_desk.services import checkin
from tests.desk_helpers import add_child
from tests.moments import SATURDAY_MORNING, WEDNESDAY_EARLY


def test_every_test_starts_on_an_opening_saturday_morning():
    assert clock.today() == SATURDAY_MORNING.date() and clock.today().weekday() == 5
    assert dt.timedelta(0) <= clock.now() - SATURDAY_MORNING < dt.timedelta(minutes=5)


@pytest.mark.now(WEDNESDAY_EARLY)
def test_a_test_names_its_own_moment(db, admin):
    child = add_child(db, admin.station_id, "张三丰")
    visit = checkin.check_in(db, admin, checkin.CHILD, child)
    assert clock.today() == dt.date(2026, 12, 2)
    assert visit.at.date() == dt.date(2026, 12, 2) and visit.at.hour == 5  # the service took the same clock


def test_a_pin_stands_still_or_runs_on_and_is_undone_afterwards():
    outside = clock.now()
    with clock.pinned(dt.datetime(2027, 1, 1, 0, 0), running=False) as pinned:
        assert clock.now() == dt.datetime(2027, 1, 1, 0, 0)
        pinned.advance(dt.timedelta(hours=25))
        assert clock.now() == dt.datetime(2027, 1, 2, 1, 0) and clock.today() == dt.date(2027, 1, 2)
    assert abs(clock.now() - outside) < dt.timedelta(minutes=1)
