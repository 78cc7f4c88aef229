"""What the technical admin (``/beheer/``) writes, in the audit trail (decision 0021).

``BeheerVastleggen`` is mixed into every ModelAdmin by the admin site when it is registered
(``goedvoorelkaar.beheer.BeheerSite.register``), so an account, invitation, round or any other
record added, changed or deleted there is recorded without code per admin. It hooks the admin's
own log (``log_addition``, ``log_change``, ``log_deletions``), which the admin writes for every
form saved, every password set and every (bulk) delete. Records django-simple-history keeps are
left to its versions, which the trail records already (one change, one entry); the version saved
in the admin carries the same explanation as its change reason.
"""

from django.contrib.admin.utils import construct_change_message

from accounts.audit import Actie, alles_vastleggen


def _gewijzigde_velden(bericht) -> list[str]:
    """The labels of the fields the admin's change message names (never their values; an inline's
    entry, which quotes the object, is left out)."""
    if not isinstance(bericht, list):
        return []
    return [
        veld
        for deel in bericht
        if "object" not in deel.get("changed", {})
        for veld in deel.get("changed", {}).get("fields", [])
    ]


def _toelichting(bericht) -> str:
    velden = _gewijzigde_velden(bericht)
    return f"beheer: {', '.join(str(v) for v in velden)}" if velden else "beheer"


class BeheerVastleggen:
    def _met_versies(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def save_model(self, request, obj, form, change):
        if self._met_versies():
            obj._change_reason = _toelichting(construct_change_message(form, [], not change))[:100]
        return super().save_model(request, obj, form, change)

    def _vastleggen(self, request, objecten, actie: str, toelichting: str = "beheer") -> None:
        if self._met_versies():
            return
        # Any model can be in the admin, django-axes' logs too, whose text holds an address: an
        # object without an ``audit_omschrijving`` is named by its kind and number only.
        alles_vastleggen(
            actie, objecten, request=request, toelichting=toelichting, alleen_soort_en_nummer=True
        )

    def log_addition(self, request, obj, message):
        self._vastleggen(request, [obj], Actie.AANGEMAAKT, _toelichting(message))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._vastleggen(request, [obj], Actie.GEWIJZIGD, _toelichting(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        objecten = list(queryset)
        self._vastleggen(request, objecten, Actie.VERWIJDERD)
        return super().log_deletions(request, objecten)
