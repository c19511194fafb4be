"""Reading a roster file as rows of cells: .xlsx, or .csv in UTF-8 (with or without BOM), GBK or GB18030."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from qsh_desk.services.errors import InvalidInput


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB18030 — a superset of the GBK that Chinese Excel and WPS
    save as 'CSV'."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InvalidInput("这个 CSV 文件的文字编码认不出来。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。") from None


def _read_csv(path: Path) -> list[list[Any]]:
    text = _decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        # newline="": the csv module handles \r, \n and \r\n itself (a lone \r otherwise stops the reader).
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error:
        raise InvalidInput("这个 CSV 文件读不懂，可能已损坏。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。") from None


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook  # imported on first use: it is slow to load

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a damaged or mislabelled file; the user can only re-save it
        raise InvalidInput("打不开这个 Excel 文件，它可能已损坏或不是 .xlsx 格式。请在 Excel 或 WPS 中另存为 .xlsx 再试。") from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(path: str | Path) -> list[list[Any]]:
    """The cells of the file's first sheet, as given (numbers and dates stay typed in .xlsx)."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".xls", ".et", ".wps"):
        raise InvalidInput("不能直接读取旧版 .xls（或 WPS 表格）文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。")
    raise InvalidInput("只能导入 .xlsx 或 .csv 文件。")
