"""`make bench`: run every benchmark and print its figures."""

import importlib
import sys

BENCHMARKS = [
    "bench.bench_import",
    "bench.bench_portal",
    "bench.bench_assess",
    "bench.bench_segment",
    "bench.bench_scale",
]


def main(names):
    for name in names or BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            print(f"{name}: skipped ({exc})")
            continue
        print(f"== {name}")
        module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
