from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ImportenConfig(AppConfig):
    name = "importen"
    verbose_name = "Imports"

    def ready(self):
        # Each app describes its imports in its ``uitwisseling`` module and registers them there
        # (``importen.soorten.registreer``), as the admin finds ``admin`` modules: a worker that
        # runs a queued import looks its kind up by name without importing any app by hand.
        autodiscover_modules("uitwisseling")
