"""The click counter a static copy of a report page calls: POST /reports/<id>/click.

A page published as a static file (luoshi.disclosure.static_site) is served without
luoshi, so it cannot count its own views; its script (luoshi/static/luoshi/clicks.js)
asks this endpoint, which counts the view once per call and answers the count including
it, as the seed's government CMS does with its 点击率 script call. Other origins (the
government's own 政府信息公开 platform) may call it when LUOSHI_COUNTER_ORIGINS lists them."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from luoshi.disclosure import edge
from luoshi.disclosure.models import Publication


def allowed_origin(origin: str | None) -> str | None:
    """The Access-Control-Allow-Origin to send for a request's Origin, if any."""
    origins = settings.LUOSHI_COUNTER_ORIGINS
    if not origin:
        return None
    if origin in origins:
        return origin
    return "*" if "*" in origins else None


@csrf_exempt  # a cross-site beacon with no session: nothing for a forged request to do
def report_click(request, pk):
    if request.method != "POST":
        response = _answer(request, {"error": "只接受 POST"}, status=405)
        response["Allow"] = "POST"
        return response
    clicks = None
    if Publication.objects.current().filter(pk=pk).exists():
        clicks = edge.add_view(pk)
    if clicks is None:  # no such report, or a version since corrected: not counted
        return _answer(request, {"error": "没有这份报告"}, status=404)
    return _answer(request, {"clicks": clicks})


def _answer(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    origin = allowed_origin(request.headers.get("Origin"))
    if origin:
        response["Access-Control-Allow-Origin"] = origin
    if settings.LUOSHI_COUNTER_ORIGINS:
        patch_vary_headers(response, ("Origin",))
    return response
