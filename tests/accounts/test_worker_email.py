import re

import pytest


@pytest.mark.worker
def test_sign_up_email_goes_through_a_real_worker_to_smtp(client, celery_worker, smtp_sink):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
            "display_name": "Newcomer",
        },
    )
    assert response.status_code == 302

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "new@example.org"
    assert "Confirm" in message["Subject"] or "confirm" in message["Subject"]
    text = smtp_sink.text(message)
    assert re.search(r"/accounts/confirm-email/[\w:-]+/", text)
