"""A whole quarter in a real browser: the admin opens 2022 Q1 for the seed's plan, the
住建局 reporter submits two tasks (one with a figure short of schedule), the reviewer sees
the disagreement, returns it, approves the other and then the resubmitted one, the admin
publishes, and the public sees the new report with its index number next to 2021 Q4."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.quarter import plan_of_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quarter-walk-2022"
SHORT = "1-3月, 完工公共停车泊位100个, 完成开工及续建2000个。"
REASON = "一季度受春节和疫情影响, 开工推迟, 二季度加快推进。"
DONE = "瓜山未来社区二期立面改造和景观提升工程已全面完成, 和睦未来社区数字化工程有序推进中。"


@pytest.fixture
def accounts(seed_publication, tmp_path):
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD, encoding="utf-8")
    pw = str(password_file)
    call_command("user", "add", "dcs", "--role", "admin", "--password-file", pw)
    call_command("user", "add", "shenhe", "--role", "reviewer", "--password-file", pw)
    call_command(
        "user", "add", "zhujian", "--role", "reporter", "--unit", "区住建局", "--password-file", pw
    )
    plan_of_year(seed_publication.period.plan, 2022)  # the year's plan, as its import stores it
    return seed_publication


def login(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/work/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    # An account made by `luoshi user add` chooses its own password at its first log-in.
    page.wait_for_url("**/accounts/password/**")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill(f"{PASSWORD}-own")
    page.locator("#id_new_password2").fill(f"{PASSWORD}-own")
    page.get_by_role("button", name="修改密码").click()
    page.wait_for_url("**/work/**")
    return page


def open_task(page, live_server, seq):
    page.goto(f"{live_server.url}/work/tasks/")
    page.locator(f'li.task-item[data-seq="{seq}"] a').click()
    page.wait_for_selector("#progress-form")


def review(page, live_server, period_id, seq):
    page.goto(f"{live_server.url}/work/review/{period_id}/")
    item = page.locator(f'li.queue-item[data-seq="{seq}"]')
    item.locator("a").click()
    page.wait_for_selector("#highlighted")
    return item


def test_a_whole_quarter_from_opening_to_the_public_page(browser, live_server, accounts):
    from luoshi.progress.models import Period

    # The admin opens 2022 Q1 for the seed's plan.
    admin = login(browser, live_server, "dcs")
    admin.goto(f"{live_server.url}/work/periods/")
    admin.get_by_label("年度", exact=True).fill("2022")
    admin.get_by_label("季度", exact=True).select_option(label="一季度")
    admin.get_by_label("报送截止日期").fill("2022-03-25")
    admin.get_by_role("button", name="开启报告期").click()
    admin.wait_for_selector("#period-status")
    assert admin.locator("#period-status").inner_text() == "填报中"
    period = Period.objects.get(year=2022, quarter=1)

    # The reporter writes task 45 with a figure short of schedule, claiming 序时推进; the
    # live preview already proposes 滞后 and says why.
    reporter = login(browser, live_server, "zhujian")
    open_task(reporter, live_server, 45)
    assert "上期已公开情况" in reporter.content()
    reporter.get_by_label("完成情况", exact=True).fill(SHORT)
    reporter.get_by_label("单位自评").select_option(label="序时推进")
    # (A locator, not wait_for_function: that evaluates a string, which the portal's CSP
    # forbids as it forbids every eval.)
    reporter.locator("#pv-status", has_text="滞后").wait_for()
    assert "低于序时进度25%" in reporter.locator("#pv-flag").inner_text()
    reporter.get_by_role("button", name="提交审核").click()
    reporter.wait_for_url("**/work/tasks/")
    open_task(reporter, live_server, 42)
    reporter.get_by_label("完成情况", exact=True).fill(DONE)
    reporter.get_by_role("button", name="提交审核").click()
    reporter.wait_for_url("**/work/tasks/")

    # The reviewer sees the flag on 45 and returns it; 42 has none and is approved.
    reviewer = login(browser, live_server, "shenhe")
    reviewer.goto(f"{live_server.url}/work/review/{period.pk}/")
    flagged = reviewer.locator('li.queue-item[data-seq="45"]')
    assert "contested" in flagged.get_attribute("class")
    assert "不一致" in flagged.inner_text()
    assert "contested" not in reviewer.locator('li.queue-item[data-seq="42"]').get_attribute(
        "class"
    )
    review(reviewer, live_server, period.pk, 45)
    assert reviewer.locator("#flag").is_visible()
    assert reviewer.locator("mark.figure").first.inner_text() == "完工公共停车泊位100个"
    reviewer.get_by_label("退回意见").fill("请说明滞后原因并如实自评")
    reviewer.get_by_role("button", name="退回修改").click()
    reviewer.wait_for_selector(".messages")
    review(reviewer, live_server, period.pk, 42)
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.wait_for_selector(".messages")

    # The reporter sees the comment, explains, resubmits.
    open_task(reporter, live_server, 45)
    assert "请说明滞后原因并如实自评" in reporter.locator(".returned").inner_text()
    reporter.get_by_label("完成情况", exact=True).fill(SHORT + REASON)
    reporter.get_by_label("单位自评").select_option(label="滞后")
    reporter.get_by_role("button", name="提交审核").click()
    reporter.wait_for_url("**/work/tasks/")

    # The reviewer approves the resubmission: self-assessment and engine now agree.
    reviewer.goto(f"{live_server.url}/work/review/{period.pk}/")
    assert "contested" not in reviewer.locator('li.queue-item[data-seq="45"]').get_attribute(
        "class"
    )
    review(reviewer, live_server, period.pk, 45)
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.wait_for_selector(".messages")
    assert "已审核通过" in reviewer.locator(".messages").inner_text()

    # The admin publishes the approved rows.
    admin.goto(f"{live_server.url}/work/periods/{period.pk}/publish/")
    admin.get_by_label("确认只发布已审核通过的 2 项").check()
    admin.get_by_role("button", name="发布").click()
    admin.wait_for_url("**/reports/*/")

    # The public: the new report with its index number, next to 2021 Q4. Published today,
    # so the index number carries this year and the government's next serial for it.
    today = timezone.localdate()
    serial = 22823 if today.year == 2022 else 1  # the seed used 22822 of 2022
    index_no = f"K1493206-6/{today.year}-{serial:05d}"
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(admin.url)
    assert public.get_by_text(index_no).first.is_visible()
    assert public.locator("tr.task").count() == 2
    assert SHORT + REASON in public.locator('tr.task[data-seq="45"]').inner_text()
    public.goto(f"{live_server.url}/")
    titles = public.locator("ul.reports li").all_inner_texts()
    assert any("2022年一季度" in t and index_no in t for t in titles)
    assert any("2021年四季度" in t and "K1493206-6/2022-22822" in t for t in titles)
