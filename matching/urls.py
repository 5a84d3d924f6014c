from django.urls import path

from . import views

app_name = "matching"


def _request_urls(role: str, prefix: str):
    kwargs = {"role": role}
    return [
        path(f"{prefix}/<int:pk>/", views.request_detail, kwargs, name=f"{role}-detail"),
        path(f"{prefix}/<int:pk>/edit/", views.request_edit, kwargs, name=f"{role}-edit"),
        path(f"{prefix}/<int:pk>/pause/", views.request_pause, kwargs, name=f"{role}-pause"),
        path(f"{prefix}/<int:pk>/resume/", views.request_resume, kwargs, name=f"{role}-resume"),
        path(
            f"{prefix}/<int:pk>/withdraw/", views.request_withdraw, kwargs, name=f"{role}-withdraw"
        ),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("need/", views.request_create, {"role": "need"}, name="need-create"),
    path("offer/", views.request_create, {"role": "offer"}, name="offer-create"),
    path("mine/", views.mine, name="mine"),
    *_request_urls("need", "needs"),
    *_request_urls("offer", "offers"),
    path("matches/<int:pk>/", views.match_detail, name="match-detail"),
    path("matches/<int:pk>/answer/", views.match_answer, name="match-answer"),
    path("matches/<int:pk>/report/", views.match_report_view, name="match-report"),
    path("respond/<str:token>/", views.respond, name="respond"),
    path("schemes/", views.scheme_list, name="scheme-list"),
    path("schemes/<slug:slug>/", views.scheme_detail, name="scheme-detail"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
