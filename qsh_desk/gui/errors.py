"""Showing errors: the user's own in plain Chinese; bugs logged with a traceback and shown as 内部错误."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from qsh_desk.logs import log_path
from qsh_desk.services.errors import ServiceError

log = logging.getLogger(__name__)


def dialogs_enabled() -> bool:
    """No modal dialog on the offscreen platform: nobody could close it."""
    # "offscreen" or "offscreen:configfile=…" (a screen of a chosen size)
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] != "offscreen"


def user_message(error: BaseException) -> str:
    """What to tell the user about this error: their problem or their PC's in words, else 内部错误 (logged)."""
    from qsh_desk.db.errors import environment_problem  # here: the login shows before the database layer loads
    from qsh_desk.db.schema import SchemaError
    from qsh_desk.gui.labels import label

    if isinstance(error, (ServiceError, SchemaError)):
        return str(error)
    problem = environment_problem(error)
    if problem is not None:
        log.warning("environment problem: %s", error)
        from qsh_desk.db.errors import MESSAGES

        return label(MESSAGES[problem.kind]) + (f"（{problem.detail}）" if problem.detail else "")
    log.error("internal error", exc_info=error)
    return QCoreApplication.translate(
        "errors", "内部错误：{0}。刚才的操作没有完成，已输入的内容仍在。详细信息已记入日志：{1}"
    ).format(type(error).__name__, log_path())


def show_error(parent: QWidget | None, error: BaseException) -> str:
    message = user_message(error)
    if dialogs_enabled():
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "出错了"), message)
    return message
