from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import allauth_views
from core import views as core_views
from portal import views as portal_views

admin.site.site_header = _("coopcentre staff")
admin.site.site_title = _("coopcentre staff")
admin.site.index_title = _("Moderation and operations")
# Staff log in where everyone does: allauth's page, with its rate limits and lock-out and,
# for staff who set it up (required in production), the authenticator code. The admin's
# own password form is never shown.
admin.site.login = secure_admin_login(admin.site.login)

# Machine endpoints: the same in every language.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    # Open data: OpenActive feeds and the Open Referral UK API, and their pages.
    path("", include("opendata.urls")),
]

# Every page in English at the URL it always had and in Welsh under /cy/ (docs/i18n.md).
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("near/", portal_views.near, name="near"),
    path("about/data/", core_views.about_data, name="about-data"),
    # The moderation queue sits in the staff site, before the admin's own URLs.
    path("admin/moderation/", include("core.moderation_queue.urls")),
    path("admin/", admin.site.urls),
    path("accounts/profile/", include("accounts.urls")),
    # allauth's pages, each form answering 400 when it is sent back with errors.
    path("accounts/", include(allauth_views)),
    path("events/", include("events.urls")),
    path("spaces/", include("spaces.urls")),
    path("help/", include("matching.urls")),
    path("have-your-say/", include("participation.urls")),
    path("wellbeing/", include("wellbeing_index.urls")),
    path("api/wellbeing/", include("wellbeing_index.api_urls")),
    # Before communities' own pages: its "<slug>/" would take "audit/" and "deserts/".
    path("communities/", include("portal.urls")),
    path("communities/", include("communities.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
# Not Django's: allauth answers its own rate limits with this view.
handler429 = "core.ratelimit.allauth_too_many_requests"
