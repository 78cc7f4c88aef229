from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import provincies_van, rol_vereist, vereis, zichtbare_gemeenten
from gemeenten.models import Provincie
from rondes import selectors, services
from rondes.forms import HeropenForm, OpnieuwVersturenForm, RondeForm
from rondes.kaarten import ronde_kaart
from rondes.models import Deelnemer, Ronde, Verzendopdracht
from rondes.permissions import (
    mag_herinneringen_pauzeren,
    mag_opnieuw_versturen,
    zichtbaar_in_ronde,
    zichtbare_rondes,
)
from toolkit.datums import datum_tekst
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.figuren import cumulatief_per_periode, gecached
from toolkit.invoer import fouten_op_form

BEHEER = (User.Rol.COORDINATOR, User.Rol.ADVISEUR)


def _ronde(request, pk: int) -> Ronde:
    return get_object_or_404(zichtbare_rondes(request.user).select_related("vragenlijst"), pk=pk)


@rol_vereist(*BEHEER)
def lijst(request):
    rondes = selectors.rondes_met_voortgang(
        zichtbare_rondes(request.user), zichtbare_gemeenten(request.user), aantal=50
    )
    return render(request, "rondes/lijst.html", {"rondes": rondes})


@rol_vereist(User.Rol.COORDINATOR)
def nieuw(request):
    form = RondeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ronde = services.ronde_openen(door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request, f"Ronde '{ronde}' is aangemaakt met {ronde.deelnemers.count()} gemeenten."
            )
            return redirect("rondes:detail", ronde.pk)
    return render(request, "rondes/nieuw.html", {"form": form})


def _gekozen_provincie(request) -> Provincie | None:
    code = request.GET.get("provincie", "")
    return provincies_van(request.user).filter(cbs_code=code).first() if code else None


@rol_vereist(*BEHEER)
def detail(request, pk: int):
    ronde = _ronde(request, pk)
    scope = zichtbaar_in_ronde(request.user)
    provincie = _gekozen_provincie(request)
    lijst_scope = scope.filter(provincie=provincie) if provincie else scope
    eenheid, perioden = selectors.ingediend_per_periode(ronde, scope)
    pagina = Paginator(selectors.niet_gereageerd(ronde, lijst_scope), 50).get_page(request.GET.get("pagina"))
    rijen = selectors.voortgang(ronde, scope)
    doel = rijen[-1]["doel"] if rijen else 0
    context = {
        "ronde": ronde,
        "voortgang": rijen,
        "eenheid": eenheid,
        "perioden": perioden,
        "figuur": gecached(
            "ronde-perioden",
            [perioden, doel, eenheid],
            lambda: cumulatief_per_periode(
                [p["periode"] for p in perioden],
                [p["nieuw"] for p in perioden],
                [p["cumulatief"] for p in perioden],
                eenheid=eenheid,
                doel=doel,
                titel=f"Ingediend per {eenheid}, en opgeteld",
            ),
        ),
        "pagina": pagina,
        "niet_gereageerd": selectors.met_stand(ronde, pagina.object_list),
        "kaart_ronde": ronde_kaart(ronde, request.user, timezone.localdate()),
        "opdrachten": selectors.opdrachten_met_tellingen(ronde, scope),
        "niet_aangekomen": selectors.niet_aangekomen(ronde, scope),
        "mag_opnieuw_versturen": mag_opnieuw_versturen(request.user) and ronde.is_open,
        "provincies": provincies_van(request.user).filter(gemeenten__deelnames__ronde=ronde).distinct(),
        "provincie": provincie,
        "heropen_form": HeropenForm(),
    }
    vastleggen(
        Actie.BEKEKEN, request=request, object=ronde, toelichting="stand van de ronde met contactpersonen"
    )
    return render(request, "rondes/detail.html", context)


def _klaargezet(opdracht, wat: str) -> str:
    n = opdracht.verzendingen.count()
    return (
        f"{n} e-mail{'' if n == 1 else 's'} {wat}; het versturen loopt op de achtergrond "
        "en de stand staat hieronder."
    )


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def uitnodigen(request, pk: int):
    ronde = _ronde(request, pk)
    try:
        opdracht = services.ronde_uitnodigen(
            ronde=ronde, door=request.user, basis_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _klaargezet(opdracht, "klaargezet"))
    return redirect("rondes:detail", ronde.pk)


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def opnieuw_versturen(request, pk: int):
    """Send the failed (and, once confirmed, the in-doubt) invitations of the chosen municipalities
    again, or of all when none is chosen."""
    ronde = _ronde(request, pk)
    vereis(mag_opnieuw_versturen(request.user))
    form = OpnieuwVersturenForm(request.POST, ronde=ronde)
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
        return redirect(reverse("rondes:detail", args=[ronde.pk]) + "#niet-aangekomen")
    try:
        opdracht = services.uitnodigingen_opnieuw_versturen(
            ronde=ronde,
            door=request.user,
            basis_url=request.build_absolute_uri("/"),
            deelnemers=form.cleaned_data["deelnemers"] or None,
            ook_onzeker=form.cleaned_data["ook_onzeker"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _klaargezet(opdracht, "opnieuw klaargezet"))
    return redirect(reverse("rondes:detail", args=[ronde.pk]) + "#niet-aangekomen")


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def sluiten(request, pk: int):
    ronde = _ronde(request, pk)
    try:
        services.ronde_sluiten(ronde=ronde, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Ronde '{ronde}' is gesloten; er gaan geen herinneringen meer uit.")
    return redirect("rondes:detail", ronde.pk)


@rol_vereist(User.Rol.COORDINATOR)
def heropenen(request, pk: int):
    ronde = _ronde(request, pk)
    form = HeropenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ronde_heropenen(ronde=ronde, door=request.user, sluit_op=form.cleaned_data["sluit_op"])
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request, f"Ronde '{ronde}' is weer open tot {datum_tekst(form.cleaned_data['sluit_op'])}."
            )
            return redirect("rondes:detail", ronde.pk)
    return render(request, "rondes/heropenen.html", {"ronde": ronde, "form": form})


@rol_vereist(*BEHEER)
def opdracht_status(request, pk: int, opdracht_pk: int):
    ronde = _ronde(request, pk)
    opdracht = get_object_or_404(Verzendopdracht, pk=opdracht_pk, ronde=ronde)
    tellingen = selectors.opdracht_tellingen(opdracht, zichtbaar_in_ronde(request.user))
    klaar = opdracht.status == Verzendopdracht.Status.KLAAR
    return JsonResponse(
        {
            "status": opdracht.status,
            "klaar": klaar,
            "label": f"{tellingen['verwerkt']} van {tellingen['totaal']} verwerkt: "
            f"{tellingen['verzonden']} verzonden, {tellingen['mislukt']} mislukt, "
            f"{tellingen['onzeker']} onzeker" + ("" if klaar else " — bezig…"),
            **tellingen,
        }
    )


@require_POST
@rol_vereist(*BEHEER)
def pauzeren(request, pk: int, deelnemer_pk: int):
    ronde = _ronde(request, pk)
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("gemeente"), pk=deelnemer_pk, ronde=ronde)
    vereis(mag_herinneringen_pauzeren(request.user, deelnemer.gemeente))
    pauzeren = request.POST.get("pauzeren") == "1"
    services.herinneringen_pauzeren(deelnemer=deelnemer, door=request.user, pauzeren=pauzeren)
    messages.success(
        request,
        f"Herinneringen voor {deelnemer.gemeente} zijn {'gepauzeerd' if pauzeren else 'weer aan'}.",
    )
    terug = request.POST.get("terug", "")
    # only a path on this site: redirect() would take any other word for a URL name (and fail)
    if terug.startswith("/") and url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(terug)
    return redirect("rondes:detail", ronde.pk)


NIET_GEREAGEERD_KOLOMMEN = [
    "cbs_code",
    "gemeente",
    "provincie",
    "status",
    "basisfuncties ingevuld",
    "e-mail",
    "laatste mail",
    "herinneringen gepauzeerd",
    "contactpersonen",
    "accounts",
]


@rol_vereist(*BEHEER)
def export(request, pk: int, formaat: str):
    """The municipalities that have not submitted, with their contacts: a call list."""
    if formaat not in ("csv", "xlsx"):
        raise Http404
    ronde = _ronde(request, pk)
    scope = zichtbaar_in_ronde(request.user)
    if provincie := _gekozen_provincie(request):
        scope = scope.filter(provincie=provincie)
    rijen = [
        [
            d.gemeente.cbs_code,
            d.gemeente.naam,
            d.gemeente.provincie.naam,
            d.status,
            d.ingevuld,
            d.mailstand,
            d.laatste_mail,
            d.herinneringen_gepauzeerd,
            "; ".join(
                f"{c.naam} <{c.email}>{f' ({c.functie})' if c.functie else ''}"
                for c in d.gemeente.contactpersonen.all()
            ),
            "; ".join(f"{a.naam} <{a.email}>" for a in d.gemeente.actieve_accounts),
        ]
        for d in selectors.met_stand(ronde, selectors.niet_gereageerd(ronde, scope))
    ]
    naam = f"niet-gereageerd-ronde-{ronde.pk}.{formaat}"
    if formaat == "csv":
        return bestand_response(csv_bytes(NIET_GEREAGEERD_KOLOMMEN, rijen), naam)
    return bestand_response(xlsx_bytes({"Niet gereageerd": (NIET_GEREAGEERD_KOLOMMEN, rijen)}), naam)
