"""A refusal is a sentence: “值班志愿者”账号不能<a verb and what it acts on>."""

from __future__ import annotations

from qsh_desk.services.access import PERMISSION_TITLES, Permission

VERBS = ("使用", "查看", "登记", "编辑", "记录", "管理", "打印", "导出", "备份", "修改", "彻底删除", "补录", "批准", "借出")


def test_every_permission_reads_as_what_the_account_cannot_do():
    assert set(PERMISSION_TITLES) == set(Permission)
    for permission, title in PERMISSION_TITLES.items():
        assert title.startswith(VERBS), f"账号不能{title}"
    assert PERMISSION_TITLES[Permission.ARCHIVE] == "查看和编辑父母档案"
