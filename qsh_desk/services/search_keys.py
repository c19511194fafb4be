"""Search keys for a person's name: the name, full pinyin and initials of every reading of the surname.

Computed once when a person is saved (never per keystroke), stored space-separated so that
`search_keys LIKE '% zsf%'` finds a key by its prefix.
"""

from __future__ import annotations

import functools
import itertools
import os

# Phrase tables cost ~45 MB and 200 ms to import and give nothing for names; surnames are handled below.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

MAX_READINGS = 8  # cap on surname-reading × given-name-reading combinations

# Surnames whose reading as a surname differs from the common one; listed first so they rank first.
SURNAME_READINGS = {
    "单": ["shan"],
    "曾": ["zeng"],
    "解": ["xie"],
    "朴": ["piao"],
    "乐": ["yue", "le"],
    "仇": ["qiu"],
    "区": ["ou"],
    "查": ["zha"],
    "盖": ["ge"],
    "缪": ["miao"],
    "尉": ["yu"],
    "繁": ["po"],
    "员": ["yun"],
    "覃": ["qin"],
    "种": ["chong"],
    "折": ["she"],
    "黑": ["he"],
    "翟": ["zhai"],
    "宁": ["ning"],
}


@functools.cache  # a roster has a few thousand distinct characters: an import of 10,000 names asks 80,000 times
def _readings(char: str, *, surname: bool) -> tuple[str, ...]:
    from pypinyin import Style, pinyin  # imported lazily: only saving a person needs it

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = [r.lower() for r in (found[0] if found else []) if r.isascii() and r.isalpha()]
    if surname and char in SURNAME_READINGS:
        # A polyphonic surname: its surname reading first, then every other reading people may type.
        readings = SURNAME_READINGS[char] + readings
        return tuple(dict.fromkeys(readings))
    return tuple(readings[:1])


def name_keys(name: str, initials_override: str | None = None) -> str:
    """All keys for a name, e.g. 张三丰 → ' zhangsanfeng zsf 张三丰 '."""
    clean = "".join(name.split())
    keys: set[str] = {clean.lower()} if clean else set()
    per_char = [_readings(ch, surname=(i == 0)) for i, ch in enumerate(clean)]
    per_char = [r for r in per_char if r]  # characters with no known reading are left out of pinyin keys
    if per_char:
        for combo in itertools.islice(itertools.product(*per_char), MAX_READINGS):
            keys.add("".join(combo))
            keys.add("".join(part[0] for part in combo))
    if initials_override:
        keys.add(initials_override.strip().lower())
    return " " + " ".join(sorted(keys)) + " "


def sort_key(name: str) -> str:
    """A name's place in a Chinese list, read the way search reads it: 曾 as zeng, 单 as shan.

    Each syllable ends in "0", which sorts before every letter under any collation (SQLite's bytes,
    PostgreSQL's locales, Python's str): 李明 (li0ming0) before 林 (lin0), whatever the database.
    Stored on the person (`sort_name`) so that lists are ordered by the database before a LIMIT.
    """
    syllables = []
    for index, char in enumerate("".join(name.split())):
        readings = _readings(char, surname=index == 0)
        if readings:
            syllables.append(readings[0])
        elif char.isascii() and char.isalnum():
            syllables.append(char.lower())
    return "".join(f"{syllable}0" for syllable in syllables)


def initials(name: str) -> str:
    """The usual initials of a name (first reading of each character), for display and ranking."""
    clean = "".join(name.split())
    parts = [_readings(ch, surname=(i == 0)) for i, ch in enumerate(clean)]
    return "".join(p[0][0] for p in parts if p)


# --- the one people-search filter of the lists and pickers (the desk searches its in-memory index instead) ---


def query_terms(text: str | None) -> list[str]:
    """What was typed, as search terms: full-width folded (ＺＳ finds what zs finds), lower case, split on spaces."""
    from qsh_desk.services.validation import normalise

    return [term for term in normalise(text).lower().split() if term]


def matches_person(keys_column, code_column, term: str, *extra):  # noqa: ANN001, ANN201 - SQLAlchemy columns/clauses
    """A person whose stored keys have one starting with `term`, or whose card code is `term` (or `extra` holds).

    Keys are stored space-separated with a leading space, so `LIKE '% term%'` is a prefix match on any key; the
    term's own % and _ are escaped, so a typed 50% or a_b never matches everyone.
    """
    from sqlalchemy import func, or_

    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(keys_column.like(f"% {escaped}%", escape="\\"), func.upper(code_column) == term.upper(), *extra)
