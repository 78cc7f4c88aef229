from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import mag_importeren, rol_vereist, vereis, zichtbare_gemeente
from advies import beleidsplan, selectors, services, uitwisseling
from advies.filters import AdviseursFilter, GesprekkenFilter
from advies.forms import (
    AanvraagForm,
    AdviseurForm,
    BeleidsstapForm,
    BijeenkomstForm,
    GesprekForm,
    PeriodeEindeForm,
    ReactieForm,
    TrajectForm,
    VerplaatsForm,
)
from advies.models import Adviesaanvraag, Adviseur
from advies.permissions import (
    mag_aanvraag_aannemen,
    mag_advies_aanvragen,
    mag_beleidsplan_bijhouden,
    mag_bijeenkomst_wijzigen,
    mag_bijeenkomsten_loggen,
    mag_gesprek_wijzigen,
    mag_gesprekken_exporteren,
    mag_gesprekken_loggen,
    mag_op_beleidsplan_reageren,
    mag_traject_wijzigen,
    zichtbare_aanvragen,
    zichtbare_bijeenkomsten,
    zichtbare_gesprekken,
    zichtbare_trajecten,
)
from importen.views import ImportPagina
from toolkit.datums import datum_tekst
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.filters import PER_PAGINA, zoekterm
from toolkit.invoer import fouten_op_form


def _gefilterd(request) -> GesprekkenFilter:
    """The sessions of the list and the export: the filters' choice within what the user sees,
    and with ``?mijn=1`` an adviser's own."""
    return GesprekkenFilter(request.GET, user=request.user, mijn=bool(request.GET.get("mijn")))


@login_required
def lijst(request):
    gefilterd = _gefilterd(request)
    pagina = Paginator(gefilterd.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "advies/lijst.html",
        {
            "form": gefilterd.form,
            "pagina": pagina,
            "query": zoekterm(request),
            "mag_loggen": mag_gesprekken_loggen(request.user),
            "mijn": bool(request.GET.get("mijn")),
        },
    )


@login_required
def export(request, formaat: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    vereis(mag_gesprekken_exporteren(request.user))
    rijen = selectors.export_rijen(_gefilterd(request).qs)
    naam = f"adviesgesprekken-{timezone.localdate():%Y-%m-%d}.{formaat}"
    if formaat == "xlsx":
        return bestand_response(xlsx_bytes({"Adviesgesprekken": (selectors.EXPORT_KOLOMMEN, rijen)}), naam)
    return bestand_response(csv_bytes(selectors.EXPORT_KOLOMMEN, rijen), naam)


@rol_vereist(User.Rol.ADVISEUR)
def nieuw(request):
    form = GesprekForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"datum": timezone.localdate(), **_uit_aanvraag(request)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            gesprek = services.adviesgesprek_log(
                adviseur=request.user, aanvraag=form.cleaned_data.get("aanvraag"), **form.velden()
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"Het gesprek van {datum_tekst(gesprek.datum)} is vastgelegd.")
            if request.POST.get("actie") == "nog-een":
                return redirect("advies:nieuw")
            return redirect("advies:lijst")
    return render(request, "advies/gesprek_form.html", {"form": form, "titel": "Adviesgesprek vastleggen"})


def _uit_aanvraag(request) -> dict:
    """A session opened from an advice request (``?aanvraag=``) starts with its municipality and
    the themes of its basisfuncties ticked."""
    pk = request.GET.get("aanvraag", "")
    aanvraag = (
        selectors.aanvragen_om_te_beantwoorden_van(request.user).filter(pk=pk).first()
        if pk.isdigit()
        else None
    )
    if aanvraag is None:
        return {}
    themas = list(selectors.themas_van_aanvraag(aanvraag))
    domeinen = {t.domein for t in themas}
    return {
        "aanvraag": aanvraag,
        "gemeenten": [aanvraag.gemeente],
        "themas": themas,
        "onderwerp": domeinen.pop() if len(domeinen) == 1 else ("beide" if domeinen else None),
    }


def _gesprek(request, pk: int):
    return get_object_or_404(
        zichtbare_gesprekken(request.user).select_related(
            "adviseur", "organisatie", "traject", "verwijderd_door"
        ),
        pk=pk,
    )


@login_required
def detail(request, pk: int):
    gesprek = _gesprek(request, pk)
    return render(
        request,
        "advies/gesprek_detail.html",
        {
            "gesprek": gesprek,
            "gemeenten": gesprek.gemeenten.select_related("provincie").order_by("naam"),
            "themas": gesprek.themas.order_by("volgorde"),
            "versies": selectors.versies_van(gesprek),
            "mag_wijzigen": mag_gesprek_wijzigen(request.user, gesprek) and not gesprek.is_verwijderd,
        },
    )


@login_required
def bewerken(request, pk: int):
    gesprek = _gesprek(request, pk)
    vereis(mag_gesprek_wijzigen(request.user, gesprek) and not gesprek.is_verwijderd)
    form = GesprekForm(request.POST if request.method == "POST" else None, user=request.user, gesprek=gesprek)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.adviesgesprek_wijzigen(
                gesprek=gesprek, door=request.user, versie=form.cleaned_data["versie"] or 0, **form.velden()
            )
        except services.GewijzigdDoorAnder as exc:
            conflict = exc.bericht
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, "Het gesprek is bijgewerkt.")
            return redirect("advies:detail", gesprek.pk)
    return render(
        request,
        "advies/gesprek_form.html",
        {
            "form": form,
            "gesprek": gesprek,
            "conflict": conflict,
            "titel": f"Gesprek van {datum_tekst(gesprek.datum)} wijzigen",
        },
    )


@login_required
def verwijderen(request, pk: int):
    """GET asks for confirmation (what will be deleted, and that a coordinator can restore it);
    POST deletes."""
    gesprek = _gesprek(request, pk)
    vereis(mag_gesprek_wijzigen(request.user, gesprek))
    if gesprek.is_verwijderd:
        return redirect("advies:detail", gesprek.pk)
    if request.method != "POST":
        return render(request, "advies/gesprek_verwijderen.html", {"gesprek": gesprek})
    services.adviesgesprek_verwijderen(gesprek=gesprek, door=request.user)
    messages.success(
        request,
        f"Het gesprek van {datum_tekst(gesprek.datum)} is verwijderd. Het telt niet meer mee; "
        "een coördinator kan het herstellen als dit een vergissing was.",
    )
    return redirect("advies:lijst")


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def herstellen(request, pk: int):
    gesprek = _gesprek(request, pk)
    services.adviesgesprek_herstellen(gesprek=gesprek, door=request.user)
    messages.success(request, "Het gesprek is hersteld.")
    return redirect("advies:detail", gesprek.pk)


@login_required
def trajecten(request):
    return render(
        request,
        "advies/trajecten.html",
        {
            "trajecten": selectors.trajecten_voor_lijst(request.user),
            "mag_loggen": mag_gesprekken_loggen(request.user),
        },
    )


@login_required
def traject_detail(request, pk: int):
    traject = get_object_or_404(selectors.trajecten_voor_lijst(request.user), pk=pk)
    gesprekken = selectors.gesprekken_voor_lijst(request.user, selectors.GesprekFilter()).filter(
        traject=traject
    )
    return render(
        request,
        "advies/traject_detail.html",
        {
            "traject": traject,
            "plannen": selectors.plannen_van_traject(traject),
            "gesprekken": gesprekken,
            "mag_wijzigen": mag_traject_wijzigen(request.user, traject),
        },
    )


@login_required
def traject_form(request, pk: int | None = None):
    traject = get_object_or_404(zichtbare_trajecten(request.user), pk=pk) if pk else None
    vereis(mag_traject_wijzigen(request.user, traject) if traject else mag_gesprekken_loggen(request.user))
    form = TrajectForm(
        request.POST if request.method == "POST" else None, instance=traject, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k != "gemeenten"}
        try:
            traject = services.adviestraject_opslaan(
                door=request.user, traject=traject, gemeenten=form.cleaned_data["gemeenten"], **velden
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"Adviestraject '{traject}' is opgeslagen.")
            return redirect("advies:traject_detail", traject.pk)
    return render(request, "advies/traject_form.html", {"form": form, "traject": traject})


@rol_vereist(User.Rol.COORDINATOR)
def adviseurs(request):
    form = AdviseurForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            periode = services.adviseur_toevoegen(door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request,
                f"{periode.user} is toegevoegd aan de pool van {periode.organisatie}. "
                "De adviseur kiest een wachtwoord via 'Wachtwoord vergeten'.",
            )
            return redirect("advies:adviseurs")
    return _poolpagina(request, form)


def _poolpagina(request, form: AdviseurForm, *, rij: Adviseur | None = None, rij_form=None):
    """The pool page; ``rij_form`` is the end or move form of the period ``rij`` that was sent
    back with errors, shown open in that period's row with what the coordinator typed."""
    peildatum = timezone.localdate()
    pool = selectors.pool_op(peildatum)
    gefilterd = AdviseursFilter(request.GET)
    perioden = gefilterd.qs.filter(pk=rij.pk) if rij else gefilterd.qs
    pagina = Paginator(perioden, PER_PAGINA).get_page(request.GET.get("pagina"))
    for periode in pagina:
        if rij and periode.pk == rij.pk:
            soort = "einde_form" if isinstance(rij_form, PeriodeEindeForm) else "verplaats_form"
            setattr(periode, soort, rij_form)
    return render(
        request,
        "advies/adviseurs.html",
        {
            "form": form,
            "pool": pool,
            "totaal": sum(r["actief"] for r in pool),
            "peildatum": peildatum,
            "filter_form": gefilterd.form,
            "pagina": pagina,
            "alleen_rij": rij,
        },
    )


def _rij_form(form_klasse, periode: Adviseur, data):
    """A row's form, with ids of its own (``einde-12-per``), as the row's fields have."""
    soort = "einde" if form_klasse is PeriodeEindeForm else "verplaats"
    return form_klasse(data, auto_id=f"{soort}-{periode.pk}-%s")


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def adviseur_beeindigen(request, pk: int):
    periode = get_object_or_404(Adviseur.objects.select_related("user"), pk=pk)
    form = _rij_form(PeriodeEindeForm, periode, request.POST)
    if form.is_valid():
        try:
            services.adviseur_beeindigen(periode=periode, per=form.cleaned_data["per"], door=request.user)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request, f"De periode van {periode.user} eindigt op {datum_tekst(form.cleaned_data['per'])}."
            )
            return redirect("advies:adviseurs")
    return _poolpagina(request, AdviseurForm(), rij=periode, rij_form=form)


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def adviseur_verplaatsen(request, pk: int):
    periode = get_object_or_404(Adviseur.objects.select_related("user", "organisatie"), pk=pk)
    form = _rij_form(VerplaatsForm, periode, request.POST)
    if form.is_valid():
        try:
            services.adviseur_verplaatsen(periode=periode, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request,
                f"{periode.user} werkt vanaf {datum_tekst(form.cleaned_data['per'])} bij {form.cleaned_data['naar']}.",
            )
            return redirect("advies:adviseurs")
    return _poolpagina(request, AdviseurForm(), rij=periode, rij_form=form)


class Importeren(ImportPagina):
    titel = "Adviesgesprekken importeren"
    kop = "Historische adviesgesprekken importeren"
    uitleg = mark_safe(
        "Eén regel per gesprek met de kolommen <code>datum</code>, <code>gerapporteerd_op</code>,"
        " <code>adviseur</code> (e-mailadres), <code>gemeenten</code> (CBS-codes gescheiden door"
        " <code>;</code>), <code>onderwerp</code> (vrijwilligerswerk, mantelzorg of beide),"
        " <code>themas</code> (namen gescheiden door <code>;</code>), <code>uren</code> en"
        " <code>verslag</code>; <code>vervolgafspraken</code> mag erbij.\nGesprekken worden"
        " gecontroleerd zoals in het formulier. Bevat het bestand een fout, dan wordt niets geïmporteerd.\n"
        "Rapporten 'zoals bekend op' een eerdere datum veranderen niet door deze import; in een rapport"
        " 'met latere correcties' staan de gesprekken als later vastgelegd."
    )
    soort = uitwisseling.GESPREKKEN
    mag_importeren = staticmethod(mag_importeren)

    def vervolg_url(self) -> str:
        return reverse("advies:lijst")


# --- Advice requests -------------------------------------------------------------------------


@login_required
def aanvraag_nieuw(request, cbs_code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vereis(mag_advies_aanvragen(request.user, gemeente))
    meting = selectors.laatste_ingediende_meting(gemeente, request.GET.get("vragenlijst", ""))
    gekozen = request.GET.getlist("basisfunctie")
    form = AanvraagForm(
        request.POST if request.method == "POST" else None,
        gemeente=gemeente,
        meting=meting,
        initial={"basisfuncties": selectors.basisfuncties_met_code(gekozen)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = services.adviesaanvraag_indienen(
                gemeente=gemeente,
                door=request.user,
                meting=meting,
                basis_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request, f"Uw aanvraag is verstuurd naar de adviseurs van {aanvraag.organisatie}."
            )
            return redirect("advies:aanvraag_detail", aanvraag.pk)
    return render(
        request, "advies/aanvraag_form.html", {"form": form, "gemeente": gemeente, "meting": meting}
    )


@login_required
def aanvragen(request):
    lijst = selectors.aanvragen_voor_lijst(request.user)
    pagina = Paginator(lijst, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "advies/aanvragen.html",
        {
            "pagina": pagina,
            "per_cmo": selectors.wachtende_aanvragen_per_cmo(request.user)
            if not request.user.is_gemeente
            else [],
        },
    )


@login_required
def aanvraag_detail(request, pk: int):
    aanvraag = get_object_or_404(selectors.aanvragen_voor_lijst(request.user), pk=pk)
    mag_aannemen = mag_aanvraag_aannemen(request.user, aanvraag)
    return render(
        request,
        "advies/aanvraag_detail.html",
        {
            "aanvraag": aanvraag,
            "mag_aannemen": mag_aannemen and aanvraag.status == Adviesaanvraag.Status.INGEDIEND,
            "mag_gesprek_loggen": mag_aannemen and aanvraag.is_open and mag_gesprekken_loggen(request.user),
        },
    )


@require_POST
@login_required
def aanvraag_aannemen(request, pk: int):
    aanvraag = get_object_or_404(zichtbare_aanvragen(request.user), pk=pk)
    vereis(mag_aanvraag_aannemen(request.user, aanvraag))
    try:
        services.adviesaanvraag_aannemen(aanvraag=aanvraag, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"U heeft de aanvraag van {aanvraag.gemeente} aangenomen.")
    return redirect("advies:aanvraag_detail", aanvraag.pk)


# --- The nine-step plan --------------------------------------------------------------------


@login_required
def beleidsplan_detail(request, cbs_code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    return render(
        request,
        "advies/beleidsplan.html",
        {
            "gemeente": gemeente,
            "stappen": selectors.beleidsplan_van(gemeente),
            "voortgang": selectors.plan_voortgang([gemeente.pk]).get(gemeente.pk, selectors.GEEN_VOORTGANG),
            "mag_bijhouden": mag_beleidsplan_bijhouden(request.user, gemeente),
            "mag_reageren": mag_op_beleidsplan_reageren(request.user, gemeente),
        },
    )


@login_required
def beleidsstap(request, cbs_code: str, stap: int):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    if stap not in beleidsplan.STAP:
        raise Http404
    mag_bijhouden = mag_beleidsplan_bijhouden(request.user, gemeente)
    mag_reageren = mag_op_beleidsplan_reageren(request.user, gemeente)
    vereis(mag_bijhouden or mag_reageren)
    rij = selectors.beleidsplan_van(gemeente)[stap - 1].rij
    actie = _gekozen_actie(request, mag_bijhouden, mag_reageren)
    stap_form = reactie_form = None
    if mag_bijhouden:
        stap_form = BeleidsstapForm(
            request.POST if actie == "stap" else None, gemeente=gemeente, initial=_stap_begin(rij)
        )
    if mag_reageren:
        reactie_form = ReactieForm(
            request.POST if actie == "reactie" else None, initial={"reactie": rij.reactie if rij else ""}
        )
    klaar = _stap_opslaan(request, gemeente, stap, stap_form, reactie_form, actie)
    if klaar:
        return redirect(reverse("advies:beleidsplan", args=[gemeente.cbs_code]) + f"#stap-{stap}")
    return render(
        request,
        "advies/beleidsstap_form.html",
        {
            "gemeente": gemeente,
            "stap": beleidsplan.STAP[stap],
            "rij": rij,
            "stap_form": stap_form,
            "reactie_form": reactie_form,
        },
    )


def _gekozen_actie(request, mag_bijhouden: bool, mag_reageren: bool) -> str | None:
    """Which of the step page's forms a post is for: the one it names (refused when the user does
    not have that form), else the user's first."""
    if request.method != "POST":
        return None
    toegestaan = {"stap": mag_bijhouden, "reactie": mag_reageren}
    actie = request.POST.get("actie")
    if actie in toegestaan:
        vereis(toegestaan[actie])
        return actie
    return "stap" if mag_bijhouden else "reactie"


def _stap_begin(rij) -> dict:
    if rij is None:
        return {"status": "niet_begonnen"}
    return {
        "status": rij.status,
        "datum": rij.datum,
        "notitie": rij.notitie,
        "document": rij.document,
        "gesprekken": list(rij.gesprekken.all()),
    }


def _stap_opslaan(request, gemeente, stap: int, stap_form, reactie_form, actie) -> bool:
    """Store the posted form of the step page; True when it was stored."""
    form = {"stap": stap_form, "reactie": reactie_form}.get(actie or "")
    if form is None or not form.is_valid():
        return False
    try:
        if actie == "stap":
            services.beleidsstap_bijwerken(
                gemeente=gemeente, stap=stap, door=request.user, **form.cleaned_data
            )
        else:
            services.beleidsstap_reageren(
                gemeente=gemeente, stap=stap, door=request.user, **form.cleaned_data
            )
    except ValidationError as exc:
        fouten_op_form(form, exc)
        return False
    messages.success(request, f"Stap {stap} van het beleidsplan van {gemeente} is bijgewerkt.")
    return True


@login_required
def beleidsplannen(request):
    if request.user.is_gemeente:
        return redirect("advies:beleidsplan", request.user.gemeente.cbs_code)
    gemeenten = selectors.plannen_voor_lijst(request.user, timezone.localdate())
    pagina = Paginator(gemeenten, 100).get_page(request.GET.get("pagina"))
    return render(request, "advies/beleidsplannen.html", {"pagina": pagina, "aantal": beleidsplan.AANTAL})


# --- Meetings ------------------------------------------------------------------------------


@login_required
def bijeenkomsten(request):
    pagina = Paginator(selectors.bijeenkomsten_voor_lijst(request.user), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "advies/bijeenkomsten.html",
        {"pagina": pagina, "mag_loggen": mag_bijeenkomsten_loggen(request.user)},
    )


@login_required
def bijeenkomst_detail(request, pk: int):
    bijeenkomst = get_object_or_404(selectors.bijeenkomsten_voor_lijst(request.user), pk=pk)
    return render(
        request,
        "advies/bijeenkomst_detail.html",
        {
            "bijeenkomst": bijeenkomst,
            "gemeenten": bijeenkomst.gemeenten.select_related("provincie").order_by(
                "provincie__naam", "naam"
            ),
            "mag_wijzigen": mag_bijeenkomst_wijzigen(request.user, bijeenkomst),
        },
    )


@login_required
def bijeenkomst_form(request, pk: int | None = None):
    bijeenkomst = get_object_or_404(zichtbare_bijeenkomsten(request.user), pk=pk) if pk else None
    vereis(
        mag_bijeenkomst_wijzigen(request.user, bijeenkomst)
        if bijeenkomst
        else mag_bijeenkomsten_loggen(request.user)
    )
    form = BijeenkomstForm(
        request.POST if request.method == "POST" else None,
        bijeenkomst=bijeenkomst,
        initial=None if bijeenkomst else {"datum": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            bijeenkomst = services.bijeenkomst_opslaan(
                door=request.user, bijeenkomst=bijeenkomst, **form.cleaned_data
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"De bijeenkomst van {datum_tekst(bijeenkomst.datum)} is opgeslagen.")
            return redirect("advies:bijeenkomst_detail", bijeenkomst.pk)
    return render(request, "advies/bijeenkomst_form.html", {"form": form, "bijeenkomst": bijeenkomst})
