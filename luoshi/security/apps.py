from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "luoshi.security"
    label = "security"
    verbose_name = "登录安全"

    def ready(self):
        from luoshi.security import signals  # noqa: F401 (connects the log-in receivers)
        from luoshi.security.admin_readonly import make_domain_read_only

        make_domain_read_only()  # every admin has registered by now (admin's ready() ran)
