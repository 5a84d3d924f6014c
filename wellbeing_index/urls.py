from django.urls import path

from . import views
from .models import Level

app_name = "wellbeing_index"

urlpatterns = [
    path("", views.index, name="index"),
    path("methodology/", views.methodology, name="methodology"),
    path("indicators/", views.indicators, name="indicators"),
    path("compare/", views.compare, name="compare"),
    path("figures.<str:fmt>", views.figures, name="figures"),
    path("councils/", views.council_list, name="council-list"),
    path(
        "councils/<str:code>/",
        views.area_detail,
        {"level": Level.LOCAL_AUTHORITY.value},
        name="council-detail",
    ),
    path(
        "neighbourhoods/<str:code>/",
        views.area_detail,
        {"level": Level.NEIGHBOURHOOD.value},
        name="neighbourhood-detail",
    ),
    path("<str:postcode>/", views.postcode_detail, name="postcode"),
]
