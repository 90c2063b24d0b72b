from tests.quarter import quarter  # noqa: F401 (fixture)
