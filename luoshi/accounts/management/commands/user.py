"""`luoshi user add NAME --role {admin,reviewer,reporter} [--unit UNIT] --password-file F`

The password comes from a file (or - for standard input) so it never shows in the shell
history or the process list."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from luoshi.accounts.models import Membership
from luoshi.audit.log import record
from luoshi.plans.models import Government, Unit


class Command(BaseCommand):
    help = "管理账号: luoshi user add NAME --role ROLE [--unit UNIT] --password-file F"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增账号")
        add.add_argument("name")
        add.add_argument("--role", required=True, choices=[r for r, _ in Membership.ROLES])
        add.add_argument("--unit", default="", help="填报人所属单位 (名称或别名)")
        add.add_argument("--government", default="", help="所属政府 (只有一个政府时可省略)")
        add.add_argument("--password-file", required=True, help="密码文件, - 为标准输入")
        sub.add_parser("list", help="列出账号")

    def handle(self, *args, **options):
        if options["action"] == "list":
            return self._list()
        return self._add(options)

    def _list(self):
        for m in Membership.objects.select_related("user", "government", "unit").order_by(
            "government__name", "role", "user__username"
        ):
            unit = m.unit.name if m.unit_id else ""
            self.stdout.write(f"{m.user.username}\t{m.government}\t{m.role}\t{unit}")

    def _government(self, name):
        if name:
            gov = Government.objects.filter(name=name).first()
            if gov is None:
                raise CommandError(f"没有名为 {name} 的政府")
            return gov
        govs = list(Government.objects.all()[:2])
        if len(govs) != 1:
            raise CommandError(
                "请用 --government 指定所属政府" if govs else "还没有政府: 先导入计划"
            )
        return govs[0]

    def _password(self, path):
        text = sys.stdin.read() if path == "-" else _read(path)
        password = text.strip("\r\n")
        if len(password) < 8:
            raise CommandError("密码至少 8 个字符")
        return password

    @transaction.atomic
    def _add(self, options):
        name, role = options["name"], options["role"]
        government = self._government(options["government"])
        unit = None
        if role == Membership.REPORTER:
            if not options["unit"]:
                raise CommandError("填报人须用 --unit 指定所属单位")
            unit = Unit.objects.named(government, options["unit"]).first()
            if unit is None:
                raise CommandError(f"{government} 没有单位 {options['unit']}")
        elif options["unit"]:
            raise CommandError("只有填报人属于单位")
        User = get_user_model()
        if User.objects.filter(username=name).exists():
            raise CommandError(f"账号 {name} 已存在")
        user = User.objects.create_user(name, password=self._password(options["password_file"]))
        membership = Membership.objects.create(
            user=user, government=government, role=role, unit=unit
        )
        record(
            "命令行",
            "user.added",
            membership,
            government=government,
            after={"user": name, "role": role, "unit": unit.name if unit else ""},
        )
        self.stdout.write(f"已新增账号 {name} ({membership.get_role_display()})")


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法读取密码文件 {path}: {exc.strerror}") from exc
