from django.apps import AppConfig


class WellbeingIndexConfig(AppConfig):
    name = "wellbeing_index"
