"""Reads for the token page."""

from django.db.models import Count, Max, QuerySet

from api.models import ApiSleutel, SleutelGebruik


def sleutels_met_gebruik() -> QuerySet[ApiSleutel]:
    """Every token, newest first, with its user, how often it was used and when last."""
    return ApiSleutel.objects.select_related("gebruiker").annotate(
        aantal_keer=Count("gebruik"), laatst_gebruikt=Max("gebruik__moment")
    )


def recent_gebruik(aantal: int = 50) -> QuerySet[SleutelGebruik]:
    return SleutelGebruik.objects.select_related("sleutel__gebruiker")[:aantal]
