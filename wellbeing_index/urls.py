from django.urls import path

from core.views import coming_soon

app_name = "wellbeing_index"

urlpatterns = [
    path("", coming_soon, {"title": "Wellbeing index"}, name="index"),
]
