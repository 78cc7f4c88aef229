from django.apps import AppConfig


class RondesConfig(AppConfig):
    name = "rondes"
    verbose_name = "Rondes en uitnodigingen"
