import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import mag_importeren, rol_vereist, vereis
from advies import selectors, services
from advies.forms import (
    AdviseurForm,
    GesprekFilterForm,
    GesprekForm,
    PeriodeEindeForm,
    TrajectForm,
    VerplaatsForm,
)
from advies.models import Adviseur
from advies.permissions import (
    mag_gesprek_wijzigen,
    mag_gesprekken_exporteren,
    mag_gesprekken_loggen,
    mag_traject_wijzigen,
    zichtbare_gesprekken,
    zichtbare_trajecten,
)
from advies.uitwisseling import gesprekken_importeren
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.importeren import ImportPagina
from toolkit.invoer import fouten_op_form


def _gefilterd(request) -> tuple[GesprekFilterForm, QuerySet]:
    """The sessions of the list and the export: the filter form's choice within what the user sees,
    and with ``?mijn=1`` an adviser's own."""
    form = GesprekFilterForm(request.GET or None, user=request.user)
    filter_ = form.als_filter()
    if request.GET.get("mijn") and request.user.is_adviseur:
        filter_ = dataclasses.replace(filter_, adviseur_id=request.user.pk)
    return form, selectors.gesprekken_voor_lijst(request.user, filter_)


@login_required
def lijst(request):
    form, gesprekken = _gefilterd(request)
    pagina = Paginator(gesprekken, 25).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "advies/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "query": query.urlencode(),
            "mag_loggen": mag_gesprekken_loggen(request.user),
            "mijn": bool(request.GET.get("mijn")),
        },
    )


@login_required
def export(request, formaat: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    vereis(mag_gesprekken_exporteren(request.user))
    _, gesprekken = _gefilterd(request)
    rijen = selectors.export_rijen(gesprekken)
    naam = f"adviesgesprekken-{timezone.localdate():%Y-%m-%d}.{formaat}"
    if formaat == "xlsx":
        return bestand_response(xlsx_bytes({"Adviesgesprekken": (selectors.EXPORT_KOLOMMEN, rijen)}), naam)
    return bestand_response(csv_bytes(selectors.EXPORT_KOLOMMEN, rijen), naam)


@rol_vereist(User.Rol.ADVISEUR)
def nieuw(request):
    form = GesprekForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"datum": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            gesprek = services.adviesgesprek_log(adviseur=request.user, **form.velden())
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"Het gesprek van {gesprek.datum:%d-%m-%Y} is vastgelegd.")
            if request.POST.get("actie") == "nog-een":
                return redirect("advies:nieuw")
            return redirect("advies:lijst")
    return render(request, "advies/gesprek_form.html", {"form": form, "titel": "Adviesgesprek vastleggen"})


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
            "wijzigingen": gesprek.wijzigingen.select_related("door"),
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
            "titel": f"Gesprek van {gesprek.datum:%d-%m-%Y} wijzigen",
        },
    )


@require_POST
@login_required
def verwijderen(request, pk: int):
    gesprek = _gesprek(request, pk)
    vereis(mag_gesprek_wijzigen(request.user, gesprek))
    services.adviesgesprek_verwijderen(gesprek=gesprek, door=request.user)
    messages.success(request, "Het gesprek is verwijderd. Een coördinator kan het herstellen.")
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
    adviseurs = list(selectors.adviseurs_voor_lijst())
    for periode in adviseurs:
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
            "adviseurs": adviseurs,
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
                request, f"De periode van {periode.user} eindigt op {form.cleaned_data['per']:%d-%m-%Y}."
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
                f"{periode.user} werkt vanaf {form.cleaned_data['per']:%d-%m-%Y} bij {form.cleaned_data['naar']}.",
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
        " gecontroleerd zoals in het formulier. Bevat het bestand een fout, dan wordt niets geïmporteerd."
    )
    mag_importeren = staticmethod(mag_importeren)

    def importeer(self, bestand):
        return gesprekken_importeren(bestand, naam=bestand.name, door=self.request.user)

    def gelukt(self, aantal: int) -> str:
        return f"{aantal} adviesgesprekken geïmporteerd."

    def vervolg_url(self) -> str:
        return reverse("advies:lijst")
