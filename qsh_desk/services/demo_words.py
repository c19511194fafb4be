"""The demo's words: surnames by frequency, given-name characters (rare ones too), schools, teams, themes, wishes
and items — and the name maker that draws from them."""

from __future__ import annotations

import random

# Surnames by frequency (national ranking, with Nanchang's 万, 熊, 涂, 喻 more common); includes the
# polyphonic surnames the desk must find by every reading.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.1), ("李", 7.0), ("张", 6.6), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.2), ("赵", 2.2),
    ("吴", 2.0), ("周", 1.9), ("胡", 1.6), ("徐", 1.3), ("孙", 1.2), ("万", 1.1), ("熊", 1.1), ("马", 1.1),
    ("朱", 1.1), ("郭", 1.1), ("何", 0.9), ("高", 0.9), ("林", 0.9), ("罗", 0.9), ("邓", 0.8), ("彭", 0.7),
    ("曾", 0.7), ("涂", 0.6), ("邹", 0.6), ("肖", 0.6), ("余", 0.5), ("喻", 0.5), ("程", 0.5), ("付", 0.4),
    ("蔡", 0.4), ("龚", 0.3), ("魏", 0.3), ("游", 0.2), ("欧阳", 0.2), ("单", 0.1), ("解", 0.1), ("乐", 0.1),
    ("朴", 0.05),
)
BOY_CHARS = "浩宇轩子俊杰博文睿泽明辰阳晨一鑫磊凯梓航豪宸铭然嘉锦瑞垚"
GIRL_CHARS = "欣怡雨涵思梦佳琪诗语萱婷悦可馨珺彤妍雅晴若依紫芯瑶"
ADULT_CHARS = "国建华明秀英桂兰玉珍春海平红军伟芳丽金凤德志强云霞"
# Rare characters seen in real given names, some outside the BMP: the desk and the printouts must cope.
RARE_CHARS = ("䶮", "𬌗", "垚", "珺", "𫖯", "𬬭", "𠮷", "喆")
SCHOOLS = ("高新小学", "塘山中心小学", "青山湖实验学校", "塘山中学", "京东小学")
WORK_PLACES = (
    ("广东", "深圳"), ("广东", "东莞"), ("广东", "广州"), ("广东", "佛山"), ("浙江", "杭州"), ("浙江", "义乌"),
    ("浙江", "宁波"), ("上海", "上海"), ("江苏", "苏州"), ("福建", "厦门"), ("福建", "泉州"), ("北京", "北京"),
)
OCCUPATIONS = ("电子厂工人", "建筑工人", "快递员", "餐馆服务员", "货车司机", "服装厂工人", "保洁", "个体经营")
TEAMS = ("江西师大青年志愿者协会", "南昌大学志愿服务队", "社区五老志愿队", "党员志愿服务队", "巾帼志愿队")
SKILLS = ("手工", "绘画", "电子琴", "作业辅导", "篮球", "心理辅导", "书法", "科普", "急救")
THEMES = {
    "好人梦": ("身边的好人好事", "学习雷锋精神", "诚信小故事会"),
    "孝亲梦": ("给爸爸妈妈写封信", "我为爷爷奶奶做件事", "亲情卡片制作"),
    "温暖梦": ("结对帮扶送温暖", "爱心书包发放", "冬衣捐赠"),
    "托辅梦": ("周末作业辅导", "数学小讲堂", "英语角"),
    "思亲梦": ("视频连线爸爸妈妈", "亲情电话日", "寄给远方的照片"),
    "实践梦": ("社区环保小卫士", "垃圾分类实践", "参观消防站"),
    "成长梦": ("防溺水安全教育", "交通安全课", "心理健康团辅"),
    "求知梦": ("水利科普", "电脑入门", "阅读分享会"),
    "快乐梦": ("趣味运动会", "端午包粽子", "棋类比赛"),
    "出彩梦": ("七彩课堂·绘画", "电子琴兴趣班", "彩绘墙创作"),
}
MOODS = ("开心", "平静", "想念", "低落", "兴奋")


WISHES = (("想要一个新书包", 80, "温暖梦"), ("一本新华字典", 40, "求知梦"), ("去科技馆看一看", 60, "实践梦"),
          ("和在外地打工的妈妈视频一次", None, "思亲梦"), ("一个篮球", 90, "快乐梦"), ("一套水彩笔", 30, "出彩梦"),
          ("一双运动鞋", 100, "快乐梦"), ("一本《安徒生童话》", 35, "求知梦"), ("一台电子琴", 400, "出彩梦"))
UNITS = ("青山湖区水利局", "高新社区党支部", "南昌某科技有限公司", "塘山镇供电所")
# Every status a wish can have, so each shows on the page and the board: (status, claimer kind, days since written).
WISH_STORIES = (("open", None, 5), ("open", None, 12), ("claimed", "volunteer", 10), ("claimed", "unit", 20),
                ("claimed", "person", 60), ("fulfilled", "volunteer", 40), ("fulfilled", "unit", 90),
                ("cancelled", None, 70), ("open", None, 3))


# (name, kind, copies, may leave the room, donor): what a 亲善之家 keeps, per the article.
ITEMS = (("安徒生童话", "图书", 3, True, None), ("十万个为什么", "图书", 2, True, "高新社区党支部"),
         ("新华字典", "图书", 4, True, None), ("水利科普绘本", "图书", 2, True, "青山湖区水利局"),
         ("篮球", "器材", 2, True, None), ("跳绳", "器材", 5, True, None), ("中国象棋", "游戏", 2, True, None),
         ("电子琴", "乐器", 1, False, "南昌某科技有限公司"), ("笔记本电脑", "电脑", 2, False, None))


class Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.surnames = [s for s, _ in SURNAMES]
        self.weights = [w for _, w in SURNAMES]

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.weights)[0]

    def given(self, pool: str) -> str:
        rng = self.rng
        if rng.random() < 0.02:
            return rng.choice(RARE_CHARS) + (rng.choice(pool) if rng.random() < 0.5 else "")
        # One-character given names are common and make the duplicate names the desk must tell apart.
        return rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)

    def child(self, surname: str, gender: str) -> str:
        return surname + self.given(BOY_CHARS if gender == "男" else GIRL_CHARS)

    def adult(self, surname: str | None = None) -> str:
        return (surname or self.surname()) + self.given(ADULT_CHARS)


def phone_number(rng: random.Random) -> str:
    """A made-up mobile number."""
    return rng.choice(("13", "15", "18", "17", "19")) + "".join(rng.choice("0123456789") for _ in range(9))
