"""Settings of this PC (not of the station), kept in QSettings: type scale, language, idle lock, printer, backups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPageSize

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


@dataclass(frozen=True)
class LocalSetting:
    key: str
    title: str
    default: Any
    kind: type


REGISTRY: dict[str, LocalSetting] = {
    s.key: s
    for s in (
        LocalSetting("ui/scale", "字体大小（大字模式）", 1.0, float),
        LocalSetting("ui/language", "界面语言", "zh_CN", str),
        LocalSetting("security/idle_lock_minutes", "无操作多少分钟后锁屏", 10, int),
        LocalSetting("backup/second_folder", "第二备份文件夹（如 U 盘）", "", str),
        LocalSetting("print/printer", "默认打印机", "", str),
        LocalSetting("print/paper", "纸张", "A4", str),
    )
}


def _store() -> QSettings:
    return QSettings()  # organisation and application names are set by make_application()


def get(key: str) -> Any:
    setting = REGISTRY[key]
    value = _store().value(key, setting.default)
    try:
        return setting.kind(value)
    except (TypeError, ValueError):
        return setting.default


def set_value(key: str, value: Any) -> None:
    setting = REGISTRY[key]
    _store().setValue(key, setting.kind(value))


# The papers the settings page offers, by the code stored in "print/paper".
PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "B5": QPageSize.PageSizeId.B5,
    "Letter": QPageSize.PageSizeId.Letter,
}


def apply_printer_settings(printer: QPrinter) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinterInfo  # print support loads when printing, not at every start

    """Point a printer at this PC's default printer (when it is connected) and paper, before the print dialog."""
    name = get("print/printer")
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)
    printer.setPageSize(QPageSize(PAPER_SIZES.get(get("print/paper"), QPageSize.PageSizeId.A4)))
    return printer
