from django.urls import path

from core.views import coming_soon

app_name = "matching"

urlpatterns = [
    path("", coming_soon, {"title": "Get or give help"}, name="index"),
]
