from django.apps import AppConfig


class NulmetingConfig(AppConfig):
    name = "nulmeting"
    verbose_name = "Nulmeting"
