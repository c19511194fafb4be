"""Words the services and the database hand to the interface (roles, choices, kinds…), translated where shown.

The services stay free of Qt, so their fixed words are marked for pyside6-lupdate here, in the "Labels" context;
tests/test_translations.py checks that every word of the listed service tables is marked. Free text a person
typed (names, notes, dream names) is data and is never translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MARKED = (
    # qsh_desk.APP_TITLE
    QT_TRANSLATE_NOOP("Labels", "亲善之家前台"),
    # services.access.ROLE_TITLES
    QT_TRANSLATE_NOOP("Labels", "值班志愿者"), QT_TRANSLATE_NOOP("Labels", "社工"),
    QT_TRANSLATE_NOOP("Labels", "管理员"),
    # db.models: GENDERS, GUARDIAN_RELATIONS, PARENT_RELATIONS, GUARDIANSHIP_TYPES, GUARDIANSHIP_QUALITIES,
    # CONTACT_CHANNELS
    QT_TRANSLATE_NOOP("Labels", "男"), QT_TRANSLATE_NOOP("Labels", "女"),
    QT_TRANSLATE_NOOP("Labels", "祖父"), QT_TRANSLATE_NOOP("Labels", "祖母"), QT_TRANSLATE_NOOP("Labels", "外祖父"),
    QT_TRANSLATE_NOOP("Labels", "外祖母"), QT_TRANSLATE_NOOP("Labels", "父亲"), QT_TRANSLATE_NOOP("Labels", "母亲"),
    QT_TRANSLATE_NOOP("Labels", "其他"),
    QT_TRANSLATE_NOOP("Labels", "父母均外出"), QT_TRANSLATE_NOOP("Labels", "一方外出另一方无监护能力"),
    QT_TRANSLATE_NOOP("Labels", "委托监护"),
    QT_TRANSLATE_NOOP("Labels", "较好"), QT_TRANSLATE_NOOP("Labels", "一般"), QT_TRANSLATE_NOOP("Labels", "差"),
    QT_TRANSLATE_NOOP("Labels", "电话"), QT_TRANSLATE_NOOP("Labels", "视频"), QT_TRANSLATE_NOOP("Labels", "微信"),
    QT_TRANSLATE_NOOP("Labels", "书信"), QT_TRANSLATE_NOOP("Labels", "回家探望"),
    QT_TRANSLATE_NOOP("Labels", "站内亲情连线"),
    # services.archive: QUALITY_DEFINITIONS, INCOME_SOURCES, ASSISTANCE_KINDS, INITIATOR_TITLES, MOODS
    QT_TRANSLATE_NOOP("Labels", "委托监护人较好履行监护职责，留守儿童生活、教育、身心健康等方面得到较好保障。"),
    QT_TRANSLATE_NOOP("Labels", "委托监护人能基本履行监护职责，留守儿童生活、教育、身心发展等方面得到基本保障，"
                                "但有产生行为偏差、心理失当等情况的潜在风险。"),
    QT_TRANSLATE_NOOP("Labels", "无人监护、父母一方外出务工另一方无监护能力或委托监护人监护教育能力不足，留守儿童生活、"
                                "教育、身心发展得不到有效保障，极易或已经出现行为偏差、心理失当、辍学、外出流浪乞讨等非正常情况。"),
    QT_TRANSLATE_NOOP("Labels", "打工收入"), QT_TRANSLATE_NOOP("Labels", "种养殖业"),
    QT_TRANSLATE_NOOP("Labels", "政府救助"), QT_TRANSLATE_NOOP("Labels", "亲朋接济"),
    QT_TRANSLATE_NOOP("Labels", "低保"), QT_TRANSLATE_NOOP("Labels", "临时救助"), QT_TRANSLATE_NOOP("Labels", "医疗救助"),
    QT_TRANSLATE_NOOP("Labels", "住房救助"), QT_TRANSLATE_NOOP("Labels", "其他救助"),
    QT_TRANSLATE_NOOP("Labels", "孩子"), QT_TRANSLATE_NOOP("Labels", "父母"), QT_TRANSLATE_NOOP("Labels", "站点"),
    QT_TRANSLATE_NOOP("Labels", "开心"), QT_TRANSLATE_NOOP("Labels", "平静"), QT_TRANSLATE_NOOP("Labels", "想念"),
    QT_TRANSLATE_NOOP("Labels", "低落"), QT_TRANSLATE_NOOP("Labels", "兴奋"), QT_TRANSLATE_NOOP("Labels", "哭了"),
    # services.archive: the kinds of a timeline entry
    QT_TRANSLATE_NOOP("Labels", "亲子联系"), QT_TRANSLATE_NOOP("Labels", "家访"), QT_TRANSLATE_NOOP("Labels", "参加活动"),
    QT_TRANSLATE_NOOP("Labels", "到站"),
    # services.auditlog.KIND_TITLES
    QT_TRANSLATE_NOOP("Labels", "新建"), QT_TRANSLATE_NOOP("Labels", "修改"), QT_TRANSLATE_NOOP("Labels", "删除"),
    QT_TRANSLATE_NOOP("Labels", "查看"), QT_TRANSLATE_NOOP("Labels", "导出"), QT_TRANSLATE_NOOP("Labels", "打印"),
    QT_TRANSLATE_NOOP("Labels", "登录"), QT_TRANSLATE_NOOP("Labels", "登录失败"), QT_TRANSLATE_NOOP("Labels", "账号锁定"),
    QT_TRANSLATE_NOOP("Labels", "越权被拒"), QT_TRANSLATE_NOOP("Labels", "重置密码"),
    QT_TRANSLATE_NOOP("Labels", "修改密码"), QT_TRANSLATE_NOOP("Labels", "设置 PIN 码"),
    QT_TRANSLATE_NOOP("Labels", "删除 PIN 码"),
    # services.settings.REGISTRY titles
    QT_TRANSLATE_NOOP("Labels", "志愿服务时长取整（分钟）"), QT_TRANSLATE_NOOP("Labels", "签到表预填儿童"),
    QT_TRANSLATE_NOOP("Labels", "签到表预填：最近几周来过的儿童"), QT_TRANSLATE_NOOP("Labels", "多少天无亲子联系时提醒"),
    QT_TRANSLATE_NOOP("Labels", "多少周未参加活动时提醒"), QT_TRANSLATE_NOOP("Labels", "结对帮扶应多久走访一次（天）"),
    QT_TRANSLATE_NOOP("Labels", "签到台可撤销的时间（分钟）"), QT_TRANSLATE_NOOP("Labels", "开放时间"),
    QT_TRANSLATE_NOOP("Labels", "闭馆时间"),
    # printing.jobs.KINDS
    QT_TRANSLATE_NOOP("Labels", "儿童每日签到表"), QT_TRANSLATE_NOOP("Labels", "志愿者签到表"),
    QT_TRANSLATE_NOOP("Labels", "月度考勤表"), QT_TRANSLATE_NOOP("Labels", "活动记录表"),
    QT_TRANSLATE_NOOP("Labels", "留守儿童花名册"), QT_TRANSLATE_NOOP("Labels", "家访记录表"),
    QT_TRANSLATE_NOOP("Labels", "志愿服务时长证明"), QT_TRANSLATE_NOOP("Labels", "儿童卡 / 接送卡"),
    QT_TRANSLATE_NOOP("Labels", "值班表"), QT_TRANSLATE_NOOP("Labels", "月度活动计划表"),
    # db.snapshot.REASONS
    QT_TRANSLATE_NOOP("Labels", "每日首次启动"), QT_TRANSLATE_NOOP("Labels", "退出时"), QT_TRANSLATE_NOOP("Labels", "手动"),
    QT_TRANSLATE_NOOP("Labels", "升级前"), QT_TRANSLATE_NOOP("Labels", "恢复前"),
    # services.stats.PERIOD_TITLES and its total row
    QT_TRANSLATE_NOOP("Labels", "月"), QT_TRANSLATE_NOOP("Labels", "季度"), QT_TRANSLATE_NOOP("Labels", "年"),
    QT_TRANSLATE_NOOP("Labels", "自定义"), QT_TRANSLATE_NOOP("Labels", "合计"),
    # services.roster.FIELD_TITLES and CONSENT_TITLES
    QT_TRANSLATE_NOOP("Labels", "姓名"), QT_TRANSLATE_NOOP("Labels", "性别"), QT_TRANSLATE_NOOP("Labels", "民族"),
    QT_TRANSLATE_NOOP("Labels", "出生日期"), QT_TRANSLATE_NOOP("Labels", "身份证号"), QT_TRANSLATE_NOOP("Labels", "户籍地"),
    QT_TRANSLATE_NOOP("Labels", "现居住地"), QT_TRANSLATE_NOOP("Labels", "学校"), QT_TRANSLATE_NOOP("Labels", "年级"),
    QT_TRANSLATE_NOOP("Labels", "是否住校"), QT_TRANSLATE_NOOP("Labels", "健康状况"),
    QT_TRANSLATE_NOOP("Labels", "过敏/疾病提示"), QT_TRANSLATE_NOOP("Labels", "过敏与疾病详情"),
    QT_TRANSLATE_NOOP("Labels", "备注"), QT_TRANSLATE_NOOP("Labels", "姓名首字母"),
    QT_TRANSLATE_NOOP("Labels", "同意保存儿童信息"), QT_TRANSLATE_NOOP("Labels", "同意儿童自行回家"),
    # services.importing.KINDS
    QT_TRANSLATE_NOOP("Labels", "儿童"), QT_TRANSLATE_NOOP("Labels", "志愿者"),
    # services.calendar.WEEKDAY_NAMES
    QT_TRANSLATE_NOOP("Labels", "周一"), QT_TRANSLATE_NOOP("Labels", "周二"), QT_TRANSLATE_NOOP("Labels", "周三"),
    QT_TRANSLATE_NOOP("Labels", "周四"), QT_TRANSLATE_NOOP("Labels", "周五"), QT_TRANSLATE_NOOP("Labels", "周六"),
    QT_TRANSLATE_NOOP("Labels", "周日"),
)


def label(text: str) -> str:
    """`text` in the interface language when it is one of the marked words, else as it is (data)."""
    return QCoreApplication.translate("Labels", text) if text else text


def app_title() -> str:
    """The program's name in the interface language (qsh_desk.APP_TITLE in Chinese)."""
    from qsh_desk import APP_TITLE

    return label(APP_TITLE)
