from django.contrib import admin

from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from toolkit.keuzevelden import VeiligeKeuzes


@admin.register(Ronde)
class RondeAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["naam", "vragenlijst", "opent_op", "sluit_op", "gesloten_op"]
    list_select_related = ["vragenlijst"]


@admin.register(Deelnemer)
class DeelnemerAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["gemeente", "ronde", "herinneringen_gepauzeerd"]
    list_select_related = ["gemeente", "ronde"]
    list_filter = ["ronde", "herinneringen_gepauzeerd"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]


@admin.register(Verzendopdracht)
class VerzendopdrachtAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["ronde", "soort", "status", "aangemaakt_op", "klaar_op", "pogingen"]
    list_select_related = ["ronde"]


@admin.register(Verzending)
class VerzendingAdmin(VeiligeKeuzes, admin.ModelAdmin):
    list_display = ["email", "soort", "volgnummer", "dag", "status", "ronde"]
    list_select_related = ["ronde"]
    list_filter = ["soort", "status", "ronde"]
    search_fields = ["email", "deelnemer__gemeente__naam"]
    readonly_fields = [f.name for f in Verzending._meta.fields]

    def has_add_permission(self, request) -> bool:
        # The ledger is written by the mail service only: a line added by hand (every field
        # read-only, so empty) was a server error, and would be a mail nobody sent.
        return False
