"""The supervision office's whole quarter in a real browser: a period refused for the
wrong year and as a duplicate, then opened; reminders by mail and group robot (a second
run the same day sends nothing); closing confirmed, reopened, closed again; one unit
given more time; 督办 escalated to red for the others; the review desk's filters and an
override the reporter then sees; publishing with 未报送 rows; one published row corrected
through review."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.test_quarter_walkthrough import PASSWORD, login
from tests.quarter import plan_of_year, task_led_only_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHORT = "完工公共停车泊位100个, 完成开工及续建2000个。"
DONE = "瓜山未来社区二期立面改造和景观提升工程已全面完成, 和睦未来社区数字化工程有序推进中。"
FIXED = "瓜山未来社区二期立面改造和景观提升工程已全面完成并通过验收。"


@pytest.fixture
def office(seed_publication, tmp_path):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD, encoding="utf-8")
    add = ["user", "add"]
    call_command(*add, "dcs", "--role", "admin", "--password-file", str(pw))
    call_command(*add, "shenhe", "--role", "reviewer", "--password-file", str(pw))
    call_command(
        *add, "zhujian", "--role", "reporter", "--unit", "区住建局", "--password-file", str(pw),
        "--full-name", "王建", "--phone", "0571-88001234", "--email", "zhujian@example.cn",
    )  # fmt: skip
    call_command(
        *add, "shangwu", "--role", "reporter", "--unit", "区商务局", "--password-file", str(pw),
        "--email", "shangwu@example.cn",
    )  # fmt: skip
    today = timezone.localdate()
    plan = plan_of_year(seed_publication.period.plan, today.year)
    return type("Office", (), {"seed": seed_publication, "plan": plan, "today": today})


def open_form(page, plan_id, year, quarter, deadline):
    page.locator("#id_plan").select_option(str(plan_id))
    page.get_by_label("年度", exact=True).fill(str(year))
    page.locator("#id_quarter").select_option(str(quarter))
    page.get_by_label("报送截止日期").fill(deadline.isoformat())
    page.get_by_role("button", name="开启报告期").click()
    page.wait_for_selector(".messages")


def units_told(robot, since=0):
    """The unit each robot message (after the first `since`) was about."""
    return [c.split(" ")[1].split(":")[0] for c in robot.contents()[since:]]


def press_remind(admin, live_server, period):
    admin.goto(f"{live_server.url}/work/periods/{period.pk}/")
    admin.get_by_role("button", name="发送催报督办").click()
    admin.wait_for_selector(".messages")


def test_the_office_runs_a_whole_quarter(browser, live_server, office, robot, mailoutbox):
    from luoshi.plans.models import Task
    from luoshi.progress import overdue
    from luoshi.progress.models import Period

    today, plan = office.today, office.plan
    quarter = (today.month - 1) // 3 + 1
    deadline = today + dt.timedelta(days=2)
    admin = login(browser, live_server, "dcs")

    # Open: the seed's 2021 plan is refused for this year, with the import offered.
    admin.goto(f"{live_server.url}/work/periods/")
    open_form(admin, office.seed.period.plan.pk, today.year, quarter, deadline)
    assert (
        f"是 2021 年的计划, 不能开启 {today.year} 年的报告期"
        in admin.locator(".messages").inner_text()
    )
    assert admin.locator("#offer-import a").is_visible()
    assert not Period.objects.filter(year=today.year).exists()
    open_form(admin, plan.pk, today.year, quarter, deadline)
    assert admin.locator("#period-status").inner_text() == "填报中"
    period = Period.objects.get(plan=plan)
    admin.goto(f"{live_server.url}/work/periods/")
    open_form(admin, plan.pk, today.year, quarter, deadline)
    assert "已存在, 当前「填报中」" in admin.locator(".messages").inner_text()
    assert Period.objects.filter(plan=plan).count() == 1

    # The government's group robot, then 催报: two days before the deadline every unit
    # with tasks not submitted is told once, by mail where a reporter has an address.
    admin.get_by_label("机器人地址").fill(robot.url)
    admin.get_by_label("加签密钥").fill("SEC-walk")
    admin.get_by_role("button", name="保存", exact=True).click()
    admin.wait_for_selector(".messages")
    late = sorted(u.unit.name for u in overdue.not_submitted(period))
    press_remind(admin, live_server, period)
    assert sorted(m.to[0] for m in mailoutbox) == ["shangwu@example.cn", "zhujian@example.cn"]
    assert all(m.subject.startswith("【催报】") for m in mailoutbox)
    assert sorted(units_told(robot)) == late
    assert all("sign" in query for query, _ in robot.messages)
    press_remind(admin, live_server, period)
    assert len(mailoutbox) == 2 and len(robot.messages) == len(late)
    assert admin.locator("#notices tr.notice-sent").count() == len(late) + 2

    # The reporter submits two tasks: 45 claims 序时推进 on a figure the engine calls 滞后.
    reporter = login(browser, live_server, "zhujian")
    for seq, text, own in [(45, SHORT, "序时推进"), (42, DONE, "")]:
        reporter.goto(f"{live_server.url}/work/tasks/")
        reporter.locator(f'li.task-item[data-seq="{seq}"] a').click()
        reporter.get_by_label("完成情况", exact=True).fill(text)
        if own:
            reporter.get_by_label("单位自评").select_option(label=own)
        reporter.get_by_role("button", name="提交审核").click()
        reporter.wait_for_url("**/work/tasks/")

    # Close (confirmed, naming who is still writing), reopen, close again.
    admin.goto(f"{live_server.url}/work/periods/{period.pk}/")
    admin.get_by_role("button", name="截止填报, 进入审核").click()
    assert "区商务局" in admin.locator("#close-warning").inner_text()
    admin.get_by_role("button", name="确认截止填报").click()
    admin.wait_for_selector("#period-status")
    assert admin.locator("#period-status").inner_text() == "审核中"
    admin.get_by_role("button", name="重新开放填报").click()
    admin.wait_for_selector(".messages")
    assert admin.locator("#period-status").inner_text() == "填报中"
    admin.get_by_role("button", name="截止填报, 进入审核").click()
    admin.get_by_role("button", name="确认截止填报").click()
    admin.wait_for_selector(".messages")

    # 区商务局 gets ten more days, with its reason.
    later = today + dt.timedelta(days=10)
    admin.get_by_label("延期单位").select_option(label="区商务局")
    admin.get_by_label("延期至").fill(later.isoformat())
    admin.get_by_label("延期理由").fill("机构调整, 材料待局党组审定")
    admin.get_by_role("button", name="延期", exact=True).click()
    admin.wait_for_selector("#extensions")
    assert "区商务局: 延至" in admin.locator("#extensions").inner_text()

    # Eight days on (the deadline moved back as time would): red 督办 for every unit still
    # late, and nothing for 区商务局, whose own deadline has not come.
    Period.objects.filter(pk=period.pk).update(deadline=today - dt.timedelta(days=8))
    period.refresh_from_db()
    told, mailed = len(robot.messages), len(mailoutbox)
    still_late = sorted(u.unit.name for u in overdue.overdue(period))
    assert "区商务局" not in still_late and "区住建局" in still_late
    press_remind(admin, live_server, period)
    assert sorted(units_told(robot, told)) == still_late
    assert all(c.startswith("【红色督办】") for c in robot.contents()[told:])
    assert [m.to for m in mailoutbox[mailed:]] == [["zhujian@example.cn"]]
    assert "王建 0571-88001234" in mailoutbox[-1].body

    # The review desk: 区住建局's contested rows only, then an override with its reason.
    reviewer = login(browser, live_server, "shenhe")
    reviewer.goto(f"{live_server.url}/work/review/{period.pk}/")
    reviewer.get_by_label("牵头单位").select_option(label="区住建局")
    reviewer.get_by_label("标记").select_option(value="1")
    reviewer.get_by_role("button", name="筛选").click()
    reviewer.wait_for_url("**flag=1**")
    assert reviewer.locator("li.queue-item").count() == 1
    reviewer.locator('li.queue-item[data-seq="45"] a').click()
    reviewer.locator("#id_override").select_option(label="改判为 序时推进")
    reviewer.get_by_label("改判理由").fill("春节停工, 3月已追回进度")
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.wait_for_selector(".messages")
    reviewer.get_by_role("button", name="批量通过勾选的任务").click()
    reviewer.wait_for_selector(".messages")
    reviewer.goto(f"{live_server.url}/work/review/{period.pk}/?state=approved")
    override = reviewer.locator('li.queue-item[data-seq="45"] .override').inner_text()
    assert "滞后 → 序时推进" in override and "shenhe" in override and "春节停工" in override
    assert reviewer.locator('li.queue-item[data-seq="42"]').count() == 1

    # The reporter sees the final class and why.
    reporter.goto(f"{live_server.url}/work/tasks/")
    reporter.locator('li.task-item[data-seq="45"] a').click()
    result = reporter.locator("#review-result").inner_text()
    assert "督查室改判为 序时推进" in result and "3月已追回进度" in result

    # Publish with the tasks not reported as 未报送 rows.
    admin.goto(f"{live_server.url}/work/periods/{period.pk}/publish/")
    admin.get_by_label(re.compile("以「未报送」列入公开报告")).check()
    admin.get_by_role("button", name="发布", exact=True).click()
    admin.wait_for_url("**/reports/*/")
    first_version = admin.url
    commerce = task_led_only_by(plan, "区商务局", not_involving=["区住建局"])
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(first_version)
    assert public.locator("tr.task").count() == plan.tasks.count()
    assert (
        public.locator(f'tr.task[data-seq="{commerce.seq}"] .unreported').inner_text() == "未报送"
    )

    # Correct 42 through review: from its published text, reviewed, then published.
    admin.goto(f"{live_server.url}/work/periods/{period.pk}/")
    admin.get_by_role("link", name="更正", exact=True).click()
    admin.locator('#published-rows li[data-seq="42"] a').click()
    assert admin.locator("#id_text").input_value() == DONE
    admin.locator("#id_text").fill(FIXED)
    admin.get_by_role("button", name="提交审核").click()
    admin.wait_for_selector("#correcting")
    public.goto(first_version)
    assert FIXED not in public.locator('tr.task[data-seq="42"]').inner_text()
    reviewer.goto(f"{live_server.url}/work/review/{period.pk}/")
    reviewer.locator('li.queue-item[data-seq="42"] a').click()
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.wait_for_selector(".messages")
    admin.reload()
    admin.locator("#id_publish_note").fill("任务42: 补充验收情况")
    admin.get_by_role("button", name="发布审核通过的更正").click()
    admin.wait_for_url("**/reports/*/")
    assert admin.url != first_version
    assert FIXED in admin.locator('tr.task[data-seq="42"]').inner_text()
    assert "任务42: 补充验收情况" in admin.content()
    assert Task.objects.filter(plan=plan).count() == admin.locator("tr.task").count()
