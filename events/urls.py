from django.urls import path

from core.views import coming_soon

app_name = "events"

urlpatterns = [
    path("", coming_soon, {"title": "events"}, name="index"),
    path("<slug:slug>/", coming_soon, name="event-detail"),
]
