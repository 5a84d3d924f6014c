"""The portal's pages under /communities/ (home and /near/ are in coopcentre/urls.py)."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("audit/", views.audit, name="audit"),
    path("deserts/", views.deserts, name="deserts"),
]
