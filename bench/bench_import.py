"""How long importing the seed takes: read + assess + store, in one process."""

import os
import statistics
import time

from bench.common import SEED, scratch_env


def main(repeat=5):
    with scratch_env() as env:
        os.environ.update({k: env[k] for k in ("DATABASE_URL", "LUOSHI_VAR_DIR")})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction

        from luoshi.imports.importer import store_report
        from luoshi.ingest.detect import read_document

        call_command("migrate", verbosity=0)
        data = SEED.read_bytes()
        read_times, store_times = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            report = read_document(data, filename=SEED.name)
            t1 = time.perf_counter()
            with transaction.atomic():
                store_report(report)
                t2 = time.perf_counter()
                transaction.set_rollback(True)  # leave the database empty for the next round
            read_times.append(t1 - t0)
            store_times.append(t2 - t1)
        read_ms = statistics.median(read_times) * 1000
        store_ms = statistics.median(store_times) * 1000
        print(f"seed import ({len(report.tasks)} tasks), median of {repeat}:")
        print(f"  read    {read_ms:8.1f} ms")
        print(f"  store+assess {store_ms:8.1f} ms")
        print(f"  total   {read_ms + store_ms:8.1f} ms")


if __name__ == "__main__":
    main()
