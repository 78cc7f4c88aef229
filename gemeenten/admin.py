from django.contrib import admin

from gemeenten.models import Contactpersoon, Gemeente, Herindeling, Inwonertal, Organisatie, Provincie
from toolkit.keuzevelden import VeiligeKeuzes


@admin.register(Provincie)
class ProvincieAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["naam", "cbs_code"]


@admin.register(Gemeente)
class GemeenteAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "provincie", "geldig_van", "geldig_tot"]
    list_filter = ["provincie"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Herindeling)
class HerindelingAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["datum", "opgeheven", "opvolger", "soort"]
    list_select_related = ["opgeheven", "opvolger"]
    list_filter = ["datum", "soort"]


@admin.register(Inwonertal)
class InwonertalAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["gemeente", "peildatum", "inwoners"]
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]


@admin.register(Organisatie)
class OrganisatieAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["naam", "is_placeholder"]
    filter_horizontal = ["provincies"]


@admin.register(Contactpersoon)
class ContactpersoonAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["naam", "email", "functie", "gemeente"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "email", "gemeente__naam", "gemeente__cbs_code"]
