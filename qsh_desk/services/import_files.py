"""Reading a roster file as rows of cells: .xlsx, old .xls, LibreOffice's .ods, or .csv (UTF-8, GBK or GB18030).

Of a workbook, the sheet read is the first whose top rows hold the header (a title page or notes may come first).

Whatever the file holds, reading it either gives rows or raises InvalidInput with a Chinese message: a damaged
or hostile file (a truncated sheet, a zip bomb, XML entities, a million empty rows) is refused in plain words,
within limits no station reaches, and the sheet is read as a stream, never trusting the size it claims.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qsh_desk import courtesy
from qsh_desk.services.errors import InvalidInput

KINDS = {"children": "儿童", "volunteers": "志愿者"}  # what can be imported (and exported), by its title

MAX_ROWS = 50_000  # rows with something in them: a station has hundreds of children, a whole district thousands
MAX_SHEET_ROWS = 200_000  # rows counted with the empty ones: a sheet formatted down to row 1,000,000 is refused
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what an .xlsx unpacks to (50,000 full rows are about 30 MB)
MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_BINARY_BYTES = 50 * 1024 * 1024  # an .xls: Excel 97's own limit of 65,536 rows is far below this
HEADER_ROWS = 10  # the top rows of a sheet looked at for its header
XML_PROLOGUE = 4096  # bytes at the start of each part where a DTD (and so an entity) would be declared

RESAVE = "请在 Excel 或 WPS 中打开它，“另存为” .xlsx 后再导入。"

IsHeader = Callable[[list[list[Any]]], bool]  # do these top rows of a sheet hold the header?


@dataclass(frozen=True)
class Table:
    """What was read: the rows of one sheet, that sheet's name (None for a CSV) and how many sheets there were."""

    rows: list[list[Any]]
    sheet: str | None = None
    sheets: int = 1


def _too_many_rows(what: str) -> InvalidInput:
    return InvalidInput(f"这个文件超过 {MAX_ROWS:,} 行{what}，不像一份名单。请只保留名单本身（可以分成几个文件）再导入。")


def _limited(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """The rows, read one by one and stopped at the limits; empty rows at the end are dropped without being kept."""
    kept: list[list[Any]] = []
    pending_empty = 0
    filled = 0
    for count, row in enumerate(courtesy.steps(rows), start=1):
        if count > MAX_SHEET_ROWS:
            raise InvalidInput(f"这个表格超过 {MAX_SHEET_ROWS:,} 行（空行也算在内），不像一份名单。"
                               "请把名单复制到一个新的表格里，另存后再导入。")
        cells = list(row)
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            pending_empty += 1
            continue
        filled += 1
        if filled > MAX_ROWS:
            raise _too_many_rows("")
        kept.extend([] for _ in range(pending_empty))  # kept so that row numbers stay those Excel shows
        pending_empty = 0
        kept.append(cells)
    return kept


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB18030 — a superset of the GBK that Chinese Excel and WPS
    save as 'CSV'."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[:3 + error.start].count(b"\n") + 1
            raise InvalidInput(
                f"这个 CSV 文件标明是 UTF-8 编码，但第 {line} 行不是（可能是从别的文件粘贴进来的）。"
                "请在 Excel 或 WPS 中打开它，另存为“CSV UTF-8”或 .xlsx 后再导入。") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InvalidInput("这个 CSV 文件的文字编码认不出来。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。") from None


def _read_csv(path: Path) -> list[list[Any]]:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise InvalidInput(f"这个 CSV 文件超过 {MAX_CSV_BYTES // 1024 // 1024} MB，不像一份名单。"
                           "请只保留名单本身（可以分成几个文件）再导入。")
    text = _decode(path.read_bytes())
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    # Only the delimiter is guessed. The quoting is the one Excel, WPS and LibreOffice all write (RFC 4180: a
    # quote inside a quoted cell is doubled): the sniffer guessed otherwise for a cell holding
    # =HYPERLINK(""http://x"",""y"") and cut it at its first comma.
    # newline="": the csv module handles \r, \n and \r\n itself (a lone \r otherwise stops the reader).
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        return _limited(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise InvalidInput(
                f"这个 CSV 文件第 {reader.line_num} 行有一格超过 {csv.field_size_limit():,} 个字，名单里的一格不会这么长："
                "多半是某处少了一个引号（\"），后面的内容都被当成了这一格。请在 Excel 或 WPS 中检查这一行，"
                "另存为 .xlsx 后再导入。") from None
        raise InvalidInput(f"这个 CSV 文件第 {reader.line_num} 行读不懂（{error}）。{RESAVE}") from None


def _check_package(path: Path) -> None:
    """Refuse before parsing what no spreadsheet program writes: a zip bomb, XML with a DTD (entities)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise InvalidInput(f"这个 Excel 文件解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，"
                                   f"不像一份名单（可能是恶意文件）。{RESAVE}")
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with package.open(part) as stream:
                        head = stream.read(XML_PROLOGUE)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise InvalidInput(f"这个 Excel 文件里有 Excel 不会写的内容（XML 实体声明），可能是恶意文件，"
                                           f"没有读取。{RESAVE}")
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - not a zip, a truncated one, a bad CRC: all the same to the user
        raise InvalidInput(f"打不开这个 Excel 文件，它可能已损坏或不是 .xlsx 格式。{RESAVE}") from None


def _xlsx_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    # The stored <dimension> is not to be trusted (some programs write A1:I10 for 5,000 rows): count what is there.
    sheet.reset_dimensions()
    yield from sheet.iter_rows(values_only=True)


def _chosen(sheets: list[Any], top_rows: Callable[[Any], list[list[Any]]], is_header: IsHeader | None) -> Any:
    """The first sheet whose top rows hold the header; the first sheet when none does (the importer says so)."""
    if is_header is not None and len(sheets) > 1:
        for sheet in sheets:
            if is_header(top_rows(sheet)):
                return sheet
    return sheets[0]


def _read_xlsx(path: Path, is_header: IsHeader | None) -> Table:
    from openpyxl import load_workbook  # imported on first use: it is slow to load

    _check_package(path)
    workbook = None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheets = workbook.worksheets
        sheet = _chosen(sheets, lambda s: [list(r) for r in itertools.islice(_xlsx_rows(s), HEADER_ROWS)], is_header)
        return Table(_limited(_xlsx_rows(sheet)), sheet.title, len(sheets))
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises whatever a broken part makes it (ParseError, TypeError, …)
        raise InvalidInput(f"这个 Excel 文件已损坏，读不出来（文件里的表格内容不完整或有错）。{RESAVE}") from None
    finally:
        if workbook is not None:
            workbook.close()


def _cell(value: Any) -> Any:
    # .xls keeps every number as a float: 13812345678.0 is the phone 13812345678, as openpyxl would give it.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _read_calamine(path: Path, is_header: IsHeader | None) -> Table:
    """Old .xls (Excel 97–2003) and .ods, read with calamine."""
    if path.suffix.lower() == ".ods":
        _check_package(path)
    elif path.stat().st_size > MAX_BINARY_BYTES:
        raise InvalidInput(f"这个 Excel 文件超过 {MAX_BINARY_BYTES // 1024 // 1024} MB，不像一份名单。{RESAVE}")
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # an installation without it: the user can still save as .xlsx
        raise InvalidInput(f"这台电脑上的程序不能读取 {path.suffix} 文件。{RESAVE}") from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            sheets = [workbook.get_sheet_by_name(name) for name in workbook.sheet_names]
            if not sheets:
                raise InvalidInput(f"这个文件里没有工作表。{RESAVE}")

            def rows(sheet: Any) -> Iterator[list[Any]]:
                return ([_cell(v) for v in row] for row in sheet.iter_rows())

            sheet = _chosen(sheets, lambda s: list(itertools.islice(rows(s), HEADER_ROWS)), is_header)
            return Table(_limited(rows(sheet)), sheet.name, len(sheets))
        finally:
            workbook.close()
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - calamine's errors (damaged file, password, not a spreadsheet at all)
        raise InvalidInput(f"打不开这个文件，它可能已损坏、设了密码，或不是 {path.suffix} 格式。{RESAVE}") from None


def read_table(path: str | Path, is_header: IsHeader | None = None) -> Table:
    """The cells of the file (numbers and dates stay typed in workbooks): of a workbook, the first sheet whose top
    rows `is_header` accepts, else the first sheet."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return Table(_read_csv(path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, is_header)
    if suffix in (".xls", ".ods"):
        return _read_calamine(path, is_header)
    if suffix in (".et", ".wps"):
        raise InvalidInput("不能直接读取 WPS 表格（.et）文件。请在 WPS 中“另存为” .xlsx 后再导入。")
    raise InvalidInput("只能导入 .xlsx、.xls、.ods 或 .csv 文件。")


def read_rows(path: str | Path) -> list[list[Any]]:
    """The cells of the file's first sheet."""
    return read_table(path).rows
