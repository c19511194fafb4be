"""The pages of the main window, in navigation order; a page is listed only once it works."""

from __future__ import annotations

from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.pages.home import HomePage
from qsh_desk.gui.pages.settings import SettingsPage

PAGES: list[type[Page]] = [HomePage, SettingsPage]
