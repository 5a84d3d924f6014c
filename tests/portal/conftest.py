import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Persona passwords are hashed with a fast hasher: PBKDF2 costs ~0.3 s a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
