"""The assessment engine: targets, reported figures, 序时进度 and the task's class, read
from the Chinese text alone. Pure Python; never imports Django."""

from .assess import assess
from .classify import CLASS_CHOICES, CLASS_LABELS, CLASSES, class_counts
from .schedule import schedule_percent

__all__ = ["assess", "CLASSES", "CLASS_LABELS", "CLASS_CHOICES", "class_counts", "schedule_percent"]
