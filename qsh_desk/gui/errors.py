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
    return os.environ.get("QT_QPA_PLATFORM") != "offscreen"


def user_message(error: BaseException) -> str:
    """What to tell the user about this error."""
    from qsh_desk.db.schema import SchemaError  # here, not at the top: the login shows before the database layer loads
    from sqlalchemy.exc import OperationalError

    if isinstance(error, (ServiceError, SchemaError)):
        return str(error)

    if isinstance(error, OperationalError):
        text = str(error.orig if error.orig is not None else error).lower()
        if "locked" in text or "busy" in text:
            return QCoreApplication.translate(
                "errors", "数据库正被另一个程序使用。请稍等片刻再试；如果一直这样，请关闭其他打开本数据库的程序。")
        if "disk" in text and "full" in text:
            return QCoreApplication.translate("errors", "磁盘已满，数据没有保存。请清理磁盘空间后再试。")
        if "readonly" in text or "read-only" in text:
            return QCoreApplication.translate(
                "errors", "数据库所在的文件夹不能写入。请检查文件夹权限，或把数据库放到可写的位置。")
        if "connect" in text or "connection" in text:
            return QCoreApplication.translate("errors", "连接不上数据库服务器。请检查网络和服务器是否开机，然后再试。")
    log.error("internal error", exc_info=error)
    return QCoreApplication.translate(
        "errors", "内部错误：{0}。刚才的操作没有完成，已输入的内容仍在。详细信息已记入日志：{1}"
    ).format(type(error).__name__, log_path())


def show_error(parent: QWidget | None, error: BaseException) -> str:
    message = user_message(error)
    if dialogs_enabled():
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "出错了"), message)
    return message
