"""A throwaway PostgreSQL server for the test run (socket only, data under a temporary folder)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PG_URL_ENV_VAR = "QSH_TEST_PG_URL"  # use this server instead of starting one (a URL ending in /postgres)


def _find(tool: str) -> str | None:
    found = shutil.which(tool)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)
    return candidates[0] if candidates else None


class ThrowawayPostgres:
    """initdb + pg_ctl start in a temporary folder; as root the server runs as the `postgres` user."""

    def __init__(self) -> None:
        self.initdb = _find("initdb")
        self.pg_ctl = _find("pg_ctl")
        self.root: Path | None = None

    @property
    def available(self) -> bool:
        return bool(self.initdb and self.pg_ctl)

    def _as_server_user(self, argv: list[str]) -> list[str]:
        # PostgreSQL refuses to run as root.
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *argv]
        return argv

    def start(self) -> str:
        """Start the server; returns the URL of its `postgres` maintenance database."""
        self.root = Path(tempfile.mkdtemp(prefix="qsh-pg-"))
        data, socket_dir = self.root / "data", self.root / "socket"
        socket_dir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(socket_dir, "postgres")
        subprocess.run(
            self._as_server_user([self.initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                  "--locale=C.UTF-8", "--no-sync"]),
            check=True, capture_output=True,
        )
        options = f"-c listen_addresses='' -k {socket_dir} -c fsync=off -c max_connections=200"
        subprocess.run(
            self._as_server_user([self.pg_ctl, "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w",
                                  "start"]),
            check=True, capture_output=True,
        )
        self.socket_dir = socket_dir
        return f"postgresql+psycopg://postgres@/postgres?host={socket_dir}"

    def stop(self) -> None:
        if self.root is None:
            return
        subprocess.run(
            self._as_server_user([self.pg_ctl, "-D", str(self.root / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
