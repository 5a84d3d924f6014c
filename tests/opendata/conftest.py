import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from opendata.activities import activity_id_for
from opendata.models import ActivityMapping
from tests.events.factories import EventFactory

WALKING = activity_id_for("Walking")


@pytest.fixture
def walking(db):
    """The site's "walking" interest means OpenActive's Walking."""
    return ActivityMapping.objects.create(tag="walking", activity_id=WALKING)


@pytest.fixture
def stamped(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the feeds' change stamps) as it would in production."""

    def run(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return run


@pytest.fixture
def walk(walking, stamped):
    """A published weekly walk: approved, in a place, tagged with a mapped interest."""
    return stamped(
        lambda: EventFactory(title="Canal walk", recurrence="weekly", tags=["walking", "outdoors"])
    )


class Publisher:
    """Pages by path; each a JSON-able object or raw bytes."""

    def __init__(self):
        self.pages: dict[str, object] = {}
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                page = pages.get(self.path)
                if page is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = page if isinstance(page, bytes) else json.dumps(page).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def publisher():
    served = Publisher()
    yield served
    served.server.shutdown()
    served.server.server_close()
