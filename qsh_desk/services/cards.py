"""Card codes: short, unique across stations sharing a database, and easy for a scanner to type."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.models import Child, Volunteer

PREFIXES = {"C": Child, "V": Volunteer}


def card_code(prefix: str, station_id: int, number: int) -> str:
    """E.g. C01000042: kind, station, running number."""
    return f"{prefix}{station_id:02d}{number:06d}"


def next_card_code(session: Session, prefix: str, station_id: int) -> str:
    """The next free code of this kind for the station (the highest in use + 1)."""
    table = PREFIXES[prefix]
    stem = f"{prefix}{station_id:02d}"
    highest = session.scalar(
        select(table.card_code)
        .where(table.card_code.like(stem + "%"))
        .order_by(table.card_code.desc())
        .limit(1)
    )
    number = int(highest[len(stem) :]) + 1 if highest and highest[len(stem) :].isdigit() else 1
    return card_code(prefix, station_id, number)
