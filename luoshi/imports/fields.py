"""The fields a document's column can be mapped to, as the import pages and `luoshi import
--dry-run` name them."""

from luoshi.ingest.report import QUARTER_NAMES
from luoshi.ingest.tabular import FIELDS, MILESTONE_PREFIX

FIELD_LABELS = {
    "seq": "序号",
    "section": "项目名称 (板块)",
    "content": "主要工作内容",
    "lead_units": "牵头单位",
    "units": "责任单位 (第一个牵头)",
    "cooperating_units": "配合单位",
    "lead_officials": "牵头领导",
    "deadline": "完成时限",
    "progress": "完成情况",
    "completion_rate": "完成率",
    "remarks": "备注",
    **{f"{MILESTONE_PREFIX}{q}": f"{q}形象进度" for q in QUARTER_NAMES.values()},
    "ignore": "(不导入此列)",
}
FIELD_CHOICES = [
    ("ignore", FIELD_LABELS["ignore"]),
    *((f, FIELD_LABELS[f]) for f in FIELDS),
    *(
        (f"{MILESTONE_PREFIX}{q}", FIELD_LABELS[f"{MILESTONE_PREFIX}{q}"])
        for q in QUARTER_NAMES.values()
    ),
]
