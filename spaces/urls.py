from django.urls import path

from core.views import coming_soon

app_name = "spaces"

urlpatterns = [
    path("", coming_soon, {"title": "Spaces"}, name="index"),
]
