from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from luoshi.security import lockout


class LoginForm(AuthenticationForm):
    """The back office's log-in: a locked account or address is told so, and until when."""

    locked_message = ""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        until = lockout.locked_until(username, lockout.address_of(self.request))
        if until is not None:
            minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
            # Counted as a failed attempt (audited), not as one more towards a lockout.
            lockout.failed(username, lockout.address_of(self.request))
            self.locked_message = (
                f"登录失败次数过多, 已锁定, 请 {minutes} 分钟后再试, 或请督查室管理员解除锁定。"
            )
            raise ValidationError(self.locked_message, code="locked")
        return super().clean()
