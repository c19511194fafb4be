"""The Chinese fonts of the printouts: find TrueType CJK fonts, register them once, split text by glyph coverage.

ReportLab embeds TrueType outlines only (CFF fonts such as Noto CJK are refused) and does no per-glyph
fallback, so a rare character in a child's name (䶮, 𬌗, 𫖯, 𬬭, 𠮷) prints as a box unless the text is
split into runs, each drawn with a font that has its glyphs.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qsh_desk.config import resources_dir
from qsh_desk.services.errors import ServiceError

INSTALL_HINT = (
    "找不到可以嵌入 PDF 的中文字体（需要 TrueType 字体），无法打印。请安装字体后再试："
    "Debian/Ubuntu 运行 sudo apt-get install fonts-wqy-microhei fonts-wqy-zenhei fonts-lxgw-wenkai；"
    "Windows 请确认 C:\\Windows\\Fonts 中有“微软雅黑”（msyh.ttc）或“宋体”（simsun.ttc）；"
    "也可以把 .ttf 字体文件放进程序的 resources/fonts 文件夹。"
)
# A primary font must draw dates and numbers too (DroidSansFallback has no ASCII digits).
_PRIMARY_PROBE = "0123456789张王李签到表"


class FontNotFound(ServiceError):
    """No usable TrueType CJK font on this computer; the message says what to install."""


@dataclass(frozen=True)
class FontCandidate:
    path: str
    subfont: int = 0


# Windows' Chinese fonts, by file name, best first: 微软雅黑 for the text, then 宋体 and 黑体; the fallbacks for the
# rare characters of names: SimSun-ExtB (simsunb.ttf, Extension B only: 𠮷), SimSun-ExtG (SimsunExtG.ttf, in
# newer Windows 11), and LXGW WenKai when the station installed it, for all users or just for itself (it has 𫖯
# and 𬬭, of Extensions C and E, which SimSun-ExtB has not).
WINDOWS_FONT_FILES = (
    "msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simsunb.ttf", "simsun-extb.ttf", "SimsunExtG.ttf",
    "LXGWWenKai-Regular.ttf",
)


def _windows_candidates() -> list[FontCandidate]:
    """The fonts of C:\\Windows\\Fonts, then those installed for this user only (Windows 10 1809 and later)."""
    system_root = os.environ.get("SystemRoot") or os.environ.get("WINDIR") or r"C:\Windows"
    roots = [Path(system_root) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        roots.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [FontCandidate(str(root / name)) for name in WINDOWS_FONT_FILES for root in roots]


LINUX_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    # The only packaged TrueType font with the rare given-name characters outside the BMP.
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/lxgw-wenkai/LXGWWenKai-Regular.ttf",
)


def _fc_match_candidates() -> list[FontCandidate]:
    """Whatever fontconfig picks for Chinese (it may be a CFF font; loading then skips it)."""
    if not shutil.which("fc-match"):
        return []
    try:
        result = subprocess.run(
            ["fc-match", "-s", "-f", "%{file}|%{index}\n", "sans-serif:lang=zh-cn"],
            capture_output=True, text=True, timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in result.stdout.splitlines()[:12]:
        path, _, index = line.partition("|")
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontCandidate(path, int(index) if index.isdigit() else 0))
    return found


def _candidate_stream() -> Iterator[FontCandidate]:
    """Font files to try, best first: bundled fonts, then the system's; fontconfig is asked only if these run out."""
    seen: set[tuple[str, int]] = set()

    def groups() -> Iterator[list[FontCandidate]]:
        bundled = sorted((resources_dir() / "fonts").glob("*.tt[fc]")) if (resources_dir() / "fonts").is_dir() else []
        yield [FontCandidate(str(p)) for p in bundled]
        yield _windows_candidates() if sys.platform == "win32" else [FontCandidate(p) for p in LINUX_FONT_FILES]
        yield _fc_match_candidates()

    for group in groups():
        for candidate in group:
            key = (os.path.realpath(candidate.path), candidate.subfont)
            if key not in seen:
                seen.add(key)
                yield candidate


def candidates() -> list[FontCandidate]:
    """Every font file to try, best first."""
    return list(_candidate_stream())


class FontSet:
    """The registered fonts: a primary one for the text, fallbacks for the characters it lacks.

    The fallbacks are read from disk when a character first needs one: each is a file of 5–20 MB that takes
    0.1–0.3 s to parse, and most printouts have no rare character at all.
    """

    def __init__(self, names: list[str], coverage: list[set[int] | dict[int, int]],
                 more: Iterator[tuple[str, set[int] | dict[int, int], FontCandidate]] | None = None,
                 sources: dict[str, FontCandidate] | None = None):
        self.primary = names[0]
        self.names = names
        self._coverage = coverage
        self._more = more  # the fallbacks not loaded yet, loaded and registered as they are taken
        self._loading = threading.Lock()
        # Each font's file, for drawing the same text outside a PDF (the letter's phone picture).
        self.sources = sources or {}
        self._cache: dict[str, str] = {}

    def _covering(self, code: int) -> str | None:
        found = next((n for n, cov in zip(self.names, self._coverage) if code in cov), None)
        if found is not None or self._more is None:
            return found
        with self._loading:  # printouts are built on worker threads
            found = next((n for n, cov in zip(self.names, self._coverage) if code in cov), None)
            while found is None and self._more is not None:
                loaded = next(self._more, None)
                if loaded is None:
                    self._more = None
                    break
                self.names.append(loaded[0])
                self._coverage.append(loaded[1])
                self.sources[loaded[0]] = loaded[2]
                if code in loaded[1]:
                    found = loaded[0]
        return found

    def font_for(self, char: str) -> str:
        name = self._cache.get(char)
        if name is None:
            name = self._covering(ord(char)) or self.primary
            self._cache[char] = name
        return name

    def runs(self, text: str) -> list[tuple[str, str]]:
        """The text as (font name, text) runs; one run in the primary font for the usual case."""
        primary_coverage = self._coverage[0]
        if all(ord(ch) in primary_coverage or ch in "\n\t" for ch in text):
            return [(self.primary, text)]
        runs: list[tuple[str, str]] = []
        for ch in text:
            name = self.font_for(ch)
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + ch)
            else:
                runs.append((name, ch))
        return runs

    def has_glyph(self, char: str) -> bool:
        return self._covering(ord(char)) is not None


_lock = threading.Lock()
_fonts: FontSet | None = None


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters above U+FFFF written as UTF-16BE surrogate pairs.

    ReportLab 5.1 writes `%04X` of the code point, which is not UTF-16 for 𬬭 (U+2CB2D): text extraction,
    copy and search then lose or garble those names. Identical output for every BMP character.
    """
    entries = [f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _patch_reportlab() -> None:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def load_fonts(found: list[FontCandidate] | None = None) -> FontSet:
    """Register the CJK fonts with ReportLab (once per process) and return them; FontNotFound if none works."""
    global _fonts
    with _lock:
        if _fonts is not None and found is None:
            return _fonts
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        _patch_reportlab()
        counter = itertools.count()

        def readable(stream: Iterator[FontCandidate]) -> Iterator[tuple[TTFont, FontCandidate]]:
            for candidate in stream:
                if not os.path.isfile(candidate.path):
                    continue
                try:
                    font = TTFont(f"QshCJK{next(counter)}_{Path(candidate.path).stem}", candidate.path,
                                  subfontIndex=candidate.subfont)
                except (TTFError, OSError, ValueError, IndexError, KeyError):
                    continue  # a CFF (OpenType/PostScript) or broken font: ReportLab cannot embed it
                pdfmetrics.registerFont(font)
                yield font, candidate

        fonts_on_disk = readable(_candidate_stream() if found is None else iter(found))
        # The primary font must draw the body text: the first that does; those read before it are fallbacks.
        passed_over: list[tuple[TTFont, FontCandidate]] = []
        primary = None
        for font, candidate in fonts_on_disk:
            if all(ord(ch) in font.face.charToGlyph for ch in _PRIMARY_PROBE):
                primary = (font, candidate)
                break
            passed_over.append((font, candidate))
        if primary is None:
            raise FontNotFound(INSTALL_HINT)
        ordered = [primary, *passed_over]
        fonts = FontSet([f.fontName for f, _c in ordered], [f.face.charToGlyph for f, _c in ordered],
                        ((f.fontName, f.face.charToGlyph, c) for f, c in fonts_on_disk),
                        {f.fontName: c for f, c in ordered})
        if found is None:
            _fonts = fonts
        return fonts
