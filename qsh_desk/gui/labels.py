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
    QT_TRANSLATE_NOOP("Labels", "删除 PIN 码"), QT_TRANSLATE_NOOP("Labels", "用恢复码设密码"),
    QT_TRANSLATE_NOOP("Labels", "换新"), QT_TRANSLATE_NOOP("Labels", "恢复码"),
    # services.settings.REGISTRY titles
    QT_TRANSLATE_NOOP("Labels", "志愿服务时长取整（分钟）"), QT_TRANSLATE_NOOP("Labels", "签到表预填儿童"),
    QT_TRANSLATE_NOOP("Labels", "签到表预填：最近几周来过的儿童"), QT_TRANSLATE_NOOP("Labels", "多少天无亲子联系时提醒"),
    QT_TRANSLATE_NOOP("Labels", "多少周未参加活动时提醒"), QT_TRANSLATE_NOOP("Labels", "结对帮扶应多久走访一次（天）"),
    QT_TRANSLATE_NOOP("Labels", "签到台可撤销的时间（分钟）"), QT_TRANSLATE_NOOP("Labels", "开放时间"),
    QT_TRANSLATE_NOOP("Labels", "闭馆时间"), QT_TRANSLATE_NOOP("Labels", "场地最多容纳儿童"),
    QT_TRANSLATE_NOOP("Labels", "每名志愿者最多照看儿童"),
    QT_TRANSLATE_NOOP("Labels", "微心愿金额上限（元；超过需社工或管理员批准）"),
    QT_TRANSLATE_NOOP("Labels", "微心愿认领后多少天未圆梦时提醒"),
    QT_TRANSLATE_NOOP("Labels", "图书借阅期限（天）"), QT_TRANSLATE_NOOP("Labels", "器材玩具借用期限（天）"),
    QT_TRANSLATE_NOOP("Labels", "站点电话（印在给爸爸妈妈的信上）"),
    # printing.jobs.KINDS
    QT_TRANSLATE_NOOP("Labels", "儿童每日签到表"), QT_TRANSLATE_NOOP("Labels", "志愿者签到表"),
    QT_TRANSLATE_NOOP("Labels", "月度考勤表"), QT_TRANSLATE_NOOP("Labels", "活动记录表"),
    QT_TRANSLATE_NOOP("Labels", "留守儿童花名册"), QT_TRANSLATE_NOOP("Labels", "家访记录表"),
    QT_TRANSLATE_NOOP("Labels", "志愿服务时长证明"), QT_TRANSLATE_NOOP("Labels", "儿童卡 / 接送卡"),
    QT_TRANSLATE_NOOP("Labels", "值班表"), QT_TRANSLATE_NOOP("Labels", "月度活动计划表"),
    QT_TRANSLATE_NOOP("Labels", "微心愿认领榜"), QT_TRANSLATE_NOOP("Labels", "微心愿圆梦记录"),
    QT_TRANSLATE_NOOP("Labels", "器材台账"), QT_TRANSLATE_NOOP("Labels", "借阅登记表"),
    QT_TRANSLATE_NOOP("Labels", "物品标签"), QT_TRANSLATE_NOOP("Labels", "逾期提醒"),
    QT_TRANSLATE_NOOP("Labels", "给爸爸妈妈的信"), QT_TRANSLATE_NOOP("Labels", "给爸爸妈妈的信（全部）"),
    QT_TRANSLATE_NOOP("Labels", "在职党员进社区服务情况反馈表"),
    # services.volunteers: 政治面貌 and 证件类型
    QT_TRANSLATE_NOOP("Labels", "中共党员"), QT_TRANSLATE_NOOP("Labels", "中共预备党员"), QT_TRANSLATE_NOOP("Labels", "共青团员"),
    QT_TRANSLATE_NOOP("Labels", "民主党派成员"), QT_TRANSLATE_NOOP("Labels", "无党派人士"), QT_TRANSLATE_NOOP("Labels", "群众"),
    QT_TRANSLATE_NOOP("Labels", "居民身份证"), QT_TRANSLATE_NOOP("Labels", "港澳居民来往内地通行证"),
    QT_TRANSLATE_NOOP("Labels", "台湾居民来往大陆通行证"), QT_TRANSLATE_NOOP("Labels", "护照"),
    QT_TRANSLATE_NOOP("Labels", "外国人永久居留身份证"),
    # services.vocabulary: the letters' and the service records' audit entities and details
    QT_TRANSLATE_NOOP("Labels", "活动照片"), QT_TRANSLATE_NOOP("Labels", "志愿服务记录"),
    QT_TRANSLATE_NOOP("Labels", "双报到反馈表"), QT_TRANSLATE_NOOP("Labels", "在职党员报到统计"),
    QT_TRANSLATE_NOOP("Labels", "月份"), QT_TRANSLATE_NOOP("Labels", "老师的话"), QT_TRANSLATE_NOOP("Labels", "孩子的话"),
    QT_TRANSLATE_NOOP("Labels", "方式"), QT_TRANSLATE_NOOP("Labels", "工作单位"), QT_TRANSLATE_NOOP("Labels", "政治面貌"),
    QT_TRANSLATE_NOOP("Labels", "在职党员"), QT_TRANSLATE_NOOP("Labels", "单位党组织"),
    QT_TRANSLATE_NOOP("Labels", "证件类型"), QT_TRANSLATE_NOOP("Labels", "证件号码"),
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
    QT_TRANSLATE_NOOP("Labels", "同意上微心愿榜"),
    QT_TRANSLATE_NOOP("Labels", "同意使用儿童照片"),
    # services.importing.KINDS
    QT_TRANSLATE_NOOP("Labels", "儿童"), QT_TRANSLATE_NOOP("Labels", "志愿者"),
    # db.errors.MESSAGES
    QT_TRANSLATE_NOOP("Labels", "数据库正被另一个程序使用。请稍等片刻再试；如果一直这样，请关闭其他打开本数据库的程序。"),
    QT_TRANSLATE_NOOP("Labels", "磁盘已满，数据没有保存。请清理磁盘空间后再试。"),
    QT_TRANSLATE_NOOP("Labels", "数据库所在的文件夹不能写入。请检查文件夹权限，或把数据库放到可写的位置。"),
    QT_TRANSLATE_NOOP("Labels", "数据库文件已损坏，读不出来。请用“qsh-desk check”检查；需要时由管理员从备份恢复。"),
    QT_TRANSLATE_NOOP("Labels", "连接不上数据库服务器。请检查网络和服务器是否开机，然后再试。"),
    QT_TRANSLATE_NOOP("Labels", "数据库文件不能读取（没有权限）。请检查这个文件和它所在文件夹的权限，然后再试；数据库文件未作改动。"),
    QT_TRANSLATE_NOOP("Labels", "读写数据库文件时磁盘出错（这不是数据库损坏）。请检查磁盘空间、文件夹权限，U 盘或网络盘是否连接好，然后再试；数据库文件未作改动。"),
    # services.vocabulary: the audit log's actions, entities and details (and the words of its values)
    QT_TRANSLATE_NOOP("Labels", "导入"), QT_TRANSLATE_NOOP("Labels", "签到"), QT_TRANSLATE_NOOP("Labels", "签退"), QT_TRANSLATE_NOOP("Labels", "撤销"),
    QT_TRANSLATE_NOOP("Labels", "更正时间"), QT_TRANSLATE_NOOP("Labels", "补录"), QT_TRANSLATE_NOOP("Labels", "归档"), QT_TRANSLATE_NOOP("Labels", "恢复"),
    QT_TRANSLATE_NOOP("Labels", "撤回"), QT_TRANSLATE_NOOP("Labels", "备份"), QT_TRANSLATE_NOOP("Labels", "账号"), QT_TRANSLATE_NOOP("Labels", "设置"),
    QT_TRANSLATE_NOOP("Labels", "数据库"), QT_TRANSLATE_NOOP("Labels", "演示数据"), QT_TRANSLATE_NOOP("Labels", "操作日志"), QT_TRANSLATE_NOOP("Labels", "儿童名单"),
    QT_TRANSLATE_NOOP("Labels", "健康详情"), QT_TRANSLATE_NOOP("Labels", "同意书"), QT_TRANSLATE_NOOP("Labels", "志愿者名单"), QT_TRANSLATE_NOOP("Labels", "队伍"),
    QT_TRANSLATE_NOOP("Labels", "儿童到站"), QT_TRANSLATE_NOOP("Labels", "志愿者值班"), QT_TRANSLATE_NOOP("Labels", "到站记录"), QT_TRANSLATE_NOOP("Labels", "在站名单"),
    QT_TRANSLATE_NOOP("Labels", "签到台搜索"), QT_TRANSLATE_NOOP("Labels", "闭馆"), QT_TRANSLATE_NOOP("Labels", "闭馆电话"), QT_TRANSLATE_NOOP("Labels", "父母档案"),
    QT_TRANSLATE_NOOP("Labels", "父母档案搜索"), QT_TRANSLATE_NOOP("Labels", "父母档案时间线"), QT_TRANSLATE_NOOP("Labels", "父母档案提醒"), QT_TRANSLATE_NOOP("Labels", "父母档案导出"),
    QT_TRANSLATE_NOOP("Labels", "监护情况"), QT_TRANSLATE_NOOP("Labels", "跟进"), QT_TRANSLATE_NOOP("Labels", "花名册"), QT_TRANSLATE_NOOP("Labels", "时长证明"),
    QT_TRANSLATE_NOOP("Labels", "活动记录"), QT_TRANSLATE_NOOP("Labels", "十个梦类别"), QT_TRANSLATE_NOOP("Labels", "十个梦顺序"), QT_TRANSLATE_NOOP("Labels", "十个梦统计"),
    QT_TRANSLATE_NOOP("Labels", "梦想护照"), QT_TRANSLATE_NOOP("Labels", "结对帮扶"), QT_TRANSLATE_NOOP("Labels", "结对走访"), QT_TRANSLATE_NOOP("Labels", "开放日历"),
    QT_TRANSLATE_NOOP("Labels", "值班岗位"), QT_TRANSLATE_NOOP("Labels", "值班安排"), QT_TRANSLATE_NOOP("Labels", "值班缺人联系"), QT_TRANSLATE_NOOP("Labels", "活动计划"),
    QT_TRANSLATE_NOOP("Labels", "概览"), QT_TRANSLATE_NOOP("Labels", "恢复备份"), QT_TRANSLATE_NOOP("Labels", "导入儿童名单"), QT_TRANSLATE_NOOP("Labels", "导入志愿者名单"),
    QT_TRANSLATE_NOOP("Labels", "时间"), QT_TRANSLATE_NOOP("Labels", "由"), QT_TRANSLATE_NOOP("Labels", "同"), QT_TRANSLATE_NOOP("Labels", "日期"),
    QT_TRANSLATE_NOOP("Labels", "从"), QT_TRANSLATE_NOOP("Labels", "到"), QT_TRANSLATE_NOOP("Labels", "修改前"), QT_TRANSLATE_NOOP("Labels", "修改后"),
    QT_TRANSLATE_NOOP("Labels", "原因"), QT_TRANSLATE_NOOP("Labels", "提醒"), QT_TRANSLATE_NOOP("Labels", "结果"), QT_TRANSLATE_NOOP("Labels", "类型"),
    QT_TRANSLATE_NOOP("Labels", "用户名"), QT_TRANSLATE_NOOP("Labels", "角色"), QT_TRANSLATE_NOOP("Labels", "卡号"), QT_TRANSLATE_NOOP("Labels", "所需权限"),
    QT_TRANSLATE_NOOP("Labels", "第几次"), QT_TRANSLATE_NOOP("Labels", "连续输错"), QT_TRANSLATE_NOOP("Labels", "有 PIN 码"), QT_TRANSLATE_NOOP("Labels", "文件"),
    QT_TRANSLATE_NOOP("Labels", "大小"), QT_TRANSLATE_NOOP("Labels", "行数"), QT_TRANSLATE_NOOP("Labels", "数量"), QT_TRANSLATE_NOOP("Labels", "新增"),
    QT_TRANSLATE_NOOP("Labels", "重复"), QT_TRANSLATE_NOOP("Labels", "跳过的行"), QT_TRANSLATE_NOOP("Labels", "人员"), QT_TRANSLATE_NOOP("Labels", "在站儿童"),
    QT_TRANSLATE_NOOP("Labels", "在站"), QT_TRANSLATE_NOOP("Labels", "亲情连线"), QT_TRANSLATE_NOOP("Labels", "历史记录"), QT_TRANSLATE_NOOP("Labels", "主题"),
    QT_TRANSLATE_NOOP("Labels", "梦"), QT_TRANSLATE_NOOP("Labels", "开始时间"), QT_TRANSLATE_NOOP("Labels", "结束日期"), QT_TRANSLATE_NOOP("Labels", "开始日期"),
    QT_TRANSLATE_NOOP("Labels", "目标"), QT_TRANSLATE_NOOP("Labels", "走访间隔（天）"), QT_TRANSLATE_NOOP("Labels", "走访日期"), QT_TRANSLATE_NOOP("Labels", "结对"),
    QT_TRANSLATE_NOOP("Labels", "岗位"), QT_TRANSLATE_NOOP("Labels", "自己认领"), QT_TRANSLATE_NOOP("Labels", "取消原因"), QT_TRANSLATE_NOOP("Labels", "同意人"),
    QT_TRANSLATE_NOOP("Labels", "同意日期"), QT_TRANSLATE_NOOP("Labels", "同意范围"), QT_TRANSLATE_NOOP("Labels", "撤回日期"), QT_TRANSLATE_NOOP("Labels", "编号"),
    QT_TRANSLATE_NOOP("Labels", "补打"), QT_TRANSLATE_NOOP("Labels", "完整号码"), QT_TRANSLATE_NOOP("Labels", "随机种子"), QT_TRANSLATE_NOOP("Labels", "设置项"),
    QT_TRANSLATE_NOOP("Labels", "撤销了"), QT_TRANSLATE_NOOP("Labels", "撤销的记录"), QT_TRANSLATE_NOOP("Labels", "首次设置"), QT_TRANSLATE_NOOP("Labels", "未联系"),
    QT_TRANSLATE_NOOP("Labels", "逾期跟进"), QT_TRANSLATE_NOOP("Labels", "监护差"), QT_TRANSLATE_NOOP("Labels", "即将回家"), QT_TRANSLATE_NOOP("Labels", "签到时间"),
    QT_TRANSLATE_NOOP("Labels", "签退时间"), QT_TRANSLATE_NOOP("Labels", "开始"), QT_TRANSLATE_NOOP("Labels", "结束"), QT_TRANSLATE_NOOP("Labels", "接送人"),
    QT_TRANSLATE_NOOP("Labels", "接送人关系"), QT_TRANSLATE_NOOP("Labels", "接送人电话"), QT_TRANSLATE_NOOP("Labels", "自行回家"), QT_TRANSLATE_NOOP("Labels", "时长"),
    QT_TRANSLATE_NOOP("Labels", "内容摘要"), QT_TRANSLATE_NOOP("Labels", "照片"), QT_TRANSLATE_NOOP("Labels", "在用"), QT_TRANSLATE_NOOP("Labels", "值"),
    QT_TRANSLATE_NOOP("Labels", "跟进完成日期"), QT_TRANSLATE_NOOP("Labels", "（空）"), QT_TRANSLATE_NOOP("Labels", "是"), QT_TRANSLATE_NOOP("Labels", "否"),
    QT_TRANSLATE_NOOP("Labels", "："), QT_TRANSLATE_NOOP("Labels", "；"), QT_TRANSLATE_NOOP("Labels", "，"),
    QT_TRANSLATE_NOOP("Labels", "认领"), QT_TRANSLATE_NOOP("Labels", "圆梦"), QT_TRANSLATE_NOOP("Labels", "取消"),
    QT_TRANSLATE_NOOP("Labels", "批准"), QT_TRANSLATE_NOOP("Labels", "微心愿"), QT_TRANSLATE_NOOP("Labels", "微心愿统计"),
    QT_TRANSLATE_NOOP("Labels", "心愿"), QT_TRANSLATE_NOOP("Labels", "估计金额（元）"), QT_TRANSLATE_NOOP("Labels", "认领方"),
    QT_TRANSLATE_NOOP("Labels", "认领人"), QT_TRANSLATE_NOOP("Labels", "认领单位"), QT_TRANSLATE_NOOP("Labels", "认领人电话"),
    QT_TRANSLATE_NOOP("Labels", "圆梦日期"), QT_TRANSLATE_NOOP("Labels", "送达方式"), QT_TRANSLATE_NOOP("Labels", "孩子的感谢"),
    QT_TRANSLATE_NOOP("Labels", "批准人"), QT_TRANSLATE_NOOP("Labels", "状态"),
    QT_TRANSLATE_NOOP("Labels", "借出"), QT_TRANSLATE_NOOP("Labels", "归还"), QT_TRANSLATE_NOOP("Labels", "器材图书"),
    QT_TRANSLATE_NOOP("Labels", "借阅"), QT_TRANSLATE_NOOP("Labels", "盘点"), QT_TRANSLATE_NOOP("Labels", "编码"),
    QT_TRANSLATE_NOOP("Labels", "应还日期"), QT_TRANSLATE_NOOP("Labels", "状况"), QT_TRANSLATE_NOOP("Labels", "来源"),
    QT_TRANSLATE_NOOP("Labels", "捐赠人"), QT_TRANSLATE_NOOP("Labels", "缺少"), QT_TRANSLATE_NOOP("Labels", "ISBN"),
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
