from django.apps import AppConfig


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = "Advies"

    def ready(self) -> None:
        # Registers the advice app's next steps under a result with ``nulmeting.vervolg``.
        from advies import vervolg  # noqa: F401, PLC0415
