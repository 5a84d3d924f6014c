app_name = "wellbeing_api"

urlpatterns: list = []
