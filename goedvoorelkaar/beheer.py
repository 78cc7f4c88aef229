"""The technical admin (``/beheer/``), for staff only, and silent to everyone else.

Django's admin answers anyone with its own login form. Here a visitor who is not logged in is
sent to the product's login page (with its second factor and lockout), and a
logged-in user without staff rights gets a plain 404: the admin does not show that it exists.
Every model registered here records what is added, changed or deleted in the audit trail
(``accounts.beheer``).
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse

from accounts.beheer import BeheerVastleggen


class BeheerSite(admin.AdminSite):
    site_header = "Goed voor Elkaar — beheer"
    site_title = "Goed voor Elkaar"

    def has_permission(self, request) -> bool:
        """Staff, logged in with a verified second factor (decision 0020). The product's
        middleware already asks for the second factor first; this holds for the admin even
        without it."""
        return super().has_permission(request) and request.user.is_verified()

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, BeheerVastleggen):
            admin_class = type(
                admin_class.__name__, (BeheerVastleggen, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

    def _weigeren(self, request, volgende: str):
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(volgende, settings.LOGIN_URL)

    def admin_view(self, view, cacheable=False):
        binnen = super().admin_view(view, cacheable)

        @wraps(view)
        def beheer_view(request, *args, **kwargs):
            if not self.has_permission(request):
                return self._weigeren(request, request.get_full_path())
            return binnen(request, *args, **kwargs)

        return beheer_view

    def login(self, request, extra_context=None):
        if not self.has_permission(request):
            return self._weigeren(request, request.GET.get("next") or reverse("admin:index"))
        return super().login(request, extra_context)
