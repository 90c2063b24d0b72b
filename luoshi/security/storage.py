"""A full disk, told apart from other storage errors: the person saving gets a clear message
and keeps what they typed, instead of a 500 that loses it."""

import errno

DISK_FULL_MESSAGE = (
    "服务器磁盘已满, 未能保存。您填写的内容仍在下方, 请复制留存, 稍后再试或联系管理员。"
)
_SAID = ("database or disk is full", "no space left on device", "disk full")


def disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc).lower()
    return any(s in text for s in _SAID)
