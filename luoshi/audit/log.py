"""record(): the one way changes are written to the audit log.

Called inside the transaction that makes the change, so a change and its audit row are
committed (or rolled back) together."""

from luoshi.audit.models import AuditEvent

ACTION_LABELS = {
    "user.added": "新增账号",
    "user.contact_changed": "修改联系方式",
    "period.opened": "开启报告期",
    "period.reporting_started": "开始填报",
    "period.review_started": "截止填报, 进入审核",
    "period.reporting_reopened": "重新开放填报",
    "period.deadline_extended": "延期",
    "notice.sent": "发送催报督办",
    "notice.failed": "催报督办发送失败",
    "notice.returned": "发送退回通知",
    "notice.returned_failed": "退回通知发送失败",
    "webhook.changed": "设置群机器人",
    "progress.withdrawn": "撤回提交",
    "attachment.added": "上传佐证材料",
    "attachment.removed": "删除佐证材料",
    "progress.correction_started": "发起更正",
    "period.published": "发布",
    "period.corrected": "更正发布",
    "progress.saved": "保存草稿",
    "progress.submitted": "提交",
    "progress.returned": "退回",
    "progress.approved": "审核通过",
    "assessment.overridden": "改判评估类别",
    "publication.imported": "导入已发布报告",
    "login.succeeded": "登录",
    "login.failed": "登录失败",
    "login.locked": "登录锁定",
    "login.unlocked": "解除登录锁定",
    "logout": "退出登录",
    "password.changed": "修改密码",
    "password.reset": "重设密码",
    "government.updated": "修改政府设置",
}


def record(actor, action, obj=None, *, government=None, before=None, after=None, note=""):
    if government is None and obj is not None:
        government = _government_of(obj)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        government=government,
        before=before,
        after=after,
        note=note,
    )


def _name(actor):
    if actor is None:
        return "系统"
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def _government_of(obj):
    for path in ("government", "plan.government", "period.plan.government"):
        value = obj
        try:
            for attr in path.split("."):
                value = getattr(value, attr)
        except AttributeError:
            continue
        return value
    return None
