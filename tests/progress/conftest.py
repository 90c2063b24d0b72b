from tests.quarter import other_government, quarter  # noqa: F401 (fixtures)
from tests.robot import robot  # noqa: F401 (fixture)
