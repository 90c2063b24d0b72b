"""How fast `luoshi assess` runs: 10,000 tasks through run_assess.

Tasks are synthetic but shaped like real ones: each picks a promise template (growth, count,
amount, share, qualitative) and a progress wording (met, short, pending, ongoing), with
random numbers and periods. Usage: .venv/bin/python bench/bench_assess.py [N]"""

from __future__ import annotations

import io
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from luoshi.textparse.cli import run_assess  # noqa: E402

CONTENTS = [
    "大力发展数字经济,实现规上工业增加值增长{a}%。",
    "地区生产总值增长{a}%左右,固定资产投资增长{b}%以上。",
    "全力推动回迁提速,完成{n}个安置房项目{m}万平方米主体结顶,开工配套设施项目{k}个、交付{j}个,回迁安置{p}户。",
    "出台就业创业政策,力争城镇新增就业{a}万人、失业人员再就业{p}人,培养高技能人才{k}人以上。",
    "实际利用外资{a}亿美元以上。",
    "85%以上依申请政务服务事项实现“一网通办”,掌上执法率达到{r}%以上。",
    "深化机关内部“最多跑一次”改革,优化营商环境“10+N”便利化改革举措。",
    "实现婴幼儿照护服务指导率、社区覆盖率和健康管理率“3个100%”,新增驿站{k}家。",
    "推进中共浙江省委机关旧址红色阵地建设,打造“24小时不打烊”美食体验潮玩地。",
    "创建省市级“美丽河湖”{n}条以上,新增绿地八十万平方米。",
]
PROGRESS = [
    "1-{mo}月,规上工业增加值增长{a}%。1-12月数据尚未出。",
    "已完成{n}个安置房项目{m}万平方米主体结顶,开工配套设施项目{k}个、交付{j}个,回迁安置{p}户。",
    "城镇新增就业{q}人,失业人员再就业{p}人,培养高技能人才{k}人。",
    "{mo}月政务服务事项一网通办率达到{r}%,掌上执法率{r}%。",
    "项目已建设完工,开馆。",
    "地铁恢复道路任务调整为14条,目前已完工2条道路,剩余12条道路因地铁交地推迟暂未完工。",
    "已完成19条省级美丽河道、11条市级美丽河道创建工作。新增绿地82.58万方。",
    "持续推进各项工作,完成两区平台融合,深化改革迭代升级系统功能,网办率100%。",
    "1-{mo}月,实际利用外资{a}亿美元。预计全年增长{b}%左右。",
    "新增驿站{k}家、托育机构16家,婴幼儿照护服务指导率、社区覆盖率和健康管理率100%。",
]


def make_tasks(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    lines = []
    for i in range(n):
        nums = {
            "a": round(rnd.uniform(1, 20), 1), "b": round(rnd.uniform(1, 12), 1),
            "n": rnd.randint(2, 60), "m": rnd.randint(10, 400), "k": rnd.randint(2, 90),
            "j": rnd.randint(2, 40), "p": rnd.randint(100, 9000), "q": rnd.randint(1000, 150000),
            "r": rnd.randint(60, 100), "mo": rnd.randint(1, 12),
        }  # fmt: skip
        content = rnd.choice(CONTENTS).format(**nums)
        progress = "".join(rnd.choice(PROGRESS).format(**nums) for _ in range(rnd.randint(1, 4)))
        task = {"id": f"bench-{i:05d}", "content": content, "status_text": progress,
                "as_of": f"2021-{rnd.choice([3, 6, 9, 12]):02d}"}  # fmt: skip
        lines.append(json.dumps(task, ensure_ascii=False))
    return lines


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = "\n".join(make_tasks(n)) + "\n"
    out, err = io.StringIO(), io.StringIO()
    t0 = time.perf_counter()
    run_assess(io.StringIO(data), out, err)
    dt = time.perf_counter() - t0
    assert len(out.getvalue().splitlines()) == n, "one output line per task"
    print(f"{n} tasks in {dt:.2f} s: {n / dt:,.0f} tasks/s (target: 10,000 in < 10 s)")


if __name__ == "__main__":
    main()
