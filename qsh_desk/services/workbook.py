"""The one workbook writer: every Excel file the program makes (rosters, the archive, the 活动记录, templates).

Each sheet gets a bold, frozen header; dates are real dates; long numbers (ID, phone) stay text; and every text
is written as data, never as a formula — a name, a school or a note that starts with =, +, -, @ comes back from
Excel, LibreOffice and our own import exactly as it was typed (OWASP: CSV/formula injection).
Written in openpyxl's streaming mode: 10,000 children take seconds, not a minute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsh_desk import courtesy
from qsh_desk.private import tighten
from qsh_desk.services.errors import InvalidInput

HEADER_FILL = "FFE0B2"
MAX_WIDTH = 40
WIDTH_SAMPLE = 500  # rows looked at to size a column


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    text_columns: Iterable[str] = field(default_factory=tuple)  # headers whose values stay text (phones, IDs)


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return len(text) * (1 if text.isascii() else 2) + 2  # a Chinese character is two columns wide


def write(path: str | Path, *sheets: Sheet) -> Path:
    """Write the sheets to a new .xlsx at `path`; returns the path."""
    from openpyxl import Workbook  # imported on first use: it is slow to load
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput("请把文件保存为 .xlsx 格式（文件名以 .xlsx 结尾）。")
    workbook = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        rows = [[None if v is None or v == "" else v for v in row] for row in spec.rows]
        text_positions = {i for i, h in enumerate(spec.headers) if h in set(spec.text_columns)}
        for i, header in enumerate(spec.headers):
            width = max([6, _width(header), *(_width(row[i]) for row in rows[:WIDTH_SAMPLE])])
            sheet.column_dimensions[get_column_letter(i + 1)].width = min(MAX_WIDTH, width)
        sheet.freeze_panes = "A2"

        def cell(value: Any, *, text: bool = False) -> Any:
            written = WriteOnlyCell(sheet, value=str(value) if text and value is not None else value)
            if isinstance(written.value, str):
                written.data_type = "s"  # data, never a formula, whatever it starts with
                if text:
                    written.number_format = "@"
            elif isinstance(value, dt.datetime):
                written.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                written.number_format = "yyyy-mm-dd"
            return written

        header_cells = []
        for header in spec.headers:
            head = cell(header)
            head.font, head.fill = bold, fill
            header_cells.append(head)
        sheet.append(header_cells)
        for row in courtesy.steps(rows):
            sheet.append([cell(v, text=i in text_positions) for i, v in enumerate(row)])
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        workbook.save(path)
        tighten(path)  # an export holds children's data: its owner's only
    except PermissionError:
        raise InvalidInput(f"不能写入“{path.name}”：文件可能正在 Excel 或 WPS 中打开。请关闭它，或换一个文件名。") from None
    return path
