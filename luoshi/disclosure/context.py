"""What every public page's footer names: the site's 主办单位, 网站标识码 and its 备案 numbers
(settings.LUOSHI_SITE, from the environment)."""

from django.conf import settings


def site(request):
    return {"site": getattr(settings, "LUOSHI_SITE", {})}
