"""The stored words of the audit log, each with its Chinese title: what was done, to what, and the details' names.

The services write short codes (`check_in`, `child_visit`, `{"at": …}`); the audit page and anything else that
shows them say them in words from here (the window in English through `gui.labels`). A test fails when the code
writes an action or an entity that has no title here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

ACTIONS: dict[str, str] = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "read": "查看",
    "export": "导出",
    "import": "导入",
    "print": "打印",
    "login": "登录",
    "login_failed": "登录失败",
    "locked": "账号锁定",
    "denied": "越权被拒",
    "reset_password": "重置密码",
    "change_password": "修改密码",
    "recover": "用恢复码设密码",
    "replace": "换新",
    "set_pin": "设置 PIN 码",
    "remove_pin": "删除 PIN 码",
    "check_in": "签到",
    "check_out": "签退",
    "undo": "撤销",
    "correct": "更正时间",
    "backfill": "补录",
    "archive": "归档",
    "restore": "恢复",
    "revoke": "撤回",
    "backup": "备份",
    "claim": "认领",
    "fulfil": "圆梦",
    "cancel": "取消",
    "approve": "批准",
    "lend": "借出",
    "return": "归还",
}

ENTITIES: dict[str, str] = {
    "user": "账号",
    "station": "站点",
    "recovery_code": "恢复码",
    "setting": "设置",
    "settings": "设置",
    "database": "数据库",
    "demo": "演示数据",
    "audit_log": "操作日志",
    "backup": "备份",
    "backups": "备份",
    "child": "儿童",
    "children": "儿童名单",
    "child_medical": "健康详情",
    "consent": "同意书",
    "volunteer": "志愿者",
    "volunteers": "志愿者名单",
    "team": "队伍",
    "child_visit": "儿童到站",
    "volunteer_shift": "志愿者值班",
    "visits": "到站记录",
    "present": "在站名单",
    "search": "签到台搜索",
    "undo": "撤销",
    "day_closing": "闭馆",
    "closing_call": "闭馆电话",
    "archive": "父母档案",
    "archive_search": "父母档案搜索",
    "archive_timeline": "父母档案时间线",
    "archive_alerts": "父母档案提醒",
    "archive_export": "父母档案导出",
    "parent": "父母",
    "parent_contact": "亲子联系",
    "home_visit": "家访",
    "guardianship": "监护情况",
    "follow_up": "跟进",
    "roster": "花名册",
    "certificate": "时长证明",
    "programme_session": "活动记录",
    "session": "活动记录",
    "dream": "十个梦类别",
    "dreams": "十个梦类别",
    "dream_order": "十个梦顺序",
    "dream_report": "十个梦统计",
    "dream_passport": "梦想护照",
    "pairing": "结对帮扶",
    "pairing_visit": "结对走访",
    "calendar": "开放日历",
    "calendar_day": "开放日历",
    "duty_post": "值班岗位",
    "duty_posts": "值班岗位",
    "duty_assignment": "值班安排",
    "duty_roster": "值班表",
    "duty_gap_callers": "值班缺人联系",
    "session_plan": "活动计划",
    "wish": "微心愿",
    "wishes": "微心愿",
    "wish_board": "微心愿认领榜",
    "wish_stats": "微心愿统计",
    "item": "器材图书",
    "loan": "借阅",
    "stocktake": "盘点",
    "overview": "概览",
    "restore": "恢复备份",
    "import_children": "导入儿童名单",
    "import_volunteers": "导入志愿者名单",
    "print:signin_sheet": "儿童每日签到表",
    "print:volunteer_sheet": "志愿者签到表",
    "print:attendance": "月度考勤表",
    "print:session": "活动记录表",
    "print:roster": "留守儿童花名册",
    "print:home_visit": "家访记录表",
    "print:certificate": "志愿服务时长证明",
    "print:cards": "儿童卡 / 接送卡",
    "print:wish_record": "微心愿圆梦记录",
    "print:items": "器材台账",
    "print:loans": "借阅登记表",
    "print:item_labels": "物品标签",
    "print:overdue_slips": "逾期提醒",
    "letter": "给爸爸妈妈的信",
    "letters": "给爸爸妈妈的信",
    "session_photo": "活动照片",
    "service_records": "志愿服务记录",
    "party_report": "双报到反馈表",
    "print:party_report": "双报到反馈表",
    "report:party": "在职党员报到统计",
}

# The names of the details an audit row keeps, and of the fields its before/after shows.
DETAILS: dict[str, str] = {
    "at": "时间", "by": "由", "with": "同", "day": "日期", "from": "从", "to": "到", "until": "到", "today": "日期",
    "before": "修改前", "after": "修改后", "reason": "原因", "warning": "提醒", "outcome": "结果", "kind": "类型",
    "name": "姓名", "username": "用户名", "display_name": "姓名", "role": "角色", "card_code": "卡号",
    "permission": "所需权限", "attempt": "第几次", "failures": "连续输错", "has_pin": "有 PIN 码",
    "path": "文件", "file": "文件", "size": "大小", "rows": "行数", "count": "数量", "added": "新增", "duplicates": "重复",
    "skipped_rows": "跳过的行", "children": "儿童", "volunteer": "志愿者", "volunteer_id": "志愿者", "person_id": "人员",
    "children_present": "在站儿童", "at_station": "在站", "call_home": "亲情连线", "history": "历史记录",
    "theme": "主题", "dream": "梦", "starts_at": "开始时间", "ended_on": "结束日期", "started_on": "开始日期",
    "goal": "目标", "visit_interval_days": "走访间隔（天）", "visited_on": "走访日期", "pairing_id": "结对",
    "post": "岗位", "post_id": "岗位", "claimed": "自己认领", "cancelled_reason": "取消原因",
    "held_session_id": "活动记录", "given_by": "同意人", "given_on": "同意日期", "scope": "同意范围",
    "revoked_on": "撤回日期", "serial": "编号", "reprint": "补打", "full_details": "完整号码", "seed": "随机种子",
    "key": "设置项", "undone": "撤销了", "undone_audit_id": "撤销的记录", "first_run": "首次设置",
    "no_contact": "未联系", "overdue": "逾期跟进", "poor_guardianship": "监护差", "returns_soon": "即将回家",
    "checked_in_at": "签到时间", "checked_out_at": "签退时间", "started_at": "开始", "ended_at": "结束",
    "collector_name": "接送人", "collector_relation": "接送人关系", "collector_phone": "接送人电话",
    "went_home_alone": "自行回家", "hours": "时长", "phone": "电话", "school": "学校", "grade": "年级",
    "notes": "备注", "summary": "内容摘要", "photo_path": "照片", "active": "在用", "value": "值",
    "wish": "心愿", "value_yuan": "估计金额（元）", "dream_id": "梦", "claimer_kind": "认领方", "claimer_name": "认领人",
    "claimer_unit": "认领单位", "claimer_phone": "认领人电话", "fulfilled_on": "圆梦日期", "delivery": "送达方式",
    "code": "编码", "due": "应还日期", "condition": "状况", "isbn": "ISBN", "source": "来源", "donor": "捐赠人",
    "missing": "缺少",
    "note": "备注", "thanks": "孩子的感谢", "approved_by": "批准人", "status": "状态",
    "medical_flag": "过敏/疾病提示", "medical_details": "过敏与疾病详情", "follow_up_done_on": "跟进完成日期",
    "month": "月份", "child_words": "孩子的话", "channel": "方式", "unit": "工作单位",
    "political_status": "政治面貌", "in_service_party_member": "在职党员", "work_unit": "工作单位",
    "work_unit_party_org": "单位党组织", "id_type": "证件类型", "id_number": "证件号码",
}


def action_title(code: str) -> str:
    return ACTIONS.get(code, code)


def entity_title(code: str) -> str:
    return ENTITIES.get(code, code)


SEPARATORS = ("：", "；", "，")  # a title and its value, two details, the parts of one: translated like words


def detail_text(detail: dict[str, Any] | None, *, word=lambda text: text) -> str:  # noqa: ANN001 - a str → str
    """An audit row's details in words: “时间：2026-11-28 09:30；接送人：王秀英”. `word` translates a title."""
    if not detail:
        return ""
    colon, semicolon, comma = (word(mark) for mark in SEPARATORS)
    parts = []
    for key, value in detail.items():
        if key in ("before", "after") and isinstance(value, dict):
            continue
        parts.append(f"{word(DETAILS.get(key, key))}{colon}{_value_text(value, word)}")
    before, after = detail.get("before"), detail.get("after")
    if isinstance(after, dict) and isinstance(before, dict):
        for field in after:
            parts.append(f"{word(DETAILS.get(field, field))}{colon}{_value_text(before.get(field), word)} → "
                         f"{_value_text(after[field], word)}")
    elif isinstance(after, dict) or isinstance(before, dict):
        shown = after if isinstance(after, dict) else before
        label = word(DETAILS["after" if isinstance(after, dict) else "before"])
        parts.append(f"{label}{colon}" + comma.join(f"{word(DETAILS.get(k, k))} {_value_text(v, word)}"
                                                    for k, v in shown.items() if v not in (None, "", [], {})))
    return semicolon.join(parts)


def _value_text(value: Any, word) -> str:  # noqa: ANN001
    if value is None or value == "":
        return word("（空）")
    if isinstance(value, bool):
        return word("是") if value else word("否")
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment:%Y-%m-%d %H:%M}" if "T" in value or " " in value else f"{moment:%Y-%m-%d}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
