"""Long jobs give way to the desk: they wait at their next step while a desk call is on its way, never under a lock."""

from __future__ import annotations

import threading

import pytest

from qsh_desk import courtesy


def _long_job_step() -> threading.Event:
    """A long job's next step on a thread of its own; the event is set once give_way() let it go on."""
    went_on = threading.Event()

    def step() -> None:
        courtesy.give_way()
        went_on.set()

    threading.Thread(target=step, daemon=True).start()
    return went_on


def test_a_long_job_goes_on_at_once_when_nothing_is_urgent():
    assert not courtesy.is_urgent()
    assert _long_job_step().wait(5)


def test_a_long_job_waits_while_a_desk_call_is_on_its_way_and_goes_on_when_it_is_shown(monkeypatch):
    monkeypatch.setattr(courtesy, "MOST_WAIT_S", 30.0)  # the wait ends because the desk call ended, not by timing out
    looked = threading.Event()
    look = courtesy._waiting_for

    def looking() -> bool:  # the job is inside give_way, under its lock, deciding whether to wait
        answer = look()
        looked.set()
        return answer

    monkeypatch.setattr(courtesy, "_waiting_for", looking)
    token = courtesy.urgent_started()
    try:
        went_on = _long_job_step()
        assert looked.wait(5)
        with courtesy._changed:  # the job is now waiting (it gave the lock up) or about to
            assert not went_on.is_set()
    finally:
        courtesy.urgent_finished(token)
    assert went_on.wait(5)
    assert not courtesy.is_urgent()


def test_a_job_holding_a_write_transaction_never_waits(db):
    token = courtesy.urgent_started()
    try:
        went_on = threading.Event()

        def write_then_step() -> None:
            with db.transaction():  # the desk would wait for these locks: waiting here would stall both
                courtesy.give_way()
                went_on.set()

        threading.Thread(target=write_then_step, daemon=True).start()
        assert went_on.wait(5)
    finally:
        courtesy.urgent_finished(token)


def test_a_mark_nobody_ended_stops_being_waited_for(monkeypatch):
    monkeypatch.setattr(courtesy, "STALE_AFTER_S", 0.0)  # every mark is older than this at once
    token = courtesy.urgent_started()
    try:
        assert not courtesy.is_urgent()
        assert _long_job_step().wait(5)
    finally:
        courtesy.urgent_finished(token)


@pytest.fixture(autouse=True)
def _nothing_left_urgent():
    yield
    assert not courtesy.is_urgent(), "a test left a desk call marked urgent"
