from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import (
    mag_contacten_beheren,
    mag_importeren,
    provincies_van,
    rol_vereist,
    vereis,
    zichtbare_gemeente,
    zichtbare_gemeenten,
)
from gemeenten import services, uitwisseling
from gemeenten.forms import ContactpersoonForm, GemeenteFilterForm
from gemeenten.models import Contactpersoon, Gemeente
from importen.views import ImportPagina
from toolkit.invoer import fouten_op_form


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def lijst(request):
    vandaag = timezone.localdate()
    form = GemeenteFilterForm(request.GET or None, provincies=provincies_van(request.user))
    gemeenten = zichtbare_gemeenten(request.user).bestaand_op(vandaag).select_related("provincie")
    if form.is_valid():
        if zoek := form.cleaned_data["zoek"]:
            gemeenten = gemeenten.filter(Q(naam__icontains=zoek) | Q(cbs_code__iexact=zoek))
        if provincie := form.cleaned_data["provincie"]:
            gemeenten = gemeenten.filter(provincie=provincie)
    pagina = Paginator(gemeenten.order_by("naam"), 50).get_page(request.GET.get("pagina"))
    return render(request, "gemeenten/lijst.html", {"form": form, "pagina": pagina, "vandaag": vandaag})


@login_required
def contactpersoon_form(request, cbs_code: str, pk: int | None = None):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vereis(mag_contacten_beheren(request.user, gemeente))
    contactpersoon = get_object_or_404(gemeente.contactpersonen, pk=pk) if pk else None
    initial = (
        {"naam": contactpersoon.naam, "email": contactpersoon.email, "functie": contactpersoon.functie}
        if contactpersoon
        else None
    )
    form = ContactpersoonForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contactpersoon_opslaan(
                gemeente=gemeente, door=request.user, contactpersoon=contactpersoon, **form.cleaned_data
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"Contactpersoon {form.cleaned_data['naam']} is opgeslagen.")
            return redirect(f"{gemeente_url(gemeente)}#contactpersonen")
    return render(
        request,
        "gemeenten/contactpersoon_form.html",
        {"gemeente": gemeente, "form": form, "contactpersoon": contactpersoon},
    )


def gemeente_url(gemeente: Gemeente) -> str:
    return reverse("portaal:gemeente", args=[gemeente.cbs_code])


@require_POST
@login_required
def contactpersoon_verwijderen(request, cbs_code: str, pk: int):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    contactpersoon = get_object_or_404(
        Contactpersoon.objects.select_related("gemeente"), pk=pk, gemeente=gemeente
    )
    vereis(mag_contacten_beheren(request.user, gemeente))
    services.contactpersoon_verwijderen(contactpersoon=contactpersoon, door=request.user)
    messages.success(request, f"Contactpersoon {contactpersoon.naam} is verwijderd.")
    return redirect(f"{gemeente_url(gemeente)}#contactpersonen")


class _Import(ImportPagina):
    """The register's imports: coordinators load a file; nothing is stored unless all of it is right."""

    niets = "Er is niets geladen."
    mag_importeren = staticmethod(mag_importeren)


class InwonersImport(_Import):
    titel = "Inwonertallen laden"
    uitleg = mark_safe(
        "Upload een CSV- of Excel-bestand met de kolommen <code>cbs_code</code>, <code>peildatum</code>"
        " en <code>inwoners</code>.\nEen datum mag als 2012-01-01 of 1-1-2012. Bevat het bestand een"
        " fout, dan wordt niets geladen en ziet u hieronder elke fout met het regelnummer."
    )
    knop = "Laden"
    soort = uitwisseling.INWONERTALLEN


class ContactpersonenImport(_Import):
    titel = "Contactpersonen importeren"
    uitleg = mark_safe(
        "Upload een CSV- of Excel-bestand met de kolommen <code>cbs_code</code>, <code>naam</code>,"
        " <code>e-mail</code> en <code>functie</code> (functie mag leeg blijven).\nEen adres dat al bij"
        " dezelfde gemeente bekend is, wordt bijgewerkt. Bevat het bestand een fout — een ongeldig"
        " adres, een adres dat twee keer voorkomt of al bij een andere gemeente hoort, een onbekende"
        " gemeentecode — dan wordt niets geladen en ziet u hieronder elke fout met het regelnummer."
    )
    soort = uitwisseling.CONTACTPERSONEN
