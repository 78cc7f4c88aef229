"""The next steps the advice app offers under a result (``nulmeting.vervolg``): ask the CMO for
advice on a weak basisfunctie or on the whole result, see earlier requests, open the nine-step plan."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from accounts.permissions import mag_gemeente_zien
from advies.permissions import mag_advies_aanvragen, zichtbare_aanvragen
from nulmeting.vervolg import Vervolgstap, aanbieder_registreren
from toolkit.datums import datum_tekst


def _aanvraag_url(meting, basisfunctie=None) -> str:
    query = {"vragenlijst": meting.vragenlijst.code}
    if basisfunctie is not None:
        query["basisfunctie"] = basisfunctie.code
    return reverse("advies:aanvraag_nieuw", args=[meting.gemeente.cbs_code]) + "?" + urlencode(query)


@aanbieder_registreren
def advies_en_beleidsplan(user, meting, zwakke_basisfuncties) -> list[Vervolgstap]:
    stappen = []
    gemeente = meting.gemeente
    if mag_advies_aanvragen(user, gemeente):
        stappen += [
            Vervolgstap(
                f"Advies aanvragen over {b.naam}",
                _aanvraag_url(meting, b),
                "Nog niet 'goed voor elkaar'.",
            )
            for b in zwakke_basisfuncties
        ]
        stappen.append(Vervolgstap("Advies aanvragen over de hele uitkomst", _aanvraag_url(meting)))
    for aanvraag in zichtbare_aanvragen(user).filter(gemeente=gemeente).order_by("-ingediend_op")[:5]:
        stappen.append(
            Vervolgstap(
                f"Uw aanvraag van {datum_tekst(timezone.localtime(aanvraag.ingediend_op).date())}",
                reverse("advies:aanvraag_detail", args=[aanvraag.pk]),
                aanvraag.get_status_display() + ".",
            )
        )
    if mag_gemeente_zien(user, gemeente):
        stappen.append(
            Vervolgstap(
                "Het beleidsplan in negen stappen",
                reverse("advies:beleidsplan", args=[gemeente.cbs_code]),
                "Houd bij hoe ver de gemeente is met haar beleid.",
            )
        )
    return stappen
