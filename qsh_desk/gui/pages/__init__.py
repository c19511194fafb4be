"""The pages of the main window, in navigation order; a page is listed only once it works."""

from __future__ import annotations

from qsh_desk.gui.pages.archive import ArchivePage
from qsh_desk.gui.pages.audit import AuditLogPage
from qsh_desk.gui.pages.backups import BackupsPage
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.pages.children import ChildrenPage
from qsh_desk.gui.pages.desk import DeskPage
from qsh_desk.gui.pages.dreams import DreamsPage
from qsh_desk.gui.pages.duty import DutyPage
from qsh_desk.gui.pages.home import HomePage
from qsh_desk.gui.pages.items import ItemsPage
from qsh_desk.gui.pages.print import PrintPage
from qsh_desk.gui.pages.settings import SettingsPage
from qsh_desk.gui.pages.stats import StatsPage
from qsh_desk.gui.pages.users import MyAccountPage, UsersPage
from qsh_desk.gui.pages.volunteers import VolunteersPage
from qsh_desk.gui.pages.wishes import WishesPage

PAGES: list[type[Page]] = [HomePage, DeskPage, ChildrenPage, VolunteersPage, DutyPage, DreamsPage, WishesPage, ItemsPage, ArchivePage, StatsPage, PrintPage, SettingsPage, BackupsPage, UsersPage, AuditLogPage, MyAccountPage]
