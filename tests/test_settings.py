"""Station settings: defaults, validation in Chinese, audited changes, administrators only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry
from qsh_desk.services import settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied


def test_defaults_then_a_change_is_kept_and_audited(db, admin):
    assert settings.get(db, admin, "no_contact_days") == 30
    settings.set_value(db, admin, "no_contact_days", "45")
    assert settings.get(db, admin, "no_contact_days") == 45
    with db.transaction() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).one()
    assert row.detail == {"key": "no_contact_days", "before": 30, "after": 45}


def test_bad_values_are_refused_in_chinese(db, admin):
    with pytest.raises(InvalidInput, match="只能是"):
        settings.set_value(db, admin, "hours_rounding_minutes", 7)
    with pytest.raises(InvalidInput, match="整数"):
        settings.set_value(db, admin, "no_contact_days", "三十")
    assert settings.get(db, admin, "hours_rounding_minutes") == 15


def test_a_duty_volunteer_cannot_change_settings(db, station):
    duty = Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)
    with pytest.raises(PermissionDenied):
        settings.set_value(db, duty, "no_contact_days", 10)
    with db.transaction() as s:
        denied = s.scalars(select(AuditEntry).where(AuditEntry.action == "denied")).all()
    assert [d.entity for d in denied] == ["settings"]
