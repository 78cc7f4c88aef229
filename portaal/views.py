"""Pages that combine several apps: each role's start page, the municipality page and an
official's questionnaires. The apps below provide the numbers; scope comes from their
permissions modules."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import (
    mag_contacten_beheren,
    mag_persoonsgegevens_beheren,
    rol_vereist,
    vereis,
    zichtbare_gemeente,
    zichtbare_gemeenten,
    zichtbare_uitslagen,
)
from advies import selectors as advies_selectors
from gemeenten import selectors as gemeenten_selectors
from nulmeting import selectors as nulmeting_selectors
from nulmeting import uitwisseling as nulmeting_uitwisseling
from nulmeting.models import Vragenlijst
from portaal import persoonsgegevens as privacy
from portaal import startpagina
from portaal.dashboard import dashboard_kaarten
from portaal.filters import GemeentenStandFilter
from portaal.forms import PersoonWissenForm, PersoonZoekenForm
from rondes import selectors as rondes_selectors
from rondes.models import Ronde
from rondes.permissions import mag_herinneringen_pauzeren, zichtbare_rondes
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.filters import PER_PAGINA, zoekterm


@login_required
def dashboard(request):
    user = request.user
    vandaag = timezone.localdate()
    context = {"vandaag": vandaag, "open_aanvragen": []}
    if not user.is_coordinator:  # coordinators follow them per CMO on the requests page
        context["open_aanvragen"] = list(advies_selectors.open_aanvragen(user)[:20])
    if user.is_gemeente:
        deelnames = rondes_selectors.deelnames_van_gemeente(user.gemeente)
        standen = {
            s.vragenlijst.pk: s for s in nulmeting_selectors.stand_per_vragenlijst(user.gemeente, vandaag)
        }
        for d in deelnames:  # the own result, or the predecessors' behind "ingediend"
            d.stand = standen[d.ronde.vragenlijst_id]
        in_rondes = {d.ronde.vragenlijst_id for d in deelnames}
        context["gemeente"] = user.gemeente
        context["deelnames"] = deelnames
        # the results of questionnaires not in an open round (those are above)
        context["uitkomsten"] = [
            s for s in standen.values() if s.ingediend and s.vragenlijst.pk not in in_rondes
        ]
        context["zichtbare_uitslagen"] = _zichtbare_uitslagen(user, standen.values())
        context["te_doen"] = startpagina.gemeente_te_doen(user.gemeente, deelnames)
        # what is still to do stands under "Uw volgende stap"; the rest of the rounds below it
        bezig = {t.deelname.pk for t in context["te_doen"]}
        context["deelnames"] = [d for d in deelnames if d.pk not in bezig]
        context["ingediend"] = [s for s in standen.values() if s.ingediend]
        template = "portaal/dashboard/gemeente.html"
    else:
        context["rondes"] = rondes_selectors.rondes_met_voortgang(
            zichtbare_rondes(user).filter(pk__in=Ronde.objects.open_op(vandaag)), zichtbare_gemeenten(user)
        )
        context["per_provincie"] = gemeenten_selectors.aantal_per_provincie(
            zichtbare_gemeenten(user), vandaag
        )
        context["organisatie"] = user.organisatie if user.is_adviseur else None
        context.update(dashboard_kaarten(user, vandaag))
        if user.is_adviseur:
            context.update(startpagina.adviseur_start(user, vandaag))
        else:
            context.update(startpagina.coordinator_start(user, vandaag))
        template = (
            "portaal/dashboard/adviseur.html" if user.is_adviseur else "portaal/dashboard/coordinator.html"
        )
    return render(request, template, context)


@login_required
def gemeente(request, cbs_code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vandaag = timezone.localdate()
    standen = [
        s
        for s in nulmeting_selectors.stand_per_vragenlijst(gemeente, vandaag)
        if s.meting or s.voorganger_metingen
    ]
    context = {
        "gemeente": gemeente,
        "opvolgers": gemeenten_selectors.opvolgers_op(gemeente, vandaag)
        if not gemeente.bestaat_op(vandaag)
        else [],
        "voorgangers": gemeenten_selectors.voorgangers(gemeente),
        "inwonertallen": gemeente.inwonertallen.all()[:5],
        "standen": standen,
        "alleen_door_voorgangers": any(s.door_voorgangers for s in standen)
        and not any(s.meting and s.meting.is_ingediend for s in standen),
        "zichtbare_uitslagen": _zichtbare_uitslagen(request.user, standen),
        "typetests": gemeente.typetests.all()[:3],
        **advies_selectors.gemeente_advies(request.user, gemeente),
        "contactpersonen": gemeente.contactpersonen.all(),
        "mag_contacten_beheren": mag_contacten_beheren(request.user, gemeente),
        "verzendingen": rondes_selectors.verzendingen_van_gemeente(gemeente),
        "deelnames": rondes_selectors.deelnames_van_gemeente(gemeente),
        "mag_pauzeren": mag_herinneringen_pauzeren(request.user, gemeente),
    }
    vastleggen(
        Actie.BEKEKEN, request=request, object=gemeente, toelichting="gemeentepagina met contactpersonen"
    )
    return render(request, "portaal/gemeente.html", context)


@login_required
def vragenlijsten(request):
    """An official's entry: the open questionnaires of their municipality and the typetest."""
    if not request.user.is_gemeente:
        return redirect("portaal:nulmeting_overzicht")
    gemeente = request.user.gemeente
    standen = nulmeting_selectors.stand_per_vragenlijst(gemeente, timezone.localdate())
    rondes = rondes_selectors.rondes_van_gemeente(gemeente)
    return render(
        request,
        "portaal/vragenlijsten.html",
        {
            "gemeente": gemeente,
            "vragenlijsten": [(s, rondes.get(s.vragenlijst.pk)) for s in standen],
            "zichtbare_uitslagen": _zichtbare_uitslagen(request.user, standen),
            "typetests": gemeente.typetests.all()[:5],
        },
    )


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def nulmeting_overzicht(request):
    """The nulmeting (or another questionnaire) per province and per municipality, the second
    list filtered by name, province, status and round and paged."""
    vragenlijst = nulmeting_selectors.gekozen_vragenlijst(request.GET.get("vragenlijst"))
    vandaag = timezone.localdate()
    context = {"vragenlijst": vragenlijst, "vragenlijsten": Vragenlijst.objects.all(), "vandaag": vandaag}
    if vragenlijst:
        gemeenten = zichtbare_gemeenten(request.user)
        gefilterd = _gemeenten_gefilterd(request, vragenlijst, vandaag)
        pagina = Paginator(gefilterd.qs, PER_PAGINA * 2).get_page(request.GET.get("pagina"))
        rijen = nulmeting_selectors.met_voorganger_metingen(list(pagina), vragenlijst, vandaag)
        context |= {
            "per_provincie": nulmeting_selectors.deelname_per_provincie(gemeenten, vragenlijst, vandaag),
            "filter_form": gefilterd.form,
            "pagina": pagina,
            "gemeenten": rijen,
            "query": zoekterm(request),
            "zichtbare_uitslagen": zichtbare_uitslagen(
                request.user, [m.gemeente for g in rijen for m in g.voorganger_metingen]
            ),
        }
    return render(request, "portaal/nulmeting_overzicht.html", context)


def _gemeenten_gefilterd(request, vragenlijst, datum) -> GemeentenStandFilter:
    return GemeentenStandFilter(
        request.GET,
        queryset=nulmeting_selectors.overzicht_queryset(
            zichtbare_gemeenten(request.user), vragenlijst, datum
        ),
        user=request.user,
        vragenlijst=vragenlijst,
    )


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def nulmeting_export(request, code: str, formaat: str):
    """The answers and scores of a questionnaire; with the overview's filters in the query string,
    of the municipalities they select."""
    if formaat not in ("csv", "xlsx"):
        raise Http404
    vragenlijst = get_object_or_404(Vragenlijst, code=code)
    gemeenten = zichtbare_gemeenten(request.user)
    gefilterd = _gemeenten_gefilterd(request, vragenlijst, timezone.localdate())
    if gefilterd.gekozen:
        gemeenten = gefilterd.qs.values("pk")
    metingen = nulmeting_selectors.metingen_voor_export(vragenlijst, gemeenten)
    kolommen, rijen = nulmeting_uitwisseling.export_rijen(metingen, vragenlijst)
    if formaat == "xlsx":
        inhoud = xlsx_bytes({"Antwoorden en scores": (kolommen, rijen)})
    else:
        inhoud = csv_bytes(kolommen, rijen)
    return bestand_response(inhoud, f"{vragenlijst.code}-{timezone.localdate():%Y-%m-%d}.{formaat}")


def toegankelijkheid(request):
    """The accessibility statement, for everyone, logged in or not."""
    return render(request, "portaal/toegankelijkheid.html", {"contact": settings.CONTACT_EMAIL})


def _zichtbare_uitslagen(user, standen) -> set[int]:
    """The predecessors among ``standen`` (rows with ``voorganger_metingen``) whose results
    ``user`` may open: their names link to them."""
    return zichtbare_uitslagen(user, [m.gemeente for s in standen for m in s.voorganger_metingen])


# --- one person's data (AVG), for coordinators ------------------------------------------------


@login_required
def persoonsgegevens(request):
    """Search one person by address; shows what is stored, with a download and erasure."""
    vereis(mag_persoonsgegevens_beheren(request.user))
    form = PersoonZoekenForm(request.GET or None)
    gegevens = None
    if form.is_bound and form.is_valid():
        gegevens = privacy.persoonsgegevens_van(form.cleaned_data["email"])
        vastleggen(
            Actie.BEKEKEN,
            request=request,
            object=privacy.account_van(gegevens["e-mailadres"]),
            toelichting="persoonsgegevens",
        )
    context = {
        "form": form,
        "gegevens": gegevens,
        "gevonden": gegevens is not None and privacy.heeft_gegevens(gegevens),
        "email": gegevens["e-mailadres"] if gegevens else "",
        "wis_form": PersoonWissenForm(initial={"email": gegevens["e-mailadres"]}) if gegevens else None,
        "toon_wissen": gegevens is not None and privacy.heeft_gegevens(gegevens),
    }
    return render(request, "portaal/persoonsgegevens.html", context)


@login_required
def persoonsgegevens_export(request):
    vereis(mag_persoonsgegevens_beheren(request.user))
    form = PersoonZoekenForm(request.GET or None)
    if not form.is_valid():
        return redirect("portaal:persoonsgegevens")
    gegevens = privacy.persoonsgegevens_van(form.cleaned_data["email"])
    response = JsonResponse(gegevens, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
    return response


@require_POST
@login_required
def persoonsgegevens_wissen(request):
    vereis(mag_persoonsgegevens_beheren(request.user))
    form = PersoonWissenForm(request.POST)
    if form.is_valid():
        try:
            privacy.persoonsgegevens_wissen(
                email=form.cleaned_data["email"], door=request.user, request=request
            )
        except PermissionDenied:
            form.add_error("email", "Uw eigen account kunt u hier niet wissen; vraag een andere coördinator.")
        else:
            messages.success(
                request, "De persoonsgegevens zijn gewist. Het auditlog houdt alleen het accountnummer."
            )
            return redirect("portaal:persoonsgegevens")
    gegevens = privacy.persoonsgegevens_van(form.data.get("email", "")) if form.data.get("email") else None
    context = {
        "form": PersoonZoekenForm(initial={"email": form.data.get("email", "")}),
        "gegevens": gegevens,
        "gevonden": gegevens is not None and privacy.heeft_gegevens(gegevens),
        "email": form.data.get("email", ""),
        "wis_form": form,
        "toon_wissen": True,  # with the reasons it was not erased
    }
    return render(request, "portaal/persoonsgegevens.html", context)
