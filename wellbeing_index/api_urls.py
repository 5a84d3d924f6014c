from django.urls import path

from . import api

app_name = "wellbeing_api"

urlpatterns = [
    path("<str:postcode>", api.postcode_api, name="postcode"),
    path("<str:postcode>/", api.postcode_api, name="postcode-slash"),
]
