"""What a server process's first search query costs in query splitting: time and resident
memory of the first luoshi.search.segment.query_terms() call, each in a fresh process.

Where jieba is installed too (`pip install jieba`; not a dependency), the same for jieba with
its dictionary cache already written, and whether the two split every Han run of the seed,
the tests and the gold examples into the same words."""

import glob
import logging
import statistics
import subprocess
import sys
import tempfile

from bench.common import ROOT

FIRST_QUERY = """
import sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
import django.conf  # what every worker has loaded already
r0, t0 = rss(), time.perf_counter()
{run}
print(time.perf_counter() - t0, rss() - r0)
"""
LUOSHI = "from luoshi.search.segment import query_terms; query_terms('养老床位')"
JIEBA = """
import jieba, logging
jieba.setLogLevel(logging.WARNING)
tokenizer = jieba.Tokenizer()
tokenizer.tmp_dir = sys.argv[1]
tokenizer.lcut('养老床位', HMM=False)
"""


def _first_query(run: str, *args: str, repeat: int) -> tuple[float, float]:
    seconds, mib = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_QUERY.format(run=run), *args],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        seconds.append(float(out[0]))
        mib.append(float(out[1]))
    return statistics.median(seconds), statistics.median(mib)


def _han_runs() -> set[str]:
    from luoshi.search.segment import _runs

    files = [
        ROOT / "data" / "gongshu-2021q4.txt",
        ROOT / "tests" / "data" / "gold" / "examples.json",
    ]
    files += glob.glob(str(ROOT / "tests" / "**" / "*.py"), recursive=True)
    return {
        run
        for f in files
        for is_han, run in _runs(open(f, encoding="utf-8").read())  # noqa: SIM115
        if is_han
    }


def main(repeat=5):
    print(f"first query, median of {repeat} fresh processes:")
    t, m = _first_query(LUOSHI, repeat=repeat)
    print(f"  luoshi (rjieba)  {t * 1000:7.0f} ms  +{m:5.1f} MiB RSS")
    try:
        import jieba
    except ModuleNotFoundError:
        print("  jieba: not installed, not compared")
        return
    from luoshi.search.segment import cut

    with tempfile.TemporaryDirectory() as cache:
        _first_query(JIEBA, cache, repeat=1)  # writes the dictionary cache, as a server's first run
        t, m = _first_query(JIEBA, cache, repeat=repeat)
        print(f"  jieba            {t * 1000:7.0f} ms  +{m:5.1f} MiB RSS")
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = cache
        runs = _han_runs()
        differ = [r for r in sorted(runs) if tokenizer.lcut(r, HMM=False) != cut(r)]
    print(f"  words: {len(runs) - len(differ)} of {len(runs)} Han runs split the same")
    for run in differ[:10]:
        print(f"    {run}: jieba {tokenizer.lcut(run, HMM=False)} luoshi {cut(run)}")
