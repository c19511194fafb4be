"""Fitting text into a box: line breaks that keep names, numbers and punctuation whole; shrink to a floor, wrap, elide.

Text in a printed cell never crosses a rule: it is set as large as the box allows, no smaller than FLOOR; what still
does not fit wraps onto more lines (a table row grows), or, in a box of fixed size, ends with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

FLOOR = 7.0  # pt: the smallest type on any printout (the issue of overprinting: 4–5 pt was unreadable)
LEADING = 1.18  # line height, as a multiple of the type size
ELLIPSIS = "…"
STEP = 0.5  # pt: how finely a size is tried

# Chinese line-breaking rules (禁则): these never begin a line…
NO_START = frozenset("，。、；：！？）》」』】〕〉”’…·•・%‰℃,.;:!?)]}>/")
# …and these never end one.
NO_END = frozenset("（《「『【〔〈“‘([{<")
MIDDLE_DOTS = frozenset("·•・")
# What cannot be broken: a number with its unit ("48.5 小时", "12 岁"); runs of ASCII (words, numbers, dates,
# times — 09:30–11:00 stays whole); else one space or one character.
ATOM = re.compile(r"[0-9][!-~–]*\s?(?:小时|分钟|个月|[岁人次时分秒年月日号元页个名天周])|[!-~–]+|\s|.", re.S)

Measure = Callable[[str], float]  # the width of a text at 1 pt


@dataclass(frozen=True)
class Fitted:
    """Text set for a box: the size it is drawn at and its lines."""

    size: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def _is_name_char(ch: str) -> bool:
    return not ch.isspace() and ch not in NO_START and ch not in NO_END or ch in MIDDLE_DOTS


def tokens(paragraph: str) -> list[str]:
    """The paragraph cut where a line may break."""
    atoms = ATOM.findall(paragraph)
    if not atoms:
        return []
    # Names with a middle dot (阿依古丽·买买提) break only after a dot: mark the atoms of such runs.
    in_dotted_name = [False] * len(atoms)
    start = 0
    for end in range(len(atoms) + 1):
        if end == len(atoms) or not all(_is_name_char(ch) for ch in atoms[end]):
            if any(a in MIDDLE_DOTS for a in atoms[start:end]):
                for k in range(start, end):
                    in_dotted_name[k] = True
            start = end + 1
    merged = [atoms[0]]
    for i in range(1, len(atoms)):
        before, after = atoms[i - 1], atoms[i]
        glued = (
            after[0] in NO_START
            or before[-1] in NO_END
            or (in_dotted_name[i - 1] and in_dotted_name[i] and before not in MIDDLE_DOTS)
        )
        if glued:
            merged[-1] += after
        else:
            merged.append(after)
    return merged


def wrap(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Lines no wider than `width` at `size`; a token too long for any line is broken between characters."""
    limit = width / size  # in units of 1 pt
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line, used = "", 0.0
        for token in tokens(paragraph):
            w = measure(token)
            if line and used + w > limit:
                lines.append(line.rstrip())
                line, used = "", 0.0
                if token.isspace():
                    continue
            if w > limit:  # longer than a whole line: break it anywhere
                for ch in token:
                    cw = measure(ch)
                    if line and used + cw > limit:
                        lines.append(line.rstrip())
                        line, used = "", 0.0
                    line += ch
                    used += cw
                continue
            line += token
            used += w
        lines.append(line.rstrip())
    return lines


def elide(line: str, width: float, size: float, measure: Measure) -> str:
    """The line cut to end with an ellipsis so that it is no wider than `width`."""
    limit = width / size
    if measure(line) <= limit:
        return line
    while line and measure(line + ELLIPSIS) > limit:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def fit(text: str, width: float, height: float, size: float, measure: Measure, *, floor: float = FLOOR,
        max_lines: int | None = None) -> Fitted:
    """The largest size from `size` down to `floor` at which the wrapped text fits width × height.

    If it fits at no size, it is set at the floor on as many lines as it needs (the caller makes room), or, with
    `max_lines`, on that many lines ending in an ellipsis.
    """
    floor = min(floor, size)
    if "\n" not in text and measure(text) * size <= width:
        return Fitted(size, (text,))
    current = size
    while True:
        lines = wrap(text, width, current, measure)
        fits = len(lines) * current * LEADING <= height + 0.01 and (max_lines is None or len(lines) <= max_lines)
        if fits or current <= floor:
            break
        current = max(floor, current - STEP)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [elide("".join(lines[max_lines - 1:]), width, current, measure)]
    return Fitted(current, tuple(lines))
