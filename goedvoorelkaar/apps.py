from django.contrib.admin.apps import AdminConfig


class BeheerConfig(AdminConfig):
    """Django's admin with the site of ``goedvoorelkaar/beheer.py``: for staff only."""

    default_site = "goedvoorelkaar.beheer.BeheerSite"
