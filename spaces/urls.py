from django.urls import path

from core.views import coming_soon

app_name = "spaces"

urlpatterns = [
    path("", coming_soon, {"title": "spaces"}, name="index"),
    path("<slug:slug>/", coming_soon, name="space-detail"),
]
