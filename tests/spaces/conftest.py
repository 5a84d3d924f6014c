import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a temporary folder, never the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
