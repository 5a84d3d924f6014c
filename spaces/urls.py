from django.urls import path

from . import views

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="space-list"),
    path("map.geojson", views.space_geojson, name="space-geojson"),
    path("endangered/", views.endangered, name="endangered-space-list"),
    path("new/", views.space_create, name="space-create"),
    path("mine/", views.my_spaces, name="my-spaces"),
    path("<slug:slug>/", views.space_detail, name="space-detail"),
    path("<slug:slug>/edit/", views.space_edit, name="space-edit"),
    path("<slug:slug>/report-threat/", views.threat_report, name="threat-report"),
    path("<slug:slug>/pledge/", views.pledge, name="pledge"),
    path("<slug:slug>/pledge/withdraw/", views.pledge_withdraw, name="pledge-withdraw"),
    path("<slug:slug>/pledges.json", views.pledge_count, name="pledge-count"),
    path("<slug:slug>/photos/new/", views.photo_add, name="photo-add"),
]
