"""`luoshi user add NAME --role {admin,reviewer,reporter} [--unit UNIT] --password-file F`

The password comes from a file (or - for standard input) so it never shows in the shell
history or the process list."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luoshi.accounts import people
from luoshi.accounts.models import Membership
from luoshi.plans.models import Government
from luoshi.security import lockout


class Command(BaseCommand):
    help = (
        "管理账号: luoshi user add NAME --role ROLE [--unit UNIT] --password-file F; "
        "luoshi user unlock NAME"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增账号")
        add.add_argument("name")
        add.add_argument("--role", required=True, choices=[r for r, _ in Membership.ROLES])
        add.add_argument("--unit", default="", help="填报人所属单位 (名称或别名)")
        add.add_argument("--government", default="", help="所属政府 (只有一个政府时可省略)")
        add.add_argument("--password-file", required=True, help="密码文件, - 为标准输入")
        add.add_argument("--full-name", default="", help="姓名")
        add.add_argument("--phone", default="", help="电话")
        add.add_argument("--email", default="", help="邮箱 (催报督办通知)")
        sub.add_parser("list", help="列出账号")
        unlock = sub.add_parser("unlock", help="解除登录锁定 (账号或 --address 地址)")
        unlock.add_argument("name", nargs="?", default="")
        unlock.add_argument("--address", default="", help="解除某个地址的锁定")

    def handle(self, *args, **options):
        if options["action"] == "list":
            return self._list()
        if options["action"] == "unlock":
            return self._unlock(options["name"], options["address"])
        return self._add(options)

    def _list(self):
        for m in Membership.objects.select_related("user", "government", "unit").order_by(
            "government__name", "role", "user__username"
        ):
            unit = m.unit.name if m.unit_id else ""
            self.stdout.write(f"{m.user.username}\t{m.government}\t{m.role}\t{unit}")

    def _unlock(self, name, address):
        if bool(name) == bool(address):
            raise CommandError("请给出账号名, 或用 --address 给出地址 (二者选一)")
        if lockout.unlock("命令行", username=name, address=address):
            self.stdout.write(f"已解除 {name or address} 的登录锁定")
        else:
            self.stdout.write(f"{name or address} 没有被锁定")

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
        return text.strip("\r\n")  # judged by the password validators in add_account

    def _add(self, options):
        if options["role"] == "reporter" and not options["unit"]:
            raise CommandError("填报人须用 --unit 指定所属单位")
        government = self._government(options["government"])
        password = self._password(options["password_file"])
        try:
            membership = people.add_account(
                "命令行",
                government,
                options["name"],
                options["role"],
                options["unit"],
                password,
                full_name=options["full_name"],
                phone=options["phone"],
                email=options["email"],
            )
        except people.PeopleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已新增账号 {options['name']} ({membership.get_role_display()})")


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法读取密码文件 {path}: {exc.strerror}") from exc
