#!/usr/bin/env python3
"""Generate rules/variants.toml: DL301 `variant-form` (异形词 after GF 1001-2001).

Run from the repository root:

    python3 scripts/gen_variants.py [--shared ../shared] [--out rules/variants.toml]

Source: 《第一批异形词整理表》 GF 1001-2001 (Ministry of Education / State Language
Commission, 2001): 338 groups of a recommended form and one or more variant forms, plus
an appendix A1-A44 of variant forms written with non-standard characters.  The table is
a state language standard, i.e. facts; we read the re-keyed copy in
../shared/data/lexicon/standards/yixingci-GF1001-2001.tsv
(`推荐词形<TAB>异形词(、-separated)<TAB>序号<TAB>拼音`) and write our own TOML.

Every variant form becomes one entry: found = variant, fix = recommended form,
note = the group number (1-338, A1-A44).  Then, so that the rule stays silent on
correct text:

- DROP: variants that are not reported at all, each with the reason (the form is a
  word of its own today, is entrenched in current official usage, or arises so often
  across a word boundary that its rare real use is not worth the noise).
- UNLESS: correct contexts that contain a variant: longer words (清规戒律 holds 规戒),
  fixed expressions (筚路蓝缕), and the word-boundary cases (发展|转型 holds 展转,
  绿色|采购 holds 色采).  Written by hand after reading every hit of every variant in
  the clean corpus and every longer word of pycorrector's word_freq.txt that contains
  it; the boundary lists come from the most frequent words that end in the variant's
  first character or start with its second one.
- SUGGEST: variants whose replacement is right in ordinary prose but may be wrong for
  a technical term or a name: their fix is a suggestion, not applied by `--fix`.

The script checks what it writes: every `unless` holds its `found`, no `found` occurs
inside a recommended form of the table, no two groups give one variant different fixes.
With --check it also counts the hits left in the clean corpus (it reads the corpus only
for that report; nothing in the output depends on it).

Python 3.11 standard library only; entries keep the order of the standard (group 1 …
338, then A1 … A44), so the output is byte-for-byte reproducible.
"""

import argparse
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = "data/lexicon/standards/yixingci-GF1001-2001.tsv"
CORPUS = "data/corpus/gov-docs.txt"

# The copy of the table has one cell that is not a form: group A33 reads "轻颺飏", the
# traditional and the simplified spelling of the same character run together.  The
# standard's variant of 轻扬 is 轻飏 (like 飞飏 A5 and 飘飏 A31).
CELL_FIXES = {"轻颺飏": ["轻飏"]}

# --------------------------------------------------------------------------- DROP
# variant -> why it is not reported.  Every reason was checked against the clean corpus
# (figures = hits in gov-docs.txt) and the word list.
DROP = {
    "标识": "a standard word of its own today (标识 biāoshí 'mark, identifier': 标识码, "
            "医疗器械唯一标识, 标识解析); 165 hits in the clean corpus, all correct",
    "连结": "in current official use beside 联结 (连结民族情感, 连结着群众的生活: 2 corpus "
            "hits) and a word of the word list (freq 239, more than half of 联结)",
    "联接": "in current official use (构建联接“一带一路”大通道, 监管联接互动: 2 corpus hits) "
            "and a technical term (联接件, 联接器)",
    "凝炼": "entrenched in science-policy prose (创新需求凝炼, 凝炼科学问题; 1 corpus hit)",
    "就坐": "used in current official notices (避免面对面就坐, 分散就坐: 2 corpus hits); "
            "dictionaries still list the pair side by side",
    "干与": "干 (do) + 与 (and): 干与不干、干多干少 (1 corpus hit); the variant itself is "
            "archaic",
    "原由": "原 (formerly) + 由 (by): 原由国家发展改革委承担的职责 is everyday 机构改革 "
            "wording; the agency after it cannot be listed",
    "元来": "元 (yuan) + 来: 拿出100万元来、多元来源; the variant is archaic",
    "元煤": "元 (yuan) + 煤: 亿元煤改气补贴、万元煤炭; the variant is archaic",
    "委过": "委 ends 党委/省委/纪委/部委 and 过 starts 过程/过去/过渡 (党委过问); the real "
            "use (委过于人) is rare",
    "子细": "子 ends 电子/班子/分子 and 细 starts 细化/细则/细胞 (分子细胞); nobody writes "
            "子细 for 仔细 today",
    "热中": "热 ends 供热/加热/地热 and 中 starts 中心/中央/中国 (供热中心); 热中子 is a "
            "physics term",
    "花着": "花 as a verb + the aspect particle 着 (花着国家的钱), 开花着果",
    "丁宁": "a common personal name (e.g. the table-tennis player 丁宁); the variant "
            "spelling of 叮咛 is rare",
    "沈思": "沈 is a common surname (沈思孝 and other names in the word list); the "
            "variant spelling of 沉思 is rare",
    "噘嘴": "噘 is a standard character of 《通用规范汉字表》 (2013) and current "
            "dictionaries write 噘嘴 for this word",
    "蹚地": "蹚 is a standard character of 《通用规范汉字表》 (2013), which restores it for "
            "wading (蹚水、蹚浑水); current dictionaries follow it",
    "蹚浑水": "see 蹚地",
    "蹚水": "see 蹚地",
}

# --------------------------------------------------------------------------- UNLESS
# Word-boundary context lists shared by several variants.

# 2-character words that end in 定 (规定|单位, 确定|单病种, 特定|货类, 不稳定|户)
L_DING = ["规定", "制定", "决定", "确定", "稳定", "法定", "划定", "认定", "核定", "鉴定",
          "设定", "选定", "指定", "特定", "约定", "限定", "固定", "审定", "评定", "测定",
          "判定", "拟定", "商定", "界定", "协定", "裁定", "否定", "肯定", "既定", "预定",
          "暂定", "坚定", "一定", "锁定", "奠定", "修定", "检定", "圈定", "额定", "议定",
          "安定", "待定", "必定", "注定", "断定", "签定", "初定", "敲定"]
# words that end in 份 (省份|内, 股份|外资, 一份|外卖, 备份|内容)
L_FEN = ["股份", "省份", "身份", "年份", "月份", "备份", "一份", "两份", "三份", "每份",
         "各份", "多份", "几份", "县份", "部份", "成份", "份份", "全份", "这份", "那份",
         "该份", "此份", "本份"]
# words that end in 刻 (深刻|期, 立刻|划拨, 即刻|日起)
L_KE = ["深刻", "立刻", "即刻", "时刻", "此刻", "片刻", "雕刻", "篆刻", "镌刻", "铭刻",
        "苛刻", "顷刻", "尖刻", "刻刻", "石刻", "木刻", "碑刻", "一刻", "彼刻", "时时刻"]
# words that end in 展 (发展|转型, 开展|转岗培训, 拓展|转型升级)
L_ZHAN = ["发展", "开展", "拓展", "进展", "扩展", "施展", "伸展", "延展", "舒展", "会展",
          "参展", "布展", "办展", "招展", "巡展", "画展", "书展", "车展", "花展", "影展",
          "展展"]
# words that start with 采 (绿色|采购, 阳光|采购, 特色|采摘)
R_CAI = ["采购", "采取", "采用", "采集", "采访", "采样", "采暖", "采伐", "采矿", "采摘",
         "采编", "采纳", "采信", "采油", "采煤", "采血", "采收", "采挖", "采砂", "采制",
         "采写", "采风", "采光", "采石", "采掘", "采选", "采运", "采录", "采办", "采茶",
         "采气", "采种", "采食", "采买", "采猎", "采撷"]
# words that start with 连 (有关|连锁, 保留|连续)
R_LIAN = ["连续", "连接", "连锁", "连通", "连片", "连年", "连带", "连同", "连日", "连线",
          "连任", "连载", "连廊", "连读", "连跑", "连轴", "连排", "连贯", "连体", "连环",
          "连夜", "连胜", "连心", "连结"]
# words that start with 末 (需要|末端治理)
R_MO = ["末端", "末位", "末梢", "末尾", "末期", "末日", "末班", "末次", "末级", "末年",
        "末叶", "末节", "末座", "末流", "末代"]
# words that start with 相 (记录|相关情况, 实行…目录|相结合)
L_LU = ["目录", "记录", "名录", "收录", "登录", "抄录", "辑录", "摘录", "实录", "纪录",
        "著录", "采录", "语录", "附录", "招录", "选录", "誊录", "笔录", "备录", "转录",
        "载录", "通讯录", "节录", "移录", "过录", "刻录", "回录", "补录", "录录"]


def left(words, found):
    """contexts `…A|B…` for a 2-character found AB: every word that ends in A, then B."""
    return [w + found[1:] for w in words if w.endswith(found[0])]


def right(words, found):
    """contexts `…A|B…` for a 2-character found AB: A, then every word that starts with B."""
    return [found[:-1] + w for w in words if w.startswith(found[-1])]


UNLESS = {
    # --- hits read in the clean corpus
    "笔划": ["姓氏笔划"],  # 按姓氏笔划为序/排列: the set formula of official name lists (2 hits)
    "成份": ["成份股", "有效成份", "产品成份", "药品成份", "主要成份", "活性成份", "【成份】",
            "成份：", "成份:"],  # 成份 is the heading drug labels must carry (药品说明书【成份】)
                               # and appears in drug regulation (2 hits); 成份股 in finance
    "定单": left(L_DING, "定单"),  # 确定|单病种, 规定|单独列支, 制定|单位 … (7 hits)
    "定户": left(L_DING, "定户") + ["定户籍", "定户口", "定户外"],  # 脱贫不稳定|户 (1 hit)
    "定货": left(L_DING, "定货") + ["定货物", "定货运", "定货币", "定货值", "定货车"],
                                  # 特定|货类安全装载 (1 hit)
    "定婚": left(L_DING, "定婚") + ["定婚姻"],
    "定阅": left(L_DING, "定阅") + ["定阅读", "定阅览"],
    "股分": ["股分红", "股分配", "股分工", "股分类", "股分析", "股分别", "股分离", "股分享",
            "股分成", "股分担", "股分拆", "股分散", "股分布", "股分期", "股分得", "股分摊",
            "股分段", "股分级", "股分批", "股分步", "股分层", "股分项", "股分区", "股分流",
            "股分割", "股分解", "股分开", "股分管", "股分发", "股分税"],
            # 入股|分红, 按股|分红, 持股|分红 (8 hits)
    "光采": right(R_CAI, "光采"),  # 阳光|采购 (2 hits)
    "色采": right(R_CAI, "色采"),  # 绿色|采购 (8 hits)
    "蓝缕": ["筚路蓝缕", "荜路蓝缕"],  # the idiom keeps 蓝缕 (1 hit)
    "录相": left(L_LU, "录相"),  # 记录|相关, 抄录|相关, 目录|相结合 (3 hits)
    "展转": left(L_ZHAN, "展转"),  # 发展|转变, 开展|转岗, 拓展|转型 (20 hits)
    # --- longer words of the word list that hold the variant but are not variants
    "规戒": ["清规戒律"],
    "叙文": ["记叙文"],
    "零丁": ["零丁洋"],  # the strait of 文天祥's poem, a place name
    "份子": ["凑份子", "湊份子", "出份子", "随份子", "隨份子", "份子钱", "份子公司",
            "份子女", "股份子", "省份子", "身份子"],  # 凑份子 'chip in' is its own word;
                                                   # 股份|子公司
    "推委": ["推委会", "推委员", "推委托", "推委办", "推委派"],  # 推委会 = 推选委员会;
                                                                 # 力推|委员会
    "架式": ["开架式", "闭架式", "机架式", "门架式", "框架式", "支架式", "货架式", "骨架式",
            "桁架式", "吊架式", "龙门架式", "高架式", "网架式", "托架式", "挂架式", "书架式",
            "脚手架式", "棚架式", "井架式", "排架式", "刚架式", "拱架式", "衣架式"],
            # -架式 'of the … frame type' (开架式借阅, 框架式结构)
    "无宁": ["无宁日"],  # 永无宁日, 国无宁日: 无 + 宁日
    "磁器": ["磁器件", "磁器材", "消磁器", "去磁器", "充磁器", "退磁器", "磁器械"],
    "御手": ["御手洗", "抵御手", "御手段", "御手续", "御手机", "御手术", "御手工"],
            # 抵御|手段, 防御|手段; 御手洗 a Japanese surname
    # --- word-boundary cases found by thinking through the frequent neighbours
    "按纳": ["按纳税", "按纳入", "按纳米"],  # 按|纳税人, 按|纳入
    "保母": ["保母婴", "保母亲", "保母乳", "保母猪", "保母体"],  # 确保|母婴安全
    "鱼网": ["钓鱼网", "鱼网站", "鱼网络", "鱼网箱", "鱼网格", "鱼网鸿离"],
            # 钓鱼|网站; the idiom 鱼网鸿离 keeps 鱼
    "鱼具": ["鱼具有"],  # …鱼|具有
    "内哄": ["内哄抬"],  # 区内|哄抬物价
    "分付": ["部分付", "充分付", "分付款", "分付费", "分付出", "分付清"],  # 部分|付款
    "夜消": ["夜消费", "夜消毒", "夜消防", "夜消除", "夜消耗", "夜消化", "夜消纳"],
            # 夜|消费, 昼夜|消毒
    "要末": right(R_MO, "要末"),  # 需要|末端治理
    "那末": right(R_MO, "那末"),
    "这末": right(R_MO, "这末"),
    "入坐": ["入坐标", "入坐席"],  # 导入|坐标
    "热呼": ["热呼吸", "热呼吁", "热呼应", "热呼叫", "热呼唤", "供热呼"],
    "关连": right(R_LIAN, "关连"),  # 有关|连锁经营, 机关|连续
    "留连": right(R_LIAN, "留连"),  # 保留|连续
    "胞子": ["胞子女", "胞子代", "胞子宫"],  # 同胞|子女
    "筹马": ["统筹马", "筹马克"],  # 统筹|马克思主义理论研究
    "参预": ["参预算", "参预防", "参预警", "参预案", "参预期", "参预测", "参预计", "参预报",
            "参预约", "参预付", "参预售", "参预制", "参预留", "参预审", "参预判", "参预备",
            "参预见", "参预定", "参预习"],  # 人参|预…, 海参|预…
    "端五": ["高端五", "终端五", "末端五", "客户端五", "极端五", "争端五", "前端五",
            "后端五", "云端五", "两端五", "一端五", "开端五", "弊端五", "事端五", "顶端五",
            "尖端五", "低端五", "中端五", "远端五", "近端五", "上端五", "下端五", "发端五",
            "异端五", "笔端五", "网端五"],  # 高端|五金, 终端|五类
    "份内": left(L_FEN, "份内"),  # 省份|内, 备份|内容
    "份外": left(L_FEN, "份外"),  # 股份|外资, 一份|外卖
    "份量": left(L_FEN, "份量"),  # 股份|量化
    "过份": ["过份额", "过份数"],  # 超过|份额
    "本份": ["本份额", "本份数"],  # 基本|份额, 样本|份数
    "服事": ["服事项", "服事业", "服事件", "服事务", "服事权", "服事故", "服事实", "服事前",
            "服事后", "服事中", "服事宜", "服事关", "服事迹", "服事态", "服事由", "服事例",
            "服事先", "服事发", "服事情", "服事物"],  # 克服|事业, 衣服|事件
    "伏输": ["光伏输"],  # 光伏|输电
    "刻期": left(L_KE, "刻期"),  # 深刻|期待
    "刻日": left(L_KE, "刻日"),  # 即刻|日起
    "刻划": left(L_KE, "刻划"),  # 立刻|划拨
    "联贯": ["联贯彻", "联贯穿", "联贯通", "联贯串"],  # 妇联|贯彻, 互联|贯通
    "平空": ["水平空", "公平空", "和平空", "持平空", "扁平空", "太平空", "近平空", "小平空",
            "平空间", "平空气", "平空域", "平空运", "平空军", "平空中", "平空白", "平空置",
            "平空转", "平空调", "平空地", "平空港", "平空天", "平空心", "平空巢", "平空壳",
            "平空缺"],  # 水平|空间, 低水平|空转, 习近平|…
    "情素": ["情素质", "情素养", "情素材", "情素描", "情素食"],  # 国情|素质
    "人材": ["人材料", "人材质"],  # 个人|材料, 申请人|材料
    "山查": ["山查处", "山查询", "山查看", "山查找", "山查明", "山查验", "山查获", "山查封",
            "山查办", "山查清", "山查实", "山查阅", "山查证", "山查纠", "山查核", "山查摆",
            "山查访", "山查禁", "山查控", "山查扣", "山查勘", "山查排", "山查结", "山查检",
            "山查对", "矿山查", "上山查", "进山查", "深山查", "高山查", "火山查", "下山查",
            "青山查", "金山查", "银山查", "舟山查", "神山查", "中山查", "佛山查", "黄山查",
            "泰山查", "唐山查", "鞍山查", "山山查"],  # 矿山|查处, 舟山|查验 …
    "预会": ["干预会"],  # 干预|会计信息
    "预闻": ["干预闻"],
    "原故": ["草原故", "平原故", "高原故", "本原故", "太原故", "还原故", "复原故", "中原故",
            "病原故", "燎原故", "原故事", "原故障", "原故宫", "原故意", "原故居", "原故乡",
            "原故土", "原故里", "原故址", "原故道"],  # 草原|故事, 原|故宫博物院
    "支解": ["收支解", "分支解", "一支解", "开支解", "透支解", "超支解", "预支解", "借支解",
            "总支解", "两支解", "几支解", "这支解", "每支解", "各支解", "实支解", "支支解"],
            # 收支|解决, 党总支|解决
    "转游": ["流转游", "运转游", "划转游", "移转游", "中转游", "周转游", "扭转游", "好转游",
            "逆转游", "反转游", "轮转游", "转游客", "转游戏", "转游资", "转游艇", "转游览",
            "转游船", "转游轮", "转游泳", "转游学"],  # 中转|游客
    "绵联": ["海绵联"],
    "模写": ["规模写"],  # 规模|写入
    "赢余": ["打赢余", "赢余额"],
    "案语": ["案语言", "案语音", "案语料", "案语境"],  # 方案|语言
    "希奇": ["夫希奇"],  # transliterated names: 普拉夫希奇
    "脂麻": ["油脂麻", "树脂麻"],  # 油脂|麻花
}

# --------------------------------------------------------------------------- SUGGEST
# variant -> why its fix is only a suggestion
SUGGEST = {
    "胡蝶": "also a personal name (the film actress 胡蝶)",
    "鸿图": "also in company and brand names",
    "余辉": "余辉 is the physics term for the afterglow of a phosphor or a screen",
    "刻划": "刻划 is the engineering term for scribing a line into a surface",
    "磁器": "磁器 may mean a magnetic device",
    "狼头": "literally a wolf's head (a totem, a flag)",
    "思惟": "a Buddhist term in religious texts",
    "御手": "a name element (御手洗)",
    "二簧": "the spelling of some opera-troupe and repertoire names",
    "盘石": "盘石 occurs in place and company names",
    "折衷": "折衷主义 keeps the old spelling in many philosophy texts",
}

# --------------------------------------------------------------------------- output text

HEADER = """\
# DL301 variant-form — 异形词 after GF 1001-2001 《第一批异形词整理表》.
#
# GENERATED FILE, do not edit by hand.  Regenerate from the repository root with
#     python3 scripts/gen_variants.py
# (optional: --shared PATH, default ../shared; --check prints the hits left in the clean corpus).
# Dropped variants, `unless` contexts and suggestion-only fixes are decided in that script,
# each with its reason.
"""

EXPLAIN = """\
检查异形词：同一个词有几种写法，国家规范《第一批异形词整理表》（GF 1001-2001）\
选定其中一种为推荐词形。公文应当用推荐词形，如“笔画”不写“笔划”，“人才”不写“人材”，\
“丰富多彩”不写“丰富多采”，“图像”不写“图象”，“那么”不写“那末”。

每条提示给出推荐词形和它在整理表中的序号（1～338 为正表，A1～A44 为附录中含非规范字的\
异形词）。替换一般是安全的，`--fix` 会直接改；少数异形词同时是专名或专业术语\
（如物理学的“余辉”、工程上的“刻划”），这几条只作为建议给出，需要人工确认。

不报的情况：
- 异形词出现在更长的正确词语里，如“清规戒律”“记叙文”“筚路蓝缕”“零丁洋”“凑份子”；
- 两个字分属前后两个词，如“发展|转型”里的“展转”、“绿色|采购”里的“色采”、\
“入股|分红”里的“股分”、“记录|相关”里的“录相”；
- 已成为独立规范词或在现行公文中通用的写法，如“标识”“连结”“联接”，以及“按姓氏笔划为序”\
这类名单惯用语、药品说明书规定的“【成份】”。

若某处确属正确用法（人名、地名、引文、古籍原文等），请把这段文字加进生成脚本 \
scripts/gen_variants.py 的 UNLESS 表，重新生成本文件。"""

SOURCE = ("《第一批异形词整理表》GF 1001-2001（教育部、国家语言文字工作委员会 2001 年发布的"
          "语言文字规范；作为事实收录，条目重新编排，提示文字为本项目自撰）；表文取自 "
          "zispace/hanzi-words 的整理本。由 scripts/gen_variants.py 生成")

RULE_HEAD = {
    "code": "DL301",
    "name": "variant-form",
    "family": "variants",
    "severity": "warning",
    "summary": "异形词：按 GF 1001-2001《第一批异形词整理表》用推荐词形",
    "message": "异形词：“{found}”，GF 1001-2001 推荐用“{fix}”（序号{note}）",
    "help": "改为推荐词形“{fix}”",
    "applicability": "certain",
}

# Examples: checked by the engine every time the rule set is loaded.
EXAMPLES = [
    {"bad": "这个字的笔划较多，书写时要注意笔顺。", "good": "这个字的笔画较多，书写时要注意笔顺。"},
    {"bad": "加快培养高素质技能人材。", "good": "加快培养高素质技能人才。"},
    {"bad": "开展丰富多采的群众性文化活动。", "good": "开展丰富多彩的群众性文化活动。"},
    {"bad": "对遥感图象进行自动识别。", "good": "对遥感图像进行自动识别。"},
    # correct text from the clean corpus that holds a variant
    {"ok": "专家委员（按姓氏笔划为序）"},
    {"ok": "推行政府绿色采购，完善节能环保产品政府强制采购和优先采购制度。"},
    {"ok": "推动健康服务从规模扩张的粗放型发展转变到质量效益提升的绿色集约式发展。"},
    {"ok": "鼓励实行农民入股分红模式，保障参与生态产品经营开发的村民利益。"},
    {"ok": "实行医用耗材阳光采购。"},
    {"ok": "在确定单病种收费标准的基础上，对城乡贫困人口实行集中救治。"},
    {"ok": "采取补救、销毁等措施，记录相关情况。"},
    {"ok": "六十年一甲子，筚路蓝缕、岁月峥嵘。"},
    {"ok": "以及有效成份、剂型、规格、上市许可持有人等属性。"},
    {"ok": "应急救援预案制定单位应当及时修订相关预案。"},
    {"ok": "对脱贫不稳定户、边缘易致贫户开展动态监测。"},
    {"ok": "加强特定货类安全装载标准研究。"},
    # correct text found by thinking through word boundaries and longer words
    {"ok": "确保母婴安全。"},
    {"ok": "警惕钓鱼网站。"},
    {"ok": "严厉打击哄抬物价行为，区内哄抬价格的一律查处。"},
    {"ok": "恪守清规戒律。"},
    {"ok": "永无宁日。"},
]


# --------------------------------------------------------------------------- build

def group_key(no):
    """1 … 338, then A1 … A44"""
    m = re.fullmatch(r"(A?)(\d+)", no)
    if not m:
        sys.exit(f"gen_variants: bad group number {no!r}")
    return (1 if m.group(1) else 0, int(m.group(2)))


def read_table(shared):
    path = os.path.join(shared, TABLE)
    groups = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                sys.exit(f"gen_variants: {path}:{lineno}: expected 4 columns")
            rec, var, no, _pinyin = (c.strip() for c in cols)
            forms = []
            for v in var.split("、"):
                v = v.strip()
                forms.extend(CELL_FIXES.get(v, [v]))
            groups.append((no, rec, forms))
    groups.sort(key=lambda g: group_key(g[0]))
    n_main = sum(1 for g in groups if not g[0].startswith("A"))
    n_app = len(groups) - n_main
    if (n_main, n_app) != (338, 44):
        sys.exit(f"gen_variants: expected 338 + 44 groups, read {n_main} + {n_app}")
    return groups


def build(groups):
    recommended = {rec for _, rec, _ in groups}
    entries, dropped, seen = [], [], {}
    for no, rec, forms in groups:
        for v in forms:
            if v in seen:
                if seen[v] != rec:
                    sys.exit(f"gen_variants: {v} has two fixes: {seen[v]}, {rec}")
                continue
            seen[v] = rec
            if v in DROP:
                dropped.append(v)
                continue
            inside = sorted(r for r in recommended if v in r)
            if inside:
                sys.exit(f"gen_variants: {v} occurs inside the recommended form(s) {inside}")
            unless = sorted(set(UNLESS.get(v, [])))
            for u in unless:
                if v not in u:
                    sys.exit(f"gen_variants: unless {u!r} of {v} does not contain it")
            e = {"found": v, "fix": rec, "note": no}
            if unless:
                e["unless"] = unless
            if v in SUGGEST:
                e["applicability"] = "suggestion"
            entries.append(e)
    for table, name in ((DROP, "DROP"), (UNLESS, "UNLESS"), (SUGGEST, "SUGGEST")):
        stale = sorted(set(table) - set(seen))
        if stale:
            sys.exit(f"gen_variants: {name} names forms that are not in the table: {stale}")
    return entries, dropped


def q(s):
    """a TOML basic string"""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render(entries, n_forms, dropped):
    lines = [HEADER.rstrip("\n"),
             f"# {len(entries)} entries from {n_forms} variant forms of the table; "
             f"{len(dropped)} dropped (see DROP in the script).",
             "", "[[rule]]"]
    for k, v in RULE_HEAD.items():
        lines.append(f"{k} = {q(v)}")
    lines.append(f"source = {q(SOURCE)}")
    lines.append('explain = """\n' + EXPLAIN + '\n"""')
    lines.append("entry = [")
    for e in entries:
        parts = [f"found = {q(e['found'])}", f"fix = {q(e['fix'])}", f"note = {q(e['note'])}"]
        if "unless" in e:
            parts.append("unless = [" + ", ".join(q(u) for u in e["unless"]) + "]")
        if "applicability" in e:
            parts.append(f"applicability = {q(e['applicability'])}")
        lines.append("  { " + ", ".join(parts) + " },")
    lines.append("]")
    for ex in EXAMPLES:
        lines.append("")
        lines.append("[[rule.example]]")
        for k in ("bad", "good", "ok"):
            if k in ex:
                lines.append(f"{k} = {q(ex[k])}")
    return "\n".join(lines) + "\n"


def check_corpus(shared, entries):
    """print the hits of the generated entries left in the clean corpus (plain substring
    search; `unless` emulated as: an unless string occurs in the text covering the match)"""
    with open(os.path.join(shared, CORPUS), encoding="utf-8") as f:
        text = f.read()
    total = 0
    for e in entries:
        v, start = e["found"], 0
        while (i := text.find(v, start)) >= 0:
            start = i + 1
            covered = False
            for u in e.get("unless", []):
                j = u.find(v)
                while j >= 0:
                    if text.startswith(u, i - j):
                        covered = True
                        break
                    j = u.find(v, j + 1)
                if covered:
                    break
            if not covered:
                total += 1
                print(f"  {v}: …{text[max(0, i - 15):i + len(v) + 15]}…".replace("\n", "⏎"))
    print(f"gen_variants: {total} hit(s) left in the clean corpus", file=sys.stderr)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(REPO, "rules", "variants.toml"),
                    help="output file, '-' for stdout")
    ap.add_argument("--check", action="store_true",
                    help="also report the hits left in the clean corpus")
    args = ap.parse_args()
    groups = read_table(args.shared)
    n_forms = sum(len(f) for _, _, f in groups)
    entries, dropped = build(groups)
    text = render(entries, n_forms, dropped)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"gen_variants: {len(groups)} groups, {n_forms} variant forms, "
          f"{len(entries)} entries, {len(dropped)} dropped", file=sys.stderr)
    if args.check:
        check_corpus(args.shared, entries)


if __name__ == "__main__":
    main()
