from django.urls import path

from .views import openactive, openreferral

app_name = "opendata"

urlpatterns = [
    path("openactive/", openactive.dataset, name="openactive"),
    path(
        "openactive/feeds/session-series",
        openactive.session_series,
        name="feed-session-series",
    ),
    path(
        "openactive/feeds/scheduled-sessions",
        openactive.scheduled_sessions,
        name="feed-scheduled-sessions",
    ),
    path("openreferral/", openreferral.root, name="oruk-root"),
    path("openreferral/docs/", openreferral.api_page, name="oruk-docs"),
    path("openreferral/openapi.json", openreferral.openapi, name="oruk-openapi"),
    path("openreferral/services", openreferral.services, name="oruk-services"),
    path("openreferral/services/<str:service_id>", openreferral.service, name="oruk-service"),
    path(
        "openreferral/service_at_locations",
        openreferral.service_at_locations,
        name="oruk-service-at-locations",
    ),
    path("openreferral/taxonomies", openreferral.taxonomies, name="oruk-taxonomies"),
    path("openreferral/taxonomy_terms", openreferral.taxonomy_terms, name="oruk-taxonomy-terms"),
]
