from tests.quarter import other_government, quarter  # noqa: F401 (fixtures)
