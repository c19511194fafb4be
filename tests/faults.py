"""Faults of the PC for tests: a small disk of its own (tmpfs) that can be filled, freed or made read-only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


class SmallDisk:
    """A tmpfs mounted at `path`; `fill()` takes every free byte, `free()` gives them back, `read_only()` remounts."""

    def __init__(self, path: Path, size_mb: int):
        self.path = path
        self.size_mb = size_mb
        self._filler = path / "filler.bin"

    def mount(self) -> bool:
        self.path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size_mb}m,mode=0755", "tmpfs", str(self.path)],
                              capture_output=True)
        return done.returncode == 0

    def fill(self) -> None:
        with open(self._filler, "ab", buffering=0) as out:
            chunk = b"\0" * 65536
            while True:
                try:
                    out.write(chunk)
                except OSError:
                    if len(chunk) == 1:
                        break
                    chunk = chunk[: len(chunk) // 2]

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        subprocess.run(["mount", "-o", f"remount,{'ro' if on else 'rw'}", str(self.path)], check=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB disk of the test's own (needs root for `mount`, as the crash tests' CI has; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = SmallDisk(tmp_path / "disk", 24)
    if not disk.mount():
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        disk.unmount()
