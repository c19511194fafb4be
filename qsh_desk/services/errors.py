"""Typed errors of the services; each carries a message for the user in plain Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field


class ServiceError(Exception):
    """Something the user can understand and act on; `str(error)` is the Chinese message."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    pass


class Refused(ServiceError):
    """The request is understood but not allowed in this state (already checked in, no consent, …).

    `overridden_by` names the option that would allow it anyway (e.g. printing on a closed day): each
    front end says in its own words how to set it — a check box to tick, a flag to add.
    """

    def __init__(self, message: str, *, overridden_by: str | None = None):
        super().__init__(message)
        self.overridden_by = overridden_by


class PermissionDenied(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed or claimed the same thing first (another station, another user)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what was given, and how to fix it."""

    message: str
    field: str | None = None
    row: int | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.field:
            where.append(f"“{self.field}”")
        value = f"（填写的是“{self.value}”）" if self.value not in (None, "") else ""
        return ("".join(where) + "：" if where else "") + self.message + value


class InvalidInput(ServiceError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Candidate:
    id: int
    kind: str
    label: str


class Ambiguous(ServiceError):
    """More than one match; the caller shows the candidates and lets the user pick."""

    exit_code = 2

    def __init__(self, message: str, candidates: list[Candidate] = field(default_factory=list)):  # type: ignore[assignment]
        super().__init__(message)
        self.candidates = list(candidates)
