"""The log file: a bug's traceback is kept, the file starts afresh when it grows large, the old ones are kept."""

from __future__ import annotations

import logging
import subprocess
import sys

from qsh_desk import logs


def test_the_log_starts_afresh_past_its_size_and_keeps_five_earlier_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 1_000)
    path = tmp_path / "qsh-desk.log"
    handler = logs.RotatingLog(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test_logs.rotating")
    log.propagate = False
    log.addHandler(handler)
    try:
        for number in range(400):  # about 12 KB: a dozen files' worth
            log.warning("第 %03d 行：签到失败，数据库被锁定", number)
    finally:
        log.removeHandler(handler)
        handler.close()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["qsh-desk.log", *(f"qsh-desk.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all(p.stat().st_size <= 1_100 for p in tmp_path.iterdir())  # one line past the limit at most
    newest, previous = path.read_text("utf-8"), (tmp_path / "qsh-desk.log.1").read_text("utf-8")
    assert "第 399 行" in newest
    last_before = int(previous.strip().splitlines()[-1].split(" ")[1])
    first_now = int(newest.strip().splitlines()[0].split(" ")[1])
    assert first_now == last_before + 1  # nothing lost between the files


def test_logging_to_the_file_loads_none_of_the_network_handlers(tmp_path):
    """logging.handlers pulls in socket, pickle, queue and selectors: 16 ms before the login can show."""
    code = ("import sys\nfrom qsh_desk.logs import setup_logging\nprint(setup_logging())\n"
            "print(sorted(m for m in ('logging.handlers', 'socket') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
                         env={**__import__("os").environ, "QSH_DESK_DATA_DIR": str(tmp_path)})
    written_to, network_modules = out.stdout.strip().splitlines()[-2:]
    assert network_modules == "[]"
    assert written_to.startswith(str(tmp_path)) and written_to.endswith("qsh-desk.log")
