"""Pages of the matching app (mounted at /help/): thin views that call the services.

One module per group of pages, every view re-exported here for the URLconf:

- ``home``: the home page;
- ``requests``: a member's needs and offers (ask, offer, see, edit, pause, resume,
  withdraw) and the page listing all of theirs;
- ``matches``: a match's page, answering it (signed in or from the email link), reporting it;
- ``schemes``: the support schemes anyone can browse;
- ``campaigns``: leaving campaign emails;
- ``common``: glue the pages share (the two kinds of request, the member's own rows).
"""

from .campaigns import unsubscribe
from .home import index
from .matches import match_answer, match_detail, match_report_view, respond
from .requests import (
    mine,
    request_create,
    request_detail,
    request_edit,
    request_pause,
    request_resume,
    request_withdraw,
)
from .schemes import scheme_detail, scheme_list

__all__ = [
    "index",
    "match_answer",
    "match_detail",
    "match_report_view",
    "mine",
    "request_create",
    "request_detail",
    "request_edit",
    "request_pause",
    "request_resume",
    "request_withdraw",
    "respond",
    "scheme_detail",
    "scheme_list",
    "unsubscribe",
]
