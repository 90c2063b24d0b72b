import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
application = get_wsgi_application()

# Report pages from the cache, their views still counted one by one (luoshi/pagecache).
from luoshi.pagecache.wsgi import wrap  # noqa: E402

application = wrap(application)
