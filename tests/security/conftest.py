import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each log-in here hashes a password; the production hasher's cost is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


from tests.quarter import other_government, quarter  # noqa: E402, F401 (fixtures)
