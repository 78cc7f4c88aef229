from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Uitnodiging, User
from toolkit.keuzevelden import VeiligeKeuzes


class Autocomplete(AutocompleteSelect):
    """Django's autocomplete widget, except that a value sent back that is no key of the model
    (``abc`` where a number belongs, as a hand-made post can hold) is shown as no choice: Django's
    own looks every value up unchecked, so the form sent back with its error was a server error."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._bestaat(v)], attr)

    def _bestaat(self, waarde) -> bool:
        try:
            self.choices.field.to_python(waarde)
        except ValidationError:
            return False
        return True


@admin.register(User)
class AccountAdmin(VeiligeKeuzes, UserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "rol", "gemeente", "organisatie", "is_active"]
    list_filter = ["rol", "is_active", "organisatie"]
    list_select_related = ["gemeente", "organisatie"]
    search_fields = ["email", "naam"]
    autocomplete_fields = ["gemeente"]
    fieldsets = [
        (None, {"fields": ["email", "password", "naam"]}),
        ("Rol", {"fields": ["rol", "gemeente", "organisatie"]}),
        ("Rechten", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Data", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "naam", "rol", "gemeente", "organisatie", "password1", "password2"]})
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = Autocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Uitnodiging)
class UitnodigingAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["email", "gemeente", "aangemaakt_op", "verloopt_op", "gebruikt_op"]
    list_select_related = ["gemeente"]
    readonly_fields = ["token_hash"]
    search_fields = ["email", "gemeente__naam"]


admin.site.unregister(Group)


@admin.register(Group)
class GroepAdmin(VeiligeKeuzes, GroupAdmin):
    """Django's own, with the choice of permissions that refuses a key no row can have."""


# Second-factor devices are not managed in the technical admin: django-otp's pages there would
# show staff another account's secret (its QR code). A coordinator resets a lost second factor in
# the product (the access review), which is recorded in the audit trail (decision 0020).
for apparaat in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(apparaat):
        admin.site.unregister(apparaat)
