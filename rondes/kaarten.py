"""A round's map: its status per municipality, in the scope of the viewer."""

import datetime

from accounts.permissions import provincies_van, zichtbare_gemeenten
from nulmeting.kaarten import gemeente_links, status_kaart
from rondes.models import Ronde
from rondes.permissions import zichtbare_rondes
from rondes.selectors import status_per_gemeente
from toolkit.kaarten import Kaart


def lopende_ronde(user, datum: datetime.date):
    """The newest round open on ``datum`` that ``user`` sees, whose status the dashboard maps."""
    return (
        zichtbare_rondes(user)
        .filter(pk__in=Ronde.objects.open_op(datum))
        .order_by("-opent_op", "-pk")
        .first()
    )


def ronde_kaart(ronde, user, stand: datetime.date) -> Kaart | None:
    """A round's status per municipality, on the borders of its opening date: the municipalities
    of the round that ``user`` may see, zoomed to the round's or the adviser's provinces."""
    provincies = set(ronde.provincies.values_list("cbs_code", flat=True))
    if not user.is_coordinator:
        eigen = set(provincies_van(user).values_list("cbs_code", flat=True))
        provincies = (provincies & eigen) if provincies else eigen
    if not provincies and not user.is_coordinator:
        return None
    return status_kaart(
        status_per_gemeente(ronde, zichtbare_gemeenten(user)),
        titel=f"{ronde}: stand per gemeente",
        stand=stand,
        grenzen=ronde.opent_op,
        links=gemeente_links(user, ronde.opent_op),
        provincies=sorted(provincies) or None,
    )
