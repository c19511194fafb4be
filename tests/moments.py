"""The moments the tests run at: the program's clock is pinned, so no test depends on the day or hour it runs.

Every test runs on an opening-day Saturday morning (`SATURDAY_MORNING`) unless it says otherwise with
`@pytest.mark.now(moment)` or moves the `pinned_clock` fixture. A program started in a subprocess gets the same
moment through libfaketime (`faketime_env`), since it cannot share this process's clock.
"""

from __future__ import annotations

import datetime as dt
import glob
import os

# The default calendar opens on weekends; 2026-11-28 is a Saturday, 09:30 well after the children arrive.
SATURDAY_MORNING = dt.datetime(2026, 11, 28, 9, 30)
TODAY = SATURDAY_MORNING.date()
WEDNESDAY_EARLY = dt.datetime(2026, 12, 2, 5, 30)  # a closed weekday, before anyone is up

_LIBFAKETIME = ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1",
                "/usr/local/lib/faketime/libfaketime.so.1")


def libfaketime() -> str | None:
    """The libfaketime library (Debian/Ubuntu package `faketime`), or None."""
    for pattern in _LIBFAKETIME:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    return None


def faketime_env(moment: dt.datetime = SATURDAY_MORNING, base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment in which a child process's clock starts at `moment` and runs on from there."""
    library = libfaketime()
    if library is None:
        raise RuntimeError("libfaketime not found: install the `faketime` package (packaging/linux/system-deps.sh --test)")
    env = dict(os.environ if base is None else base)
    # A test run that is itself under faketime shares its start time with children through FAKETIME_SHARED;
    # drop it so that this child starts at its own moment.
    env.pop("FAKETIME_SHARED", None)
    preload = [p for p in env.get("LD_PRELOAD", "").split(":") if p and "faketime" not in p]
    env["LD_PRELOAD"] = ":".join([library, *preload])
    env["FAKETIME"] = f"@{moment:%Y-%m-%d %H:%M:%S}"
    env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"  # timers and timeouts keep the real elapsed time
    return env
