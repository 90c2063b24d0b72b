"""The pages a government site has: its footer, breadcrumbs, error pages in Chinese with
the site header, and an API page for people."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_footer_names_the_site_from_its_settings(client, seed_publication, settings):
    settings.LUOSHI_SITE = {"host": "", "code": "3301050001", "icp": "浙ICP备0000号", "psb": ""}
    html = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    footer = html[html.index('<footer class="site"') :]
    assert f"主办单位: {seed_publication.government.name}" in footer
    assert "网站标识码: 3301050001" in footer and "ICP备案" in footer
    assert "公安备案" not in footer  # not set, not shown


def test_breadcrumbs_link_back_to_the_government(client, seed_publication):
    html = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    crumbs = html[html.index('class="crumbs"') : html.index("</nav>", html.index('class="crumbs"'))]
    government = seed_publication.government
    assert f'href="/governments/#gov-{government.pk}"' in crumbs
    governments = client.get("/governments/").content.decode()
    assert f'id="gov-{government.pk}"' in governments


@pytest.mark.parametrize("path", ["/reports/999999/", "/no/such/page/", "/tasks/999999/"])
def test_a_missing_page_is_a_chinese_404_with_the_header_and_a_way_back(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and '<header class="site"' in html
    assert '<a href="/">返回首页</a>' in html


def test_a_refused_page_is_a_chinese_403_with_the_header(client, db):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    response = permission_denied(RequestFactory().get("/work/"), PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in html and '<header class="site"' in html


def test_a_server_error_is_a_chinese_500_with_the_header(client, db):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "系统暂时无法处理" in html and '<header class="site"' in html


def test_the_api_page_explains_the_api_with_examples(client, seed_publication):
    html = client.get("/api/").content.decode()
    assert "数据接口" in html and "/api/v1/openapi.json" in html
    assert "curl 'http://testserver/api/v1/tasks?unit=区住建局&amp;status=completed'" in html
    assert "&quot;is_current&quot;: true" in html


def test_every_page_links_the_governments_compare_and_api_pages(client, db):
    html = client.get("/").content.decode()
    nav = html[
        html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
    ]
    for href in ("/governments/", "/compare/", "/api/"):
        assert f'href="{href}"' in nav
