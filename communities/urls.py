from django.urls import path

from core.views import coming_soon

app_name = "communities"

urlpatterns = [
    path("", coming_soon, {"title": "communities"}, name="index"),
    path("<slug:slug>/", coming_soon, name="group-detail"),
]
