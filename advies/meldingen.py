"""Mail about advice requests: a new request reaches the advisers of the municipality's CMO.

The task lives here, not in ``advies.tasks`` (which imports the services): the service queues it
on commit, and the task only reads the request and sends (decision 0011, Celery without cycles).
"""

from celery import shared_task
from django.core.mail import get_connection
from django.urls import reverse

from accounts.models import User
from advies.models import Adviesaanvraag
from toolkit.mail import bericht


def adviesaanvraag_mailen(aanvraag_pk: int, basis_url: str) -> int:
    """Mail the request to every active adviser of its CMO over one connection; returns how many."""
    aanvraag = (
        Adviesaanvraag.objects.select_related("gemeente", "ingediend_door").filter(pk=aanvraag_pk).first()
    )
    if aanvraag is None:
        return 0
    adviseurs = User.objects.filter(
        rol=User.Rol.ADVISEUR, organisatie_id=aanvraag.organisatie_id, is_active=True
    ).order_by("email")
    context = {
        "aanvraag": aanvraag,
        "basisfuncties": [b.naam for b in aanvraag.basisfuncties.order_by("volgorde")],
        "link": basis_url.rstrip("/") + reverse("advies:aanvraag_detail", args=[aanvraag.pk]),
    }
    berichten = [
        bericht(
            onderwerp=f"Adviesaanvraag van {aanvraag.gemeente}",
            template="advies/email/adviesaanvraag",
            context={**context, "adviseur": adviseur},
            aan=adviseur.email,
        )
        for adviseur in adviseurs
    ]
    if not berichten:
        return 0
    return get_connection().send_messages(berichten) or 0


@shared_task(acks_late=True)
def adviesaanvraag_mailen_task(aanvraag_pk: int, basis_url: str) -> int:
    return adviesaanvraag_mailen(aanvraag_pk, basis_url)
