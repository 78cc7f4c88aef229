from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import User
from accounts.permissions import (
    mag_gemeente_zien,
    provincies_van,
    rol_vereist,
    vereis,
    zichtbare_gemeenten,
)
from advies import selectors as advies_selectors
from gemeenten import selectors, services
from gemeenten.forms import BestandForm, GemeenteFilterForm
from gemeenten.models import Gemeente
from goedvoorelkaar.tabular import ImportFout
from nulmeting import selectors as nulmeting_selectors


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
def detail(request, cbs_code: str):
    gemeente = get_object_or_404(Gemeente.objects.select_related("provincie"), cbs_code=cbs_code.upper())
    vereis(mag_gemeente_zien(request.user, gemeente))
    vandaag = timezone.localdate()
    context = {
        "gemeente": gemeente,
        "opvolgers": selectors.opvolgers_op(gemeente, vandaag) if not gemeente.bestaat_op(vandaag) else [],
        "voorgangers": selectors.voorgangers(gemeente),
        "inwonertallen": gemeente.inwonertallen.all()[:5],
        "metingen": nulmeting_selectors.metingen_van_gemeente(gemeente),
        "typetests": gemeente.typetests.all()[:3],
        **advies_selectors.gemeente_advies(request.user, gemeente),
    }
    return render(request, "gemeenten/detail.html", context)


@rol_vereist(User.Rol.COORDINATOR)
def inwoners_import(request):
    form = BestandForm(request.POST or None, request.FILES or None)
    fouten = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            telling = services.inwonertallen_importeren(bestand, bestand.name)
        except ImportFout as exc:
            fouten = exc.fouten
        else:
            messages.success(
                request, f"Inwonertallen geïmporteerd: {telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd."
            )
            return redirect("gemeenten:inwoners_import")
    return render(request, "gemeenten/inwoners_import.html", {"form": form, "fouten": fouten})
