"""The English translation is complete and current, and the app loads it when this PC chose English."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from qsh_desk.gui import translations

CJK_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
PLACEHOLDER = re.compile(r"\{\w*\}|%\d|%s")


def _messages(ts) -> list[tuple[str, str, ElementTree.Element]]:
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
        for context in ElementTree.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    ]


def test_every_string_has_a_finished_english_translation():
    messages = _messages(translations.ts_path("en"))
    assert len(messages) > 500
    unfinished = [(ctx, src) for ctx, src, tr in messages
                  if tr is None or tr.get("type") in {"unfinished", "obsolete", "vanished"} or not (tr.text or "").strip()]
    assert unfinished == [], f"{len(unfinished)} entries without an English translation: {unfinished[:10]}"


def test_translations_are_english_and_keep_every_placeholder():
    problems = []
    for ctx, source, tr in _messages(translations.ts_path("en")):
        text = tr.text or ""
        if any(run not in source for run in CJK_RUN.findall(text)):  # a quoted Chinese example may stay
            problems.append((ctx, source, text, "Chinese left"))
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            problems.append((ctx, source, text, "placeholders differ"))
    assert problems == []


def test_the_ts_file_holds_exactly_the_strings_of_the_code(tmp_path):
    """Run lupdate over the gui package into a new file: every tr() string is in the .ts, and nothing else."""
    fresh = tmp_path / "fresh.ts"
    translations.update_ts(fresh)
    in_code = {(ctx, src) for ctx, src, _ in _messages(fresh)}
    in_ts = {(ctx, src) for ctx, src, _ in _messages(translations.ts_path("en"))}
    assert sorted(in_code - in_ts) == [], "new interface text: run `python -m qsh_desk.gui.translations` and translate"
    assert sorted(in_ts - in_code) == [], "text no longer in the code: run `python -m qsh_desk.gui.translations`"


def test_english_is_loaded_and_chinese_is_restored(qapp):
    try:
        translations.install(qapp, "en")
        assert QCoreApplication.translate("MainWindow", "正在打开数据库…") == "Opening the database…"
        assert QLocale().language() == QLocale.Language.English
    finally:
        translations.install(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "正在打开数据库…") == "正在打开数据库…"
    assert QLocale().language() == QLocale.Language.Chinese


def test_a_missing_qm_is_compiled_from_the_ts(tmp_path):
    ts = tmp_path / "qsh_desk_en.ts"
    shutil.copy(translations.ts_path("en"), ts)
    qm = translations.compiled_qm(ts)
    assert qm == tmp_path / "qsh_desk_en.qm" and qm.stat().st_size > 1000
    assert translations.compiled_qm(ts) == qm  # current: used as it is


@pytest.fixture
def no_lrelease(monkeypatch):
    monkeypatch.setattr(translations, "qt_tool", lambda name: None)


def test_without_lrelease_the_ts_is_read_directly(qapp, tmp_path, monkeypatch, no_lrelease):
    ts = tmp_path / "translations" / "qsh_desk_en.ts"
    ts.parent.mkdir()
    shutil.copy(translations.ts_path("en"), ts)
    monkeypatch.setattr(translations, "ts_path", lambda language="en": ts)
    try:
        translations.install(qapp, "en")
        assert not ts.with_suffix(".qm").exists()
        assert QCoreApplication.translate("MainWindow", "站点：") == "Station: "
        assert QCoreApplication.translate("MainWindow", "not in the file") == "not in the file"
    finally:
        translations.install(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "站点：") == "站点："


def test_the_words_services_hand_to_the_interface_are_marked_for_translation():
    """Roles, choices, kinds… come from the services in Chinese; each is marked in gui/labels.py (and so in the .ts)."""
    from qsh_desk import APP_TITLE
    from qsh_desk.db import models, snapshot
    from qsh_desk.gui import labels
    from qsh_desk.printing import jobs
    from qsh_desk.services import access, archive, auditlog, calendar, consents, importing, roster, settings, stats, vocabulary

    words = {APP_TITLE, *access.ROLE_TITLES.values(), *models.GENDERS, *models.GUARDIAN_RELATIONS,
             *models.PARENT_RELATIONS, *models.GUARDIANSHIP_TYPES, *models.GUARDIANSHIP_QUALITIES,
             *models.CONTACT_CHANNELS, *archive.QUALITY_DEFINITIONS.values(), *archive.INCOME_SOURCES,
             *archive.ASSISTANCE_KINDS, *archive.INITIATOR_TITLES.values(), *archive.MOODS,
             *auditlog.KIND_TITLES.values(), *(s.title for s in settings.REGISTRY.values()), *jobs.KINDS.values(),
             *snapshot.REASONS.values(), *stats.PERIOD_TITLES.values(), *calendar.WEEKDAY_NAMES,
             *importing.KINDS.values(), *roster.FIELD_TITLES.values(), *consents.CONSENT_TITLES.values(),
             *vocabulary.ACTIONS.values(), *vocabulary.ENTITIES.values(), *vocabulary.DETAILS.values(), "（空）", "是", "否",
             *vocabulary.SEPARATORS}
    assert sorted(words - set(labels.MARKED)) == []
    in_ts = {src for ctx, src, _ in _messages(translations.ts_path("en")) if ctx == "Labels"}
    assert set(labels.MARKED) <= in_ts
