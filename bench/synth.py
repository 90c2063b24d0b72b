"""Synthetic but realistic Chinese work-report data, deterministic for a seed.

A county's plan is ~100 tasks in a dozen sections, each task a promise with targets in
the forms real reports use (新增养老机构床位270张, 增长7.5%左右, 完成投资12亿元), led by one
of the county's 区/县 bureaus; each quarter's progress text states figures against them
(共新增养老机构床位198张; 1-9月增长6.8%) or says the work is under way. At city or province
scale: ~2,850 counties x ~100 tasks x 4 quarters."""

from __future__ import annotations

import random

from luoshi.ingest.report import ParsedReport, ParsedSection, ParsedTask, PeriodSpec, ReportMeta

SECTIONS = [
    "主要经济指标", "扩大有效投资", "推动产业转型升级", "优化营商环境", "推进城市更新",
    "加强生态环境保护", "办好民生实事", "发展社会事业", "保障和改善就业", "推进乡村振兴",
    "加强社会治理", "建设数字政府",
]  # fmt: skip
UNITS = [
    "发改局", "经信局", "财政局", "商务局", "住建局", "交通局", "民政局", "卫健局", "教育局",
    "人社局", "农业农村局", "生态环境分局", "城管局", "市场监管局", "数据资源局", "文旅局",
    "应急管理局", "科技局", "自然资源分局", "统计局",
]  # fmt: skip
QUARTERS = {1: ("一季度", 3), 2: ("二季度", 6), 3: ("三季度", 9), 4: ("四季度", 12)}

# (content template, progress templates, lead unit); {x} numbers are filled per task.
PROMISES = [
    ("地区生产总值增长{g}%左右,一般公共预算收入增长{g2}%。",
     ["1-{m}月,地区生产总值增长{ga}%。", "预计全年地区生产总值增长{ga}%左右,一般公共预算收入增长{g2a}%。"],
     "发改局"),
    ("新增养老机构床位{n}张,建成居家养老服务中心{k}家。",
     ["共新增养老机构床位{na}张,已建成居家养老服务中心{ka}家。", "新增养老机构床位{na}张,其余床位正在验收。"],
     "民政局"),
    ("完成老旧小区综合改造{k}个,加装电梯{n}台。",
     ["已完成老旧小区综合改造{ka}个,加装电梯{na}台,其余正在施工。", "改造项目全部开工,已加装电梯{na}台。"],
     "住建局"),
    ("新增公共停车泊位{n}个,打通断头路{k}条。",
     ["新增公共停车泊位{na}个,打通断头路{ka}条。", "停车泊位项目完成前期工作,{ka}条道路已开工。"],
     "交通局"),
    ("城镇新增就业{n}人,失业人员再就业{k}人。",
     ["1-{m}月城镇新增就业{na}人,失业人员再就业{ka}人。"],
     "人社局"),
    ("完成固定资产投资{a}亿元,其中工业投资增长{g}%以上。",
     ["1-{m}月完成固定资产投资{aa}亿元,工业投资增长{ga}%。", "重大项目按计划推进,完成投资{aa}亿元。"],
     "发改局"),
    ("实际利用外资{a}亿美元,引进亿元以上产业项目{k}个。",
     ["实际利用外资{aa}亿美元,引进亿元以上产业项目{ka}个。", "外资项目洽谈中,已签约{ka}个项目。"],
     "商务局"),
    ("新建改建中小学和幼儿园{k}所,新增学位{n}个。",
     ["{ka}所学校已开工建设,新增学位{na}个。", "新建学校主体结顶,新增学位{na}个,秋季开学投用。"],
     "教育局"),
    ("推进生活垃圾分类,生活垃圾回收利用率达到{p}%以上。",
     ["生活垃圾回收利用率达到{pa}%。", "完成垃圾分类示范小区创建{ka}个,回收利用率{pa}%。"],
     "城管局"),
    ("创建省级美丽河湖{k}条,新增绿地{a}万平方米。",
     ["已完成{ka}条美丽河湖创建,新增绿地{aa}万平方米。"],
     "生态环境分局"),
    ("深化“最多跑一次”改革,政务服务事项一网通办率达到{p}%。",
     ["政务服务事项一网通办率达到{pa}%,掌上办事实现全覆盖。", "持续推进改革,网办率{pa}%。"],
     "数据资源局"),
    ("新增规上工业企业{k}家,高新技术企业{n}家。",
     ["新增规上工业企业{ka}家,认定高新技术企业{na}家。"],
     "经信局"),
    ("建成社区卫生服务站{k}个,家庭医生签约率达到{p}%。",
     ["已建成社区卫生服务站{ka}个,家庭医生签约率{pa}%。"],
     "卫健局"),
    ("建设高标准农田{a}万亩,粮食播种面积稳定在{n}亩以上。",
     ["已建成高标准农田{aa}万亩,粮食播种面积{na}亩。", "高标准农田项目完成招标,正在施工。"],
     "农业农村局"),
    ("打造“15分钟文化圈”,新建城市书房{k}家。",
     ["新建城市书房{ka}家,举办文化活动{n}场。", "城市书房选址完成,正在装修。"],
     "文旅局"),
    ("开展安全生产专项整治,较大以上事故零发生。",
     ["开展专项检查{n}次,整改隐患{k}处,未发生较大以上事故。"],
     "应急管理局"),
]  # fmt: skip


def _numbers(rnd: random.Random, share: float) -> dict:
    n, k, a = rnd.randint(50, 2000), rnd.randint(2, 40), round(rnd.uniform(1, 80), 1)
    g, g2, p = round(rnd.uniform(3, 9), 1), round(rnd.uniform(2, 8), 1), rnd.randint(60, 99)
    return {
        "n": n, "k": k, "a": a, "g": g, "g2": g2, "p": p, "m": rnd.choice([3, 6, 9, 12]),
        "na": max(1, round(n * share)), "ka": max(1, round(k * share)),
        "aa": round(a * share, 1), "ga": round(g * rnd.uniform(0.8, 1.15), 1),
        "g2a": round(g2 * rnd.uniform(0.8, 1.15), 1), "pa": min(100, round(p * rnd.uniform(0.9, 1.05))),
    }  # fmt: skip


def county_name(i: int) -> str:
    return f"第{i + 1:04d}县"


def plan_tasks(county: int, tasks: int = 100, seed: int = 2021) -> list[tuple[str, list, str]]:
    """The county's promises: (section, (content template, progress templates, unit), numbers)."""
    rnd = random.Random(seed * 100_003 + county)
    out = []
    for i in range(tasks):
        section = SECTIONS[min(len(SECTIONS) - 1, i * len(SECTIONS) // tasks)]
        promise = PROMISES[rnd.randrange(len(PROMISES))]
        out.append((section, promise, _numbers(rnd, 1.0)))
    return out


def progress_text(promise, numbers: dict, quarter: int, rnd: random.Random) -> str:
    share = min(1.3, quarter / 4 * rnd.uniform(0.6, 1.3))
    figures = {**numbers, **{k: v for k, v in _numbers(rnd, share).items() if k.endswith("a")}}
    figures.update(
        na=max(1, round(numbers["n"] * share)),
        ka=max(1, round(numbers["k"] * share)),
        aa=round(numbers["a"] * share, 1),
        m=QUARTERS[quarter][1],
    )
    return rnd.choice(promise[1]).format(**figures)


def county_report(county: int, quarter: int = 4, year: int = 2021, tasks: int = 100):
    """One county's quarterly report as a ParsedReport, ready for store_report."""
    name = county_name(county)
    label, end_month = QUARTERS[quarter]
    rnd = random.Random(county * 10 + quarter)
    sections: dict[str, ParsedSection] = {}
    for seq, (section, promise, numbers) in enumerate(plan_tasks(county, tasks), start=1):
        number = f"({len(sections) + 1})" if section not in sections else ""
        parsed = sections.setdefault(section, ParsedSection(number=number, title=section))
        lead = f"{name}{promise[2]}"
        cooperating = [f"{name}{u}" for u in rnd.sample(UNITS, rnd.randint(0, 2))]
        parsed.tasks.append(
            ParsedTask(
                seq=seq,
                content=promise[0].format(**numbers),
                lead_units=[lead],
                cooperating_units=[u for u in cooperating if u != lead],
                progress=progress_text(promise, numbers, quarter, rnd),
                deadline=f"{year}年12月",
            )
        )
    title = f"{name}{year}年{label}《政府工作报告》主要目标任务完成情况"
    meta = ReportMeta(
        title=title,
        index_no=f"SYN{county:06d}/{year + (quarter == 4)}-{quarter:05d}",
        publisher=f"{name}人民政府办公室",
        published_on=f"{year + (quarter == 4)}-{(end_month % 12) + 1:02d}-15",
    )
    period = PeriodSpec(
        year=year, quarter=quarter, start_month=1, end_month=end_month, label=f"{year}年{label}"
    )
    return ParsedReport(
        meta=meta, sections=list(sections.values()), period=period, government=name,
        format="synthetic",
    )  # fmt: skip


def text_pool(size: int, seed: int = 7) -> list[tuple[str, str]]:
    """`size` distinct (task content, progress text) pairs, for bulk-loaded indexes."""
    rnd = random.Random(seed)
    pool = []
    for _ in range(size):
        promise = PROMISES[rnd.randrange(len(PROMISES))]
        numbers = _numbers(rnd, 1.0)
        pool.append(
            (promise[0].format(**numbers), progress_text(promise, numbers, rnd.randint(1, 4), rnd))
        )
    return pool
