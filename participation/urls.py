from django.urls import path

from . import views

app_name = "participation"

# Fixed paths first: a process's slug can never be one of them (models.RESERVED_SLUGS).
urlpatterns = [
    path("", views.process_list, name="process-list"),
    path("settings/", views.notice_settings, name="notice-settings"),
    path("stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("surveys/<slug:slug>/", views.survey_detail, name="survey-detail"),
    path("surveys/<slug:slug>/results/", views.survey_results, name="survey-results"),
    path("surveys/<slug:slug>/export.csv", views.survey_export, name="survey-export"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/report/", views.comment_report, name="comment-report"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment-hide"),
    path("<slug:slug>/", views.process_detail, name="process-detail"),
    path("<slug:slug>/follow/", views.process_follow, name="process-follow"),
    path("<slug:slug>/feed/", views.ProcessFeed(), name="process-feed"),
    path("<slug:slug>/blog/", views.post_list, name="post-list"),
    path("<slug:slug>/blog/new/", views.post_create, name="post-create"),
    path("<slug:slug>/blog/<int:pk>/", views.post_detail, name="post-detail"),
    path("<slug:slug>/proposals/", views.proposal_list, name="proposal-list"),
    path("<slug:slug>/proposals/new/", views.proposal_create, name="proposal-create"),
    path("<slug:slug>/proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path(
        "<slug:slug>/proposals/<int:pk>/support/",
        views.proposal_support,
        name="proposal-support",
    ),
    path("<slug:slug>/proposals/<int:pk>/answer/", views.proposal_answer, name="proposal-answer"),
]
