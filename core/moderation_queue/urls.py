from django.contrib import admin
from django.urls import path

from . import views

# Under /admin/moderation/ (coopcentre/urls.py), before the admin's own URLs; each view is
# wrapped by the admin site, so only active staff reach it (others go to the admin log-in).
urlpatterns = [
    path("", admin.site.admin_view(views.queue), name="moderation-queue"),
    path("decide/", admin.site.admin_view(views.decide), name="moderation-decide"),
]
