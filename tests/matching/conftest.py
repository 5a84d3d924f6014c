import pytest

from .factories import medication, phone_chat, shopping


@pytest.fixture
def kinds(db):
    """The three kinds the service started with: shopping, medication, a phone chat."""
    return {"shopping": shopping(), "medication": medication(), "chat": phone_chat()}


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (tasks, eagerly) of whatever the block does, repeatedly:
    tasks queue more tasks (a match queues its emails)."""

    class Runner:
        def __call__(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Runner()
