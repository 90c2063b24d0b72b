"""Requests per second of the seed's report page, served by `luoshi serve` (granian)."""

import concurrent.futures
import http.client
import json
import statistics
import time
from urllib.parse import urlsplit

from bench.common import SEED, luoshi, scratch_env, served


def hammer(url, clients, seconds):
    """`clients` keep-alive connections fetching `url` for `seconds`; returns latencies."""
    parts = urlsplit(url)
    deadline = time.monotonic() + seconds

    def client(_):
        latencies = []
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            conn.request("GET", parts.path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
            latencies.append(time.perf_counter() - t0)
        conn.close()
        return latencies

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, range(clients)))
    return [x for r in results for x in r]


def report(label, latencies, seconds):
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"  {label:<24} {len(latencies) / seconds:8.1f} req/s   "
        f"p50 {statistics.median(latencies) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
    )


def main(seconds=5):
    with scratch_env() as env:
        luoshi(env, "migrate", "--noinput")
        luoshi(env, "import", str(SEED))
        report_id = json.loads(luoshi(env, "reports", "--json").stdout)[0]["id"]
        with served(env) as (base, _):
            url = f"{base}/reports/{report_id}/"
            print(f"report page {url} ({seconds}s per run, granian, luoshi serve defaults):")
            for clients in (1, 8):
                report(f"{clients} client(s)", hammer(url, clients, seconds), seconds)


if __name__ == "__main__":
    main()
