"""What a serving process does once its application is loaded (luoshi/wsgi.py)."""

import gc


def freeze_loaded_objects() -> None:
    """Take every object alive now out of the garbage collector's full collections.

    A loaded worker holds ~67,000 tracked objects that live as long as it does (modules,
    settings, the app registry, URL patterns, psycopg's type adapters). Python's full
    (oldest-generation) collection walks all of them, 24-53 ms on this machine, and a
    search allocating 200 hits set one off every ~60 searches: that pause was the p99 of a
    search over 1M rows (docs/performance.md, "Search"). Frozen, they are never walked
    again, so a full collection only looks at what requests made. They are never freed
    either, which is what they would have been anyway. Garbage left by the start-up is
    collected first, so none of it is frozen."""
    gc.collect()
    gc.freeze()
