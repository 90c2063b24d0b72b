import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
application = get_wsgi_application()

# Report pages from the cache, their views still counted one by one (luoshi/pagecache).
from luoshi.pagecache.wsgi import wrap  # noqa: E402

application = wrap(application)

# `luoshi serve` runs granian without its access log and sets LUOSHI_ACCESS_LOG=1 (or 0):
# this layer, outermost, writes the line of every request (luoshi.pagecache.accesslog).
if os.environ.get("LUOSHI_ACCESS_LOG") == "1":
    from luoshi.pagecache.accesslog import AccessLog  # noqa: E402

    application = AccessLog(application)

# Last, once everything the worker keeps is loaded: out of the full collections' way.
from luoshi.startup import freeze_loaded_objects  # noqa: E402

freeze_loaded_objects()
