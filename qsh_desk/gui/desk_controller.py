"""The desk's decisions, without Qt: was it a scanner, may number keys pick a row, and what Enter should do.

The desk page feeds it what happens (keys, text, moves, the search outcome) and carries out what it decides;
tests call it directly, without widgets (the Vorta way).
"""

from __future__ import annotations

from dataclasses import dataclass

from qsh_desk.services.search import SearchOutcome, SearchResult, normalise

# A USB scanner "types" a whole code in a few milliseconds; people need 100 ms or more per key.
SCANNER_MAX_MS_PER_KEY = 30
SCANNER_MIN_KEYS = 4


def burst_is_scanner(times: list[float]) -> bool:
    """Keys at these times (seconds) came from a scanner: enough of them, each a few milliseconds apart."""
    if len(times) < SCANNER_MIN_KEYS:
        return False
    return (times[-1] - times[0]) * 1000 / (len(times) - 1) <= SCANNER_MAX_MS_PER_KEY


def looks_like_code(text: str) -> bool:
    """Card codes are a letter and digits (C01000042): an unknown one is said to be a card nobody has."""
    text = normalise(text)
    return len(text) >= 6 and text[1:].isdigit()


@dataclass(frozen=True)
class Act:
    """Check this person in, or offer their check-out."""

    result: SearchResult
    scanned: bool = False


@dataclass(frozen=True)
class UnknownCard:
    """A card code (or a scanner's burst) that matches nobody."""

    code: str


@dataclass(frozen=True)
class AskWhich:
    """Several people match equally well: never guess which child it is."""

    same: int  # how many share the top rank
    by_number: bool  # the rows are numbered: a digit picks one


@dataclass(frozen=True)
class Wait:
    """The last action is still being saved; this Enter runs right after it."""


Decision = Act | UnknownCard | AskWhich | Wait | None


class DeskController:
    """The state of one desk between keystrokes."""

    def __init__(self) -> None:
        self.key_times: list[float] = []  # seconds, of each printable key since the box was emptied
        self.explicit = False  # the user chose the row (arrows, mouse, a number, a confirmation)
        self.confirm_query: str | None = None  # the text for which "which one?" was asked
        self.busy = False  # a desk write is on its way
        self.enter_pending = False  # an Enter that came while busy
        self.acting_on = ""  # the text that the write in progress was for

    # ---- what happened

    def key_typed(self, at: float) -> None:
        self.key_times.append(at)

    def text_changed(self, text: str) -> None:
        if not text:
            self.key_times.clear()
        self.explicit = False
        self.confirm_query = None

    def chose_row(self) -> None:
        self.explicit = True

    # ---- what it means

    def typed_by_scanner(self) -> bool:
        return burst_is_scanner(self.key_times)

    @staticmethod
    def numbers_active(text: str, outcome: SearchOutcome | None) -> bool:
        """Number keys pick a row when letters were typed (two or more: a card code starts with one letter)."""
        text = normalise(text)
        return len(text) >= 2 and text.isascii() and text.isalpha() and outcome is not None and bool(outcome.results)

    def number_row(self, key: str, text: str, outcome: SearchOutcome | None) -> int | None:
        """The row a digit key picks (0-based), or None when the digit is just typed."""
        if len(key) != 1 or key not in "123456789" or not self.numbers_active(text, outcome):
            return None
        row = int(key) - 1
        return row if row < len(outcome.results) else None

    def enter(self, text: str, outcome: SearchOutcome | None, current: SearchResult | None) -> Decision:
        """Enter in the search box: act on what was typed, or say why not."""
        text = text.strip()
        if not text:
            return None
        if self.busy:
            self.enter_pending = True
            return Wait()
        scanned = self.typed_by_scanner()
        self.key_times.clear()
        if outcome is None or not outcome.results:
            return UnknownCard(text) if scanned or looks_like_code(text) else None
        if outcome.results[0].matched == "卡号":
            return Act(outcome.results[0], scanned=scanned)
        return self.act_on(current, text, outcome, explicit=self.explicit)

    def act_on(self, current: SearchResult | None, text: str, outcome: SearchOutcome | None, *,
               explicit: bool) -> Decision:
        """Act on the selected row, unless several match equally well and nobody chose one (ask once)."""
        if current is None:
            return None
        if not explicit and outcome is not None and not outcome.unambiguous and self.confirm_query != text:
            self.confirm_query = text
            same = sum(1 for rank in outcome.ranks if rank == outcome.ranks[0])
            return AskWhich(same, by_number=self.numbers_active(text, outcome))
        return Act(current)

    # ---- the write's life

    def write_started(self, text: str) -> None:
        self.busy = True
        self.acting_on = text

    def write_finished(self) -> bool:
        """The write is done; True when an Enter waited for it and should run now."""
        self.busy = False
        pending, self.enter_pending = self.enter_pending, False
        return pending
