from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import (
    mag_importeren,
    mag_meting_heropenen,
    mag_vragenlijst_invullen,
    rol_vereist,
    vereis,
    zichtbare_gemeente,
    zichtbare_uitslag,
)
from gemeenten.selectors import opvolgers_op
from importen.views import ImportPagina
from nulmeting import selectors, services, spiegel, typetest, uitwisseling
from nulmeting.forms import BasisfunctieForm, EenmetingForm, HeropenForm, TypetestForm
from nulmeting.kaarten import spiegel_kaart
from nulmeting.models import Meting, TypetestUitslag, Vragenlijst
from nulmeting.vervolg import vervolgstappen
from toolkit.export import bestand_response, csv_bytes
from toolkit.figuren import percentage_staven
from toolkit.invoer import fouten_op_form
from toolkit.pdf import render_pdf


def _vragenlijst(code: str) -> Vragenlijst:
    return get_object_or_404(Vragenlijst, code=code)


def _gesloten(request, vragenlijst: Vragenlijst):
    """Refuse to open, start or save a closed questionnaire: back to the questionnaires, with why."""
    messages.warning(
        request,
        f"{vragenlijst} is gesloten: u kunt deze vragenlijst niet meer invullen, wijzigen of indienen.",
    )
    return redirect("portaal:vragenlijsten")


def _stap_url(gemeente, vragenlijst, stap: int) -> str:
    return reverse("nulmeting:invullen", args=[gemeente.cbs_code, vragenlijst.code, stap])


@login_required
def invullen(request, cbs_code: str, code: str, stap: int):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vereis(mag_vragenlijst_invullen(request.user, gemeente))
    vragenlijst = _vragenlijst(code)
    basisfuncties = vragenlijst.opbouw.basisfuncties
    if not 1 <= stap <= len(basisfuncties):
        raise Http404
    meting = services.meting_voor(gemeente, vragenlijst)
    if meting and meting.is_ingediend:
        messages.info(request, "Deze meting is ingediend. U ziet hieronder de uitkomst.")
        return redirect("nulmeting:uitslag", gemeente.cbs_code, vragenlijst.code)
    if not vragenlijst.is_open:
        return _gesloten(request, vragenlijst)
    basisfunctie = basisfuncties[stap - 1]
    opgeslagen = services.antwoorden_van(meting)
    foutkop = None
    form = BasisfunctieForm(
        request.POST if request.method == "POST" else None,
        initial={v.code: opgeslagen.get(v.code, "") for v in basisfunctie.vragen},
        basisfunctie=basisfunctie,
        origineel=opgeslagen,
    )
    if request.method == "POST":
        if form.is_valid():
            meting, conflicten = services.antwoorden_opslaan(
                gemeente=gemeente,
                vragenlijst=vragenlijst,
                waarden=form.waarden(),
                origineel=form.origineel(),
                door=request.user,
            )
            if not conflicten:
                return redirect(_volgende(request, gemeente, vragenlijst, stap, len(basisfuncties)))
            form = _form_met_conflicten(request, basisfunctie, meting, conflicten)
            foutkop = "Bekijk de vragen die een collega intussen heeft gewijzigd:"
        else:
            foutkop = "Niet opgeslagen: verbeter eerst wat hieronder bij de vraag staat."
    ingevuld = selectors.ingevulde_basisfuncties(basisfuncties, opgeslagen)
    return render(
        request,
        "nulmeting/invullen.html",
        {
            "gemeente": gemeente,
            "vragenlijst": vragenlijst,
            "meting": meting,
            "basisfunctie": basisfunctie,
            "form": form,
            "foutkop": foutkop,
            "stap": stap,
            "stappen": [(i, b, ingevuld[i - 1]) for i, b in enumerate(basisfuncties, start=1)],
            "aantal": len(basisfuncties),
        },
    )


def _volgende(request, gemeente, vragenlijst, stap: int, aantal: int) -> str:
    actie = request.POST.get("actie", "volgende")
    if actie == "vorige" and stap > 1:
        return _stap_url(gemeente, vragenlijst, stap - 1)
    if actie.startswith("stap-") and actie[5:].isdigit() and 1 <= int(actie[5:]) <= aantal:
        return _stap_url(gemeente, vragenlijst, int(actie[5:]))
    if actie == "opslaan":
        messages.success(
            request, "Opgeslagen als concept. U kunt later verder gaan, ook vanaf een andere computer."
        )
        return _stap_url(gemeente, vragenlijst, stap)
    if actie == "volgende" and stap < aantal:
        return _stap_url(gemeente, vragenlijst, stap + 1)
    return reverse("nulmeting:samenvatting", args=[gemeente.cbs_code, vragenlijst.code])


def _form_met_conflicten(request, basisfunctie, meting, conflicten) -> BasisfunctieForm:
    """Show the colleague's answers as they are now, and say at each question what changed."""
    huidig = services.antwoorden_van(meting)
    data = request.POST.copy()
    for v in basisfunctie.vragen:
        data[f"origineel-{v.code}"] = huidig.get(v.code, "")
    for c in conflicten:
        data[c.vraag] = c.hun_waarde
    form = BasisfunctieForm(data, basisfunctie=basisfunctie, origineel=huidig)
    form.is_valid()
    for c in conflicten:
        form.add_error(
            c.vraag,
            f"{c.door} heeft dit antwoord intussen gewijzigd. Hieronder staat nu het antwoord van {c.door}; "
            "pas het aan als u het daar niet mee eens bent en sla opnieuw op.",
        )
    messages.warning(
        request,
        "Een collega heeft tegelijk met u aan deze pagina gewerkt. Uw andere antwoorden zijn opgeslagen; "
        "bekijk de gemarkeerde vragen.",
    )
    return form


@login_required
def samenvatting(request, cbs_code: str, code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vragenlijst = _vragenlijst(code)
    meting = services.meting_voor(gemeente, vragenlijst)
    gesloten = not vragenlijst.is_open and not (meting and meting.is_ingediend)
    if request.method == "POST":
        vereis(mag_vragenlijst_invullen(request.user, gemeente))
        if gesloten:
            return _gesloten(request, vragenlijst)
        if meting is None:
            messages.error(request, "Er zijn nog geen antwoorden om in te dienen.")
        else:
            try:
                services.meting_indienen(meting=meting, door=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("nulmeting:samenvatting", gemeente.cbs_code, vragenlijst.code)
            messages.success(request, "Ingediend. Hieronder ziet u de uitkomst.")
            return redirect("nulmeting:uitslag", gemeente.cbs_code, vragenlijst.code)
    elif gesloten and meting is None:
        return _gesloten(request, vragenlijst)  # nothing to show: it was never begun
    opgeslagen = services.antwoorden_van(meting)
    onderdelen = [
        (i, b, [(v, _leesbaar(v, opgeslagen.get(v.code, ""))) for v in b.vragen])
        for i, b in enumerate(vragenlijst.opbouw.basisfuncties, start=1)
    ]
    # every scored question without an answer, with the step it is on (the summary links to it)
    open_vragen = [
        (i, b, v)
        for i, b in enumerate(vragenlijst.opbouw.basisfuncties, start=1)
        for v in selectors.open_vragen(b, opgeslagen)
    ]
    return render(
        request,
        "nulmeting/samenvatting.html",
        {
            "gemeente": gemeente,
            "vragenlijst": vragenlijst,
            "meting": meting,
            "onderdelen": onderdelen,
            "open_vragen": open_vragen,
            "mag_invullen": vragenlijst.is_open and mag_vragenlijst_invullen(request.user, gemeente),
        },
    )


def _leesbaar(vraag, waarde: str) -> str:
    if not waarde:
        return ""
    for optie in vraag.opties:
        if optie.waarde == waarde:
            return optie.label
    if vraag.type == "getal":
        return waarde.replace(".", ",") + (f" {vraag.eenheid}" if vraag.eenheid else "")
    return waarde


def _uitslag_context(request, gemeente, vragenlijst) -> dict:
    meting = get_object_or_404(
        Meting.objects.select_related("gemeente__provincie", "vragenlijst__basis", "ingediend_door"),
        gemeente=gemeente,
        vragenlijst=vragenlijst,
        status=Meting.Status.INGEDIEND,
    )
    cijfers = spiegel.spiegelcijfers(meting, request.user)
    rijen = spiegel.spiegel(meting, cijfers)
    figuur = percentage_staven(
        [r.basisfunctie.naam for r in rijen],
        {
            f"Provincie {gemeente.provincie}": [r.provincie.procent for r in rijen],
            "Nederland": [r.land.procent for r in rijen],
        },
        titel=f"{gemeente}: uitkomst per basisfunctie naast provincie en land",
        markeringen=[
            ("goed" if r.score.goed_voor_elkaar else "niet goed") if r.score else "geen score" for r in rijen
        ],
    )
    return {
        "gemeente": gemeente,
        "vragenlijst": vragenlijst,
        "meting": meting,
        "cijfers": cijfers,
        "rijen": rijen,
        "met_nulmetingcijfers": any(r.provincie.bron or r.land.bron for r in rijen),
        "figuur": figuur,
        "vergelijking": spiegel.verandering(meting, cijfers),
        "gebeurtenissen": meting.gebeurtenissen.select_related("door"),
        "aantal_goed": sum(1 for r in rijen if r.score and r.score.goed_voor_elkaar),
        "gegenereerd_op": timezone.now(),
        "spiegel_minimum_n": settings.SPIEGEL_MINIMUM_N,
    }


@login_required
def uitslag(request, cbs_code: str, code: str):
    gemeente = zichtbare_uitslag(request.user, cbs_code)
    context = _uitslag_context(request, gemeente, _vragenlijst(code))
    context["heropen_form"] = HeropenForm() if mag_meting_heropenen(request.user) else None
    context["vervolgstappen"] = vervolgstappen(
        request.user,
        context["meting"],
        [r.basisfunctie for r in context["rijen"] if r.score and not r.score.goed_voor_elkaar],
    )
    vandaag = timezone.localdate()
    context["opgegaan_in"] = [] if gemeente.bestaat_op(vandaag) else opvolgers_op(gemeente, vandaag)
    basisfuncties = [r.basisfunctie for r in context["rijen"]]
    gekozen = next((b for b in basisfuncties if b.code == request.GET.get("basisfunctie")), None)
    if basisfuncties:
        context["basisfuncties"] = basisfuncties
        context["kaart_basisfunctie"] = gekozen or basisfuncties[0]
        context["kaart"] = spiegel_kaart(
            context["meting"], context["kaart_basisfunctie"], timezone.localdate(), context["cijfers"]
        )
    vastleggen(Actie.BEKEKEN, request=request, object=context["meting"], toelichting="uitslag")
    return render(request, "nulmeting/uitslag.html", context)


@login_required
def uitslag_pdf(request, cbs_code: str, code: str):
    gemeente = zichtbare_uitslag(request.user, cbs_code)
    context = _uitslag_context(request, gemeente, _vragenlijst(code))
    _, pdf = render_pdf("nulmeting/pdf/uitslag.html", context)
    return bestand_response(pdf, f"uitslag-{code}-{gemeente.cbs_code}.pdf")


@login_required
def antwoorden_pdf(request, cbs_code: str, code: str):
    gemeente = zichtbare_uitslag(request.user, cbs_code)
    vragenlijst = _vragenlijst(code)
    meting = get_object_or_404(Meting, gemeente=gemeente, vragenlijst=vragenlijst)
    opgeslagen = services.antwoorden_van(meting)
    onderdelen = [
        (b, [(v, _leesbaar(v, opgeslagen.get(v.code, ""))) for v in b.vragen])
        for b in vragenlijst.opbouw.basisfuncties
    ]
    context = {
        "gemeente": gemeente,
        "vragenlijst": vragenlijst,
        "meting": meting,
        "onderdelen": onderdelen,
        "gegenereerd_op": timezone.now(),
    }
    _, pdf = render_pdf("nulmeting/pdf/antwoorden.html", context)
    return bestand_response(pdf, f"antwoorden-{code}-{gemeente.cbs_code}.pdf")


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def heropenen(request, cbs_code: str, code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    meting = get_object_or_404(Meting, gemeente=gemeente, vragenlijst__code=code)
    form = HeropenForm(request.POST)
    if form.is_valid():
        try:
            services.meting_heropenen(meting=meting, door=request.user, reden=form.cleaned_data["reden"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"De meting van {gemeente} is heropend. De gemeente kan haar weer aanpassen."
            )
            return redirect("portaal:gemeente", gemeente.cbs_code)
    else:
        # Shown again with the message at the field, and what was typed kept.
        context = _uitslag_context(request, gemeente, meting.vragenlijst)
        context["heropen_form"] = form
        return render(request, "nulmeting/uitslag.html", context)
    return redirect("nulmeting:uitslag", gemeente.cbs_code, code)


@login_required
def typetest_invullen(request, cbs_code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vereis(mag_vragenlijst_invullen(request.user, gemeente))
    definitie = typetest.definitie()
    form = TypetestForm(request.POST if request.method == "POST" else None, definitie=definitie)
    if request.method == "POST" and form.is_valid():
        uitslag = services.typetest_invullen(
            gemeente=gemeente, door=request.user, antwoorden=form.antwoorden()
        )
        return redirect("nulmeting:typetest_uitslag", gemeente.cbs_code, uitslag.pk)
    return render(
        request, "nulmeting/typetest.html", {"gemeente": gemeente, "definitie": definitie, "form": form}
    )


@login_required
def typetest_uitslag(request, cbs_code: str, pk: int):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    uitslag = get_object_or_404(
        TypetestUitslag.objects.select_related("ingevuld_door"), pk=pk, gemeente=gemeente
    )
    definitie = typetest.definitie()
    vastleggen(Actie.BEKEKEN, request=request, object=uitslag, toelichting="typetest")
    return render(
        request,
        "nulmeting/typetest_uitslag.html",
        {
            "gemeente": gemeente,
            "uitslag": uitslag,
            "resultaat": typetest.TypetestResultaat(uitslag.a_even, uitslag.a_oneven),
            "type": definitie["typen"][uitslag.type],
            "typen": definitie["typen"],
            "definitie": definitie,
            "eerder": gemeente.typetests.exclude(pk=uitslag.pk).select_related("ingevuld_door")[:10],
        },
    )


class Importeren(ImportPagina):
    titel = "Metingen importeren"
    soort = uitwisseling.METINGEN
    niet_beschikbaar = "Er is nog geen vragenlijst."
    mag_importeren = staticmethod(mag_importeren)

    @cached_property
    def vragenlijst(self) -> Vragenlijst | None:
        return selectors.gekozen_vragenlijst(self.request.GET.get("vragenlijst"))

    @property
    def kop(self) -> str:
        return "Historische metingen importeren" + (f" — {self.vragenlijst}" if self.vragenlijst else "")

    @property
    def uitleg(self):
        code = self.vragenlijst.code
        return format_html(
            "Eén regel per gemeente: <code>cbs_code</code>, <code>ingediend_op</code> (2009-10-01 of"
            ' 1-10-2009) en een kolom per vraagcode.\nDownload het <a href="{}">sjabloon</a> en de'
            ' <a href="{}">lijst met vragen en toegestane waarden</a>.\nElke geïmporteerde meting wordt'
            " gescoord zoals een meting die online is ingevuld. Bevat het bestand een fout, dan wordt niets"
            " geïmporteerd.\nRapporten 'zoals bekend op' een eerdere datum veranderen niet door deze import;"
            " in een rapport 'met latere correcties' staan de metingen als later ingevoerd.",
            reverse("nulmeting:sjabloon", args=[code, "antwoorden"]),
            reverse("nulmeting:sjabloon", args=[code, "vragen"]),
        )

    def beschikbaar(self) -> bool:
        return self.vragenlijst is not None

    def opties(self) -> dict:
        return {"vragenlijst": self.vragenlijst.code}

    def vervolg_url(self) -> str:
        return reverse("portaal:nulmeting_overzicht")


@rol_vereist(User.Rol.COORDINATOR)
def sjabloon(request, code: str, soort: str):
    if soort not in ("vragen", "antwoorden"):
        raise Http404
    vragenlijst = _vragenlijst(code)
    if soort == "vragen":
        inhoud = csv_bytes(uitwisseling.vragen_kolommen(), uitwisseling.vragen_rijen(vragenlijst))
    else:
        inhoud = csv_bytes(uitwisseling.antwoorden_kolommen(vragenlijst), [])
    return bestand_response(inhoud, f"{soort}-{vragenlijst.code}.csv")


@rol_vereist(User.Rol.COORDINATOR)
def eenmeting_openen(request):
    basis = selectors.actuele_nulmeting()
    form = EenmetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and basis:
        try:
            vragenlijst = services.eenmeting_openen(basis=basis, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"{vragenlijst} is geopend. Gemeenten kunnen hem nu invullen.")
            return redirect("portaal:nulmeting_overzicht")
    return render(request, "nulmeting/eenmeting_openen.html", {"form": form, "basis": basis})
