"""The OpenAPI 3.1 document of /api/v1/ (served at /api/v1/openapi.json)."""

from luoshi.textparse import CLASSES

_STR = {"type": "string"}
_INT = {"type": "integer"}
_NUM_OR_NULL = {"type": ["number", "null"]}


def _page_of(ref):
    return {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "previous", "results"],
        "properties": {
            "count": _INT,
            "page": _INT,
            "page_size": _INT,
            "next": {"type": ["string", "null"]},
            "previous": {"type": ["string", "null"]},
            "results": {"type": "array", "items": {"$ref": ref}},
        },
    }


def _query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _ok(ref, description):
    return {
        "200": {"description": description, "content": {"application/json": {"schema": ref}}},
    }


_PAGING = [
    _query("page", {"type": "integer", "minimum": 1}, "页码, 从 1 起"),
    _query("page_size", {"type": "integer", "minimum": 1, "maximum": 200}, "每页条数, 默认 50"),
]
_NOT_FOUND = {
    "404": {
        "description": "不存在",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
}

_PAST_THE_END = {
    "404": {
        "description": "页码超出最后一页",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
}

COMPARISON = {
    "type": "object",
    "required": ["target", "target_value", "actual_value", "unit", "percent"],
    "properties": {
        "target": _STR,
        "target_value": _NUM_OR_NULL,
        "actual_value": _NUM_OR_NULL,
        "unit": _STR,
        "percent": {"type": ["integer", "null"]},
        "trend": {"type": ["string", "null"], "enum": ["up", "down", "same", None]},
    },
}

_ID_OR_NULL = {"type": ["integer", "null"]}

REPORT = {
    "type": "object",
    "required": [
        "id",
        "title",
        "government",
        "period",
        "index_no",
        "published_on",
        "url",
        "version",
        "is_current",
        "supersedes",
        "superseded_by",
    ],
    "properties": {
        "id": _INT,
        "version": {"type": "integer", "minimum": 1, "description": "版本, 更正一次加 1"},
        "is_current": {"type": "boolean", "description": "是否为最新版本 (未被更正)"},
        "supersedes": {**_ID_OR_NULL, "description": "本版本更正的上一版本的报告编号"},
        "superseded_by": {**_ID_OR_NULL, "description": "更正本版本的新版本的报告编号"},
        "title": _STR,
        "government": _STR,
        "period": _STR,
        "year": _INT,
        "index_no": _STR,
        "publisher": _STR,
        "disclosure_method": _STR,
        "disclosure_scope": _STR,
        "disclosure_term": _STR,
        "doc_no": _STR,
        "generated_on": _STR,
        "published_on": _STR,
        "written_on": {**_STR, "description": "成文日期 (页面未给出时为空)"},
        "issued_on": {**_STR, "description": "发文日期"},
        "disclosed_on": {**_STR, "description": "公开日期"},
        "disclosure_form": {**_STR, "description": "公开形式"},
        "disclosure_dept": {**_STR, "description": "公开责任部门"},
        "file_name": {**_STR, "description": "文件名称"},
        "validity": {**_STR, "description": "有效性"},
        "url": _STR,
        "tasks": _STR,
    },
}

REPORT_DETAIL = {
    "allOf": [{"$ref": "#/components/schemas/Report"}],
    "type": "object",
    "required": ["total", "classes", "sections", "versions"],
    "properties": {
        "total": _INT,
        "versions": {
            "type": "array",
            "description": "同一报告的各版本, 从第 1 版起",
            "items": {
                "type": "object",
                "required": ["id", "version", "published_on", "url"],
                "properties": {
                    "id": _INT,
                    "version": _INT,
                    "published_on": _STR,
                    "correction_note": _STR,
                    "url": _STR,
                },
            },
        },
        "classes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["status", "label", "count"],
                "properties": {"status": _STR, "label": _STR, "count": _INT},
            },
        },
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "heading"],
                "properties": {"id": _INT, "heading": _STR},
            },
        },
    },
}

TASK_ROW = {
    "type": "object",
    "required": [
        "task_id",
        "report_id",
        "report_version",
        "report_is_current",
        "period",
        "seq",
        "section",
        "content",
        "lead_units",
        "status_text",
        "status",
        "status_label",
        "unreported",
        "comparisons",
        "url",
    ],
    "properties": {
        "task_id": _INT,
        "report_id": _INT,
        "report_version": _INT,
        "report_is_current": {"type": "boolean"},
        "period": _STR,
        "seq": _INT,
        "section": _STR,
        "content": _STR,
        "lead_units": {"type": "array", "items": _STR},
        "cooperating_units": {"type": "array", "items": _STR},
        "status_text": _STR,
        "status": {"type": ["string", "null"], "enum": [*CLASSES, None]},
        "status_label": _STR,
        "unreported": {"type": "boolean", "description": "未报送: 单位未报送, 督查室发布时列入"},
        "targets": {"type": "array", "items": {"type": "object"}},
        "actuals": {"type": "array", "items": {"type": "object"}},
        "comparisons": {"type": "array", "items": {"$ref": "#/components/schemas/Comparison"}},
        "url": _STR,
        "history": _STR,
    },
}

QUARTER = {
    "type": "object",
    "required": ["period", "as_of", "report_id", "status", "status_text", "comparisons"],
    "properties": {
        "period": _STR,
        "as_of": _STR,
        "report_id": {"type": ["integer", "null"]},
        "status": {"type": ["string", "null"]},
        "status_label": _STR,
        "status_text": _STR,
        "schedule_percent": {"type": "number"},
        "text_changed": {"type": "boolean"},
        "comparisons": {"type": "array", "items": {"$ref": "#/components/schemas/Comparison"}},
    },
}

TASK = {
    "type": "object",
    "required": ["id", "seq", "section", "content", "lead_units", "history"],
    "properties": {
        "id": _INT,
        "seq": _INT,
        "plan": _STR,
        "year": _INT,
        "government": _STR,
        "section": _STR,
        "content": _STR,
        "lead_units": {"type": "array", "items": _STR},
        "cooperating_units": {"type": "array", "items": _STR},
        "deadline": _STR,
        "url": _STR,
        "history": {"type": "array", "items": {"$ref": "#/components/schemas/Quarter"}},
    },
}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "落实 · 政府工作报告任务落实情况 公开数据接口",
            "version": "1.0.0",
            "description": (
                "只读接口: 已公开的报告、各项任务 (可按报告、板块、牵头单位、评估类别、关键词筛选)"
                " 和任务各季度情况。更正后的报告只列最新版本, 旧版本见报告的 versions。"
                " 每个接口也接受 HEAD; JSON 为 UTF-8, 中文不转义。"
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/reports": {
                "get": {
                    "operationId": "listReports",
                    "summary": "已公开的报告 (每份报告只列最新版本)",
                    "parameters": _PAGING,
                    "responses": {
                        **_ok({"$ref": "#/components/schemas/ReportPage"}, "报告列表"),
                        **_PAST_THE_END,
                    },
                }
            },
            "/reports/{id}": {
                "get": {
                    "operationId": "getReport",
                    "summary": "一份报告的公开信息和各类别任务数",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": _INT}],
                    "responses": {
                        **_ok({"$ref": "#/components/schemas/ReportDetail"}, "报告"),
                        **_NOT_FOUND,
                    },
                }
            },
            "/tasks": {
                "get": {
                    "operationId": "listTasks",
                    "summary": "已公开报告中的任务",
                    "parameters": [
                        _query("report", _INT, "报告编号"),
                        _query("section", _INT, "板块编号 (见报告的 sections)"),
                        _query("unit", _STR, "牵头单位名称, 如 区住建局"),
                        _query("status", {"type": "string", "enum": list(CLASSES)}, "评估类别"),
                        _query("q", _STR, "关键词 (中文分词全文检索), 如 电梯"),
                        *_PAGING,
                    ],
                    "responses": {
                        **_ok({"$ref": "#/components/schemas/TaskPage"}, "任务列表"),
                        **_PAST_THE_END,
                        "400": {
                            "description": "参数有误",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    },
                }
            },
            "/tasks/{id}": {
                "get": {
                    "operationId": "getTask",
                    "summary": "一项任务及其各季度完成情况",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": _INT}],
                    "responses": {
                        **_ok({"$ref": "#/components/schemas/Task"}, "任务"),
                        **_NOT_FOUND,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Report": REPORT,
                "ReportDetail": REPORT_DETAIL,
                "ReportPage": _page_of("#/components/schemas/Report"),
                "TaskRow": TASK_ROW,
                "TaskPage": _page_of("#/components/schemas/TaskRow"),
                "Comparison": COMPARISON,
                "Quarter": QUARTER,
                "Task": TASK,
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": _STR},
                },
            }
        },
    }
