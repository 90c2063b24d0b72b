"""The assessment engine: targets, reported figures, 序时进度 and the task's class, read
from the Chinese text alone. Pure Python; never imports Django."""

from .assess import assess
from .classify import STATUS_LABELS, STATUSES

__all__ = ["assess", "STATUSES", "STATUS_LABELS"]
