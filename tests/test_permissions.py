"""Every routed URL × every persona → the status a GET gets (the pretix way; issue 11,
"Done when"). The list is checked against the URL resolver, so a new URL without a row
fails ``test_every_routed_url_has_a_row``.

Personas: ``anonymous``; ``member``, the other person in the owner's match and pioneer
message; ``owner``, who owns every object in ``tests.submissions.world``; ``other``, a
member with nothing to do with any of it; ``staff``. 302 for anonymous is "sent to log in"
(checked), 405 is "POST only", 404 hides what a person may not see.

The staff site (``admin:``) is one row per kind of page, checked on every model it lists:
anonymous visitors are sent to log in, members are refused, staff get the page.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from events.services.feeds import personal_calendar_get
from matching.services.campaigns import unsubscribe_token_make
from matching.services.matches import response_token_make
from opendata.services.openreferral import hsds_id
from participation.models import NoticeKind
from participation.services.notifications import (
    unsubscribe_token_make as notice_token_make,
)

from .submissions import world as make_world

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "member", "owner", "other", "staff")

# name → (path for the world w, statuses for anonymous, member, owner, other, staff)
ROWS = {
    "home": (lambda w: "/", (200, 200, 200, 200, 200)),
    "near": (lambda w: "/near/?postcode=M4+6DE", (200, 200, 200, 200, 200)),
    "about-data": (lambda w: "/about/data/", (200, 200, 200, 200, 200)),
    "healthz": (lambda w: "/healthz", (200, 200, 200, 200, 200)),
    "robots-txt": (lambda w: "/robots.txt", (200, 200, 200, 200, 200)),
    # The staff's moderation queue (an admin view: members are sent to the staff log-in,
    # which refuses them).
    "moderation-queue": (lambda w: "/admin/moderation/", (302, 302, 302, 302, 200)),
    "moderation-decide": (lambda w: "/admin/moderation/decide/", (302, 302, 302, 302, 405)),
    # Accounts (ours and allauth's).
    "accounts:profile": (lambda w: "/accounts/profile/", (302, 200, 200, 200, 200)),
    "accounts:delete": (lambda w: "/accounts/profile/delete/", (302, 200, 200, 200, 200)),
    "account_login": (lambda w: "/accounts/login/", (200, 302, 302, 302, 302)),
    "account_logout": (lambda w: "/accounts/logout/", (302, 200, 200, 200, 200)),
    "account_inactive": (lambda w: "/accounts/inactive/", (200, 200, 200, 200, 200)),
    "account_signup": (lambda w: "/accounts/signup/", (200, 302, 302, 302, 302)),
    "account_reauthenticate": (
        lambda w: "/accounts/reauthenticate/",
        (302, 200, 200, 200, 200),
    ),
    "account_request_reauthentication_code": (
        lambda w: "/accounts/reauthenticate/code/",
        (302, 200, 200, 200, 200),
    ),
    "account_confirm_reauthentication_code": (
        lambda w: "/accounts/reauthenticate/code/confirm/",
        (302, 302, 302, 302, 302),
    ),
    "account_email": (lambda w: "/accounts/email/", (302, 200, 200, 200, 200)),
    "account_email_verification_sent": (
        lambda w: "/accounts/confirm-email/",
        (200, 200, 200, 200, 200),
    ),
    "account_confirm_email": (
        lambda w: "/accounts/confirm-email/not-a-key/",
        (200, 200, 200, 200, 200),
    ),
    "account_change_password": (
        lambda w: "/accounts/password/change/",
        (302, 200, 200, 200, 200),
    ),
    "account_set_password": (lambda w: "/accounts/password/set/", (302, 302, 302, 302, 302)),
    "account_reset_password": (lambda w: "/accounts/password/reset/", (200, 200, 200, 200, 200)),
    "account_reset_password_done": (
        lambda w: "/accounts/password/reset/done/",
        (200, 200, 200, 200, 200),
    ),
    "account_reset_password_from_key": (
        lambda w: "/accounts/password/reset/key/1-not-a-key/",
        (200, 200, 200, 200, 200),
    ),
    "account_reset_password_from_key_done": (
        lambda w: "/accounts/password/reset/key/done/",
        (200, 200, 200, 200, 200),
    ),
    "account_confirm_login_code": (
        lambda w: "/accounts/login/code/confirm/",
        (302, 302, 302, 302, 302),
    ),
    "mfa_index": (lambda w: "/accounts/2fa/", (302, 200, 200, 200, 200)),
    "mfa_authenticate": (lambda w: "/accounts/2fa/authenticate/", (302, 302, 302, 302, 302)),
    "mfa_reauthenticate": (
        lambda w: "/accounts/2fa/reauthenticate/",
        (302, 302, 302, 302, 302),
    ),
    "mfa_activate_totp": (
        lambda w: "/accounts/2fa/totp/activate/",
        (302, 302, 302, 302, 302),
    ),
    "mfa_deactivate_totp": (
        lambda w: "/accounts/2fa/totp/deactivate/",
        (302, 404, 404, 404, 404),
    ),
    "mfa_view_recovery_codes": (
        lambda w: "/accounts/2fa/recovery-codes/",
        (302, 404, 404, 404, 404),
    ),
    "mfa_generate_recovery_codes": (
        lambda w: "/accounts/2fa/recovery-codes/generate/",
        (302, 302, 302, 302, 302),
    ),
    "mfa_download_recovery_codes": (
        lambda w: "/accounts/2fa/recovery-codes/download/",
        (302, 404, 404, 404, 404),
    ),
    # Events.
    "events:event-list": (lambda w: "/events/", (200, 200, 200, 200, 200)),
    "events:search-calendar": (lambda w: "/events/calendar.ics", (200, 200, 200, 200, 200)),
    "events:online-event-list": (lambda w: "/events/online/", (200, 200, 200, 200, 200)),
    "events:online-calendar": (
        lambda w: "/events/online/calendar.ics",
        (200, 200, 200, 200, 200),
    ),
    "events:event-create": (lambda w: "/events/new/", (302, 200, 200, 200, 200)),
    "events:your-events": (lambda w: "/events/yours/", (302, 200, 200, 200, 200)),
    "events:your-calendar": (lambda w: "/events/yours/calendar/", (302, 200, 200, 200, 200)),
    "events:your-calendar-renew": (
        lambda w: "/events/yours/calendar/new-address/",
        (302, 405, 405, 405, 405),
    ),
    # The secret address is the key: whoever holds it gets the feed; a wrong one is a 404.
    "events:personal-calendar": (
        lambda w: f"/events/feeds/{personal_calendar_get(user=w['event'].organiser).token}.ics",
        (200, 200, 200, 200, 200),
    ),
    "events:organiser": (
        lambda w: f"/events/organisers/{w['event'].organiser_id}/",
        (200, 200, 200, 200, 200),
    ),
    "events:organiser-calendar": (
        lambda w: f"/events/organisers/{w['event'].organiser_id}/calendar.ics",
        (200, 200, 200, 200, 200),
    ),
    "events:group-calendar": (
        lambda w: f"/events/groups/{w['group'].slug}/calendar.ics",
        (200, 200, 200, 200, 200),
    ),
    "events:event-detail": (
        lambda w: f"/events/{w['event'].slug}/",
        (200, 200, 200, 200, 200),
    ),
    "events:event-edit": (
        lambda w: f"/events/{w['event'].slug}/edit/",
        (302, 404, 200, 404, 200),
    ),
    "events:event-cancel": (
        lambda w: f"/events/{w['event'].slug}/cancel/",
        (302, 404, 200, 404, 200),
    ),
    "events:event-calendar": (
        lambda w: f"/events/{w['event'].slug}/event.ics",
        (200, 200, 200, 200, 200),
    ),
    "events:rsvp": (lambda w: f"/events/{w['event'].slug}/rsvp/", (405, 405, 405, 405, 405)),
    "events:rsvp-cancel": (
        lambda w: f"/events/{w['event'].slug}/rsvp/cancel/",
        (405, 405, 405, 405, 405),
    ),
    "events:attendees": (
        lambda w: f"/events/{w['event'].slug}/attendees/",
        (302, 404, 200, 404, 200),
    ),
    "events:attendees-csv": (
        lambda w: f"/events/{w['event'].slug}/attendees.csv",
        (302, 404, 200, 404, 200),
    ),
    # Spaces.
    "spaces:space-list": (lambda w: "/spaces/", (200, 200, 200, 200, 200)),
    "spaces:space-geojson": (lambda w: "/spaces/map.geojson", (200, 200, 200, 200, 200)),
    "spaces:endangered-space-list": (lambda w: "/spaces/endangered/", (200, 200, 200, 200, 200)),
    "spaces:space-create": (lambda w: "/spaces/new/", (302, 200, 200, 200, 200)),
    "spaces:my-spaces": (lambda w: "/spaces/mine/", (302, 200, 200, 200, 200)),
    "spaces:space-detail": (
        lambda w: f"/spaces/{w['space'].slug}/",
        (200, 200, 200, 200, 200),
    ),
    "spaces:space-edit": (
        lambda w: f"/spaces/{w['space'].slug}/edit/",
        (302, 200, 200, 200, 200),
    ),
    "spaces:threat-report": (
        lambda w: f"/spaces/{w['space'].slug}/report-threat/",
        (302, 200, 200, 200, 200),
    ),
    "spaces:pledge": (
        lambda w: f"/spaces/{w['threatened'].slug}/pledge/",
        (302, 200, 200, 200, 200),
    ),
    "spaces:pledge-withdraw": (
        lambda w: f"/spaces/{w['threatened'].slug}/pledge/withdraw/",
        (302, 405, 405, 405, 405),
    ),
    "spaces:pledge-count": (
        lambda w: f"/spaces/{w['threatened'].slug}/pledges.json",
        (200, 200, 200, 200, 200),
    ),
    "spaces:photo-add": (
        lambda w: f"/spaces/{w['space'].slug}/photos/new/",
        (302, 200, 200, 200, 200),
    ),
    # Help matching.
    "matching:index": (lambda w: "/help/", (200, 200, 200, 200, 200)),
    "matching:need-create": (lambda w: "/help/need/", (302, 200, 200, 200, 200)),
    "matching:offer-create": (lambda w: "/help/offer/", (302, 200, 200, 200, 200)),
    "matching:mine": (lambda w: "/help/mine/", (302, 200, 200, 200, 200)),
    "matching:need-detail": (
        lambda w: f"/help/needs/{w['need'].pk}/",
        (302, 404, 200, 404, 404),
    ),
    "matching:need-edit": (
        lambda w: f"/help/needs/{w['need'].pk}/edit/",
        (302, 404, 200, 404, 404),
    ),
    "matching:need-pause": (
        lambda w: f"/help/needs/{w['need'].pk}/pause/",
        (302, 405, 405, 405, 405),
    ),
    "matching:need-resume": (
        lambda w: f"/help/needs/{w['need'].pk}/resume/",
        (302, 405, 405, 405, 405),
    ),
    "matching:need-withdraw": (
        lambda w: f"/help/needs/{w['need'].pk}/withdraw/",
        (302, 404, 200, 404, 404),
    ),
    "matching:offer-detail": (
        lambda w: f"/help/offers/{w['match'].offer_id}/",
        (302, 200, 404, 404, 404),
    ),
    "matching:offer-edit": (
        lambda w: f"/help/offers/{w['match'].offer_id}/edit/",
        (302, 200, 404, 404, 404),
    ),
    "matching:offer-pause": (
        lambda w: f"/help/offers/{w['match'].offer_id}/pause/",
        (302, 405, 405, 405, 405),
    ),
    "matching:offer-resume": (
        lambda w: f"/help/offers/{w['match'].offer_id}/resume/",
        (302, 405, 405, 405, 405),
    ),
    "matching:offer-withdraw": (
        lambda w: f"/help/offers/{w['match'].offer_id}/withdraw/",
        (302, 200, 404, 404, 404),
    ),
    "matching:match-detail": (
        lambda w: f"/help/matches/{w['match'].pk}/",
        (302, 200, 200, 404, 404),
    ),
    "matching:match-answer": (
        lambda w: f"/help/matches/{w['match'].pk}/answer/",
        (302, 405, 405, 405, 405),
    ),
    "matching:match-report": (
        lambda w: f"/help/matches/{w['match'].pk}/report/",
        (302, 200, 200, 404, 404),
    ),
    "matching:respond": (
        lambda w: f"/help/respond/{response_token_make(match=w['match'], side='offer')}/",
        (200, 200, 200, 200, 200),
    ),
    "matching:scheme-list": (lambda w: "/help/schemes/", (200, 200, 200, 200, 200)),
    "matching:scheme-detail": (
        lambda w: "/help/schemes/no-such-scheme/",
        (404, 404, 404, 404, 404),
    ),
    "matching:unsubscribe": (
        lambda w: (
            f"/help/unsubscribe/{unsubscribe_token_make(user_id=w['match'].offer.person_id)}/"
        ),
        (200, 200, 200, 200, 200),
    ),
    # Wellbeing index (no data loaded: the pages say so).
    "wellbeing_index:index": (lambda w: "/wellbeing/", (200, 200, 200, 200, 200)),
    "wellbeing_index:methodology": (
        lambda w: "/wellbeing/methodology/",
        (200, 200, 200, 200, 200),
    ),
    "wellbeing_index:compare": (lambda w: "/wellbeing/compare/", (200, 200, 200, 200, 200)),
    "wellbeing_index:council-list": (
        lambda w: "/wellbeing/councils/",
        (200, 200, 200, 200, 200),
    ),
    "wellbeing_index:council-detail": (
        lambda w: "/wellbeing/councils/E08000003/",
        (404, 404, 404, 404, 404),
    ),
    "wellbeing_index:neighbourhood-detail": (
        lambda w: "/wellbeing/neighbourhoods/E02001000/",
        (404, 404, 404, 404, 404),
    ),
    "wellbeing_index:postcode": (
        # Redirected to the postcode's compact form.
        lambda w: "/wellbeing/M4%206DE/",
        (301, 301, 301, 301, 301),
    ),
    "wellbeing_api:postcode": (lambda w: "/api/wellbeing/M46DE", (404, 404, 404, 404, 404)),
    "wellbeing_api:postcode-slash": (
        lambda w: "/api/wellbeing/M46DE/",
        (404, 404, 404, 404, 404),
    ),
    # Communities and the pages above them.
    "portal:audit": (lambda w: "/communities/audit/", (200, 200, 200, 200, 200)),
    # Staff only: members get the 404 of a page that is not there for them.
    "portal:deserts": (lambda w: "/communities/deserts/", (302, 404, 404, 404, 200)),
    "communities:group-list": (lambda w: "/communities/", (200, 200, 200, 200, 200)),
    "communities:interest-group-list": (
        lambda w: "/communities/interest/",
        (200, 200, 200, 200, 200),
    ),
    "communities:commitment-list": (
        lambda w: "/communities/worked/",
        (200, 200, 200, 200, 200),
    ),
    "communities:my-groups": (lambda w: "/communities/mine/", (302, 200, 200, 200, 200)),
    "communities:group-create": (lambda w: "/communities/new/", (302, 200, 200, 200, 200)),
    "communities:register": (lambda w: "/communities/register/", (200, 200, 200, 200, 200)),
    "communities:register-group": (
        lambda w: "/communities/register/group/",
        (302, 200, 200, 200, 200),
    ),
    "communities:register-commitments": (
        lambda w: f"/communities/register/{w['group'].slug}/commitments/",
        (302, 404, 200, 404, 200),
    ),
    "communities:register-confirm": (
        lambda w: f"/communities/register/{w['group'].slug}/confirm/",
        (302, 404, 200, 404, 200),
    ),
    "communities:guide-list": (lambda w: "/communities/guides/", (200, 200, 200, 200, 200)),
    "communities:guide-detail": (
        lambda w: "/communities/guides/no-such-guide/",
        (404, 404, 404, 404, 404),
    ),
    "communities:pioneer-contact": (
        lambda w: f"/communities/pioneers/{w['pioneer'].pk}/contact/",
        (302, 200, 200, 200, 200),
    ),
    "communities:message-detail": (
        lambda w: f"/communities/messages/{w['message'].pk}/",
        (302, 200, 200, 404, 404),
    ),
    "communities:group-detail": (
        lambda w: f"/communities/{w['group'].slug}/",
        (200, 200, 200, 200, 200),
    ),
    "communities:group-edit": (
        lambda w: f"/communities/{w['group'].slug}/edit/",
        (302, 404, 200, 404, 200),
    ),
    "communities:group-join": (
        lambda w: f"/communities/{w['group'].slug}/join/",
        (302, 405, 405, 405, 405),
    ),
    "communities:group-leave": (
        lambda w: f"/communities/{w['group'].slug}/leave/",
        (302, 405, 405, 405, 405),
    ),
    "communities:group-members": (
        lambda w: f"/communities/{w['group'].slug}/members/",
        (302, 404, 200, 404, 200),
    ),
    "communities:member-role": (
        lambda w: f"/communities/{w['group'].slug}/members/{_membership(w)}/role/",
        (302, 405, 405, 405, 405),
    ),
    "communities:member-remove": (
        lambda w: f"/communities/{w['group'].slug}/members/{_membership(w)}/remove/",
        (302, 405, 405, 405, 405),
    ),
    "communities:group-spaces": (
        lambda w: f"/communities/{w['group'].slug}/spaces/",
        (302, 404, 200, 404, 200),
    ),
    "communities:group-claim": (
        lambda w: f"/communities/{w['group'].slug}/claim/",
        (302, 200, 200, 200, 200),
    ),
    "communities:group-review": (
        lambda w: f"/communities/{w['registered'].slug}/review/",
        (302, 404, 200, 404, 200),
    ),
    "communities:commitment-create": (
        lambda w: f"/communities/{w['registered'].slug}/commitments/new/",
        (302, 404, 200, 404, 200),
    ),
    "communities:commitment-detail": (
        lambda w: f"/communities/{w['registered'].slug}/commitments/{w['commitment'].pk}/",
        (200, 200, 200, 200, 200),
    ),
    "communities:progress-create": (
        lambda w: f"/communities/{w['registered'].slug}/commitments/{w['commitment'].pk}/progress/",
        (302, 404, 200, 404, 200),
    ),
    "communities:commitment-delete": (
        lambda w: f"/communities/{w['registered'].slug}/commitments/{w['commitment'].pk}/delete/",
        (302, 405, 405, 405, 405),
    ),
    # Open data: open to everyone (CC BY 4.0), published listings only.
    "opendata:openactive": (lambda w: "/openactive/", (200, 200, 200, 200, 200)),
    "opendata:feed-session-series": (
        lambda w: "/openactive/feeds/session-series",
        (200, 200, 200, 200, 200),
    ),
    "opendata:feed-scheduled-sessions": (
        lambda w: "/openactive/feeds/scheduled-sessions",
        (200, 200, 200, 200, 200),
    ),
    "opendata:oruk-root": (lambda w: "/openreferral/", (200, 200, 200, 200, 200)),
    "opendata:oruk-docs": (lambda w: "/openreferral/docs/", (200, 200, 200, 200, 200)),
    "opendata:oruk-openapi": (lambda w: "/openreferral/openapi.json", (200, 200, 200, 200, 200)),
    "opendata:oruk-services": (lambda w: "/openreferral/services", (200, 200, 200, 200, 200)),
    "opendata:oruk-service": (
        lambda w: f"/openreferral/services/{hsds_id('group', w['group'].pk)}",
        (200, 200, 200, 200, 200),
    ),
    "opendata:oruk-service-at-locations": (
        lambda w: "/openreferral/service_at_locations",
        (200, 200, 200, 200, 200),
    ),
    "opendata:oruk-taxonomies": (
        lambda w: "/openreferral/taxonomies",
        (200, 200, 200, 200, 200),
    ),
    "opendata:oruk-taxonomy-terms": (
        lambda w: "/openreferral/taxonomy_terms",
        (200, 200, 200, 200, 200),
    ),
    # Have your say: the owner wrote the piece, the comment and the proposal.
    "participation:process-list": (lambda w: "/have-your-say/", (200, 200, 200, 200, 200)),
    "participation:notice-settings": (
        lambda w: "/have-your-say/settings/",
        (302, 200, 200, 200, 200),
    ),
    "participation:unsubscribe": (
        lambda w: f"/have-your-say/stop/{_notice_token(w)}/",
        (200, 200, 200, 200, 200),
    ),
    "participation:survey-detail": (
        lambda w: f"/have-your-say/surveys/{w['survey'].slug}/",
        (200, 200, 200, 200, 200),
    ),
    "participation:survey-results": (
        lambda w: f"/have-your-say/surveys/{w['survey'].slug}/results/",
        (200, 200, 200, 200, 200),
    ),
    # Staff only: others are sent to the staff log-in.
    "participation:survey-export": (
        lambda w: f"/have-your-say/surveys/{w['survey'].slug}/export.csv",
        (302, 302, 302, 302, 200),
    ),
    "participation:comment-edit": (
        lambda w: f"/have-your-say/comments/{w['comment'].pk}/edit/",
        (302, 404, 200, 404, 404),
    ),
    "participation:comment-report": (
        lambda w: f"/have-your-say/comments/{w['comment'].pk}/report/",
        (302, 200, 200, 200, 200),
    ),
    "participation:comment-hide": (
        lambda w: f"/have-your-say/comments/{w['comment'].pk}/hide/",
        (302, 302, 302, 302, 200),
    ),
    "participation:process-detail": (
        lambda w: f"/have-your-say/{w['process'].slug}/",
        (200, 200, 200, 200, 200),
    ),
    "participation:process-follow": (
        lambda w: f"/have-your-say/{w['process'].slug}/follow/",
        (302, 405, 405, 405, 405),
    ),
    "participation:process-feed": (
        lambda w: f"/have-your-say/{w['process'].slug}/feed/",
        (200, 200, 200, 200, 200),
    ),
    "participation:post-list": (
        lambda w: f"/have-your-say/{w['process'].slug}/blog/",
        (200, 200, 200, 200, 200),
    ),
    "participation:post-create": (
        lambda w: f"/have-your-say/{w['process'].slug}/blog/new/",
        (302, 200, 200, 200, 200),
    ),
    "participation:post-detail": (
        lambda w: f"/have-your-say/{w['process'].slug}/blog/{w['piece'].pk}/",
        (200, 200, 200, 200, 200),
    ),
    "participation:proposal-list": (
        lambda w: f"/have-your-say/{w['process'].slug}/proposals/",
        (200, 200, 200, 200, 200),
    ),
    "participation:proposal-create": (
        lambda w: f"/have-your-say/{w['process'].slug}/proposals/new/",
        (302, 200, 200, 200, 200),
    ),
    "participation:proposal-detail": (
        lambda w: f"/have-your-say/{w['process'].slug}/proposals/{w['proposal'].pk}/",
        (200, 200, 200, 200, 200),
    ),
    "participation:proposal-support": (
        lambda w: f"/have-your-say/{w['process'].slug}/proposals/{w['proposal'].pk}/support/",
        (302, 405, 405, 405, 405),
    ),
    "participation:proposal-answer": (
        lambda w: f"/have-your-say/{w['process'].slug}/proposals/{w['proposal'].pk}/answer/",
        # POST only (panel members and staff answer); the panel check comes with the post.
        (302, 405, 405, 405, 405),
    ),
    # Wellbeing downloads (no data loaded: the files have their header only).
    "wellbeing_index:indicators": (lambda w: "/wellbeing/indicators/", (200, 200, 200, 200, 200)),
    "wellbeing_index:figures": (
        lambda w: "/wellbeing/figures.csv?a=M4+6DE",
        (200, 200, 200, 200, 200),
    ),
}

# Media files: served by Django only in development (DEBUG), by the web server otherwise.
UNNAMED = {"^media/(?P<path>.*)$"}


def _notice_token(w) -> str:
    return notice_token_make(user_id=w["piece"].submitted_by_id, kind=NoticeKind.values[0])


def _membership(w) -> int:
    return w["group"].memberships.get().pk


def routed_names() -> tuple[set[str], set[str]]:
    """Every URL name the site routes (outside the staff site), and its unnamed patterns."""
    names, unnamed = set(), set()

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                space = entry.namespace
                inner = f"{namespace}:{space}" if namespace and space else space or namespace
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                if namespace == "admin":
                    continue
                if entry.name:
                    names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
                else:
                    unnamed.add(prefix + str(entry.pattern))

    walk(get_resolver(), "", None)
    return names, unnamed


def test_every_routed_url_has_a_row():
    names, unnamed = routed_names()
    assert sorted(names - set(ROWS)) == [], "new URLs: add them to ROWS"
    assert sorted(set(ROWS) - names) == [], "URLs that no longer exist: remove their rows"
    assert unnamed <= UNNAMED


@pytest.fixture
def personas(client, member_client, owner_client, stranger_client, staff_client):
    clients = [client, member_client, owner_client, stranger_client, staff_client]
    return dict(zip(PERSONAS, clients, strict=True))


@pytest.fixture
def world(owner, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world(owner=owner, member=member)


def test_each_persona_gets_the_expected_status_on_every_url(personas, world):
    """One world, every row: the failure lists every URL whose statuses differ."""
    wrong = []
    for name, (path, expected) in sorted(ROWS.items()):
        url = path(world)
        got = tuple(personas[who].get(url).status_code for who in PERSONAS)
        if got != expected:
            wrong.append(f"{name} {url}: expected {expected}, got {got}")
        # Logging out when not logged in goes home; every other 302 is "log in first".
        if expected[0] == 302 and name != "account_logout":
            location = personas["anonymous"].get(url).get("Location", "")
            if "login" not in location:
                wrong.append(f"{name} {url}: anonymous sent to {location}, not to log in")
    if wrong:
        pytest.fail("\n".join(wrong))


def test_the_staff_site_is_for_staff_only(personas):
    from django.contrib import admin

    urls = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(f"/admin/{meta.app_label}/{meta.model_name}/")
    for url in urls:
        anonymous = personas["anonymous"].get(url)
        assert anonymous.status_code == 302 and "/login/" in anonymous["Location"], url
        # Members are sent to the log-in page, which refuses signed-in non-staff.
        assert personas["other"].get(url, follow=True).status_code == 403, url
        assert personas["staff"].get(url).status_code == 200, url
