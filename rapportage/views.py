from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import rol_vereist
from rapportage import planning, services
from rapportage.bestanden import rapport_bestand
from rapportage.forms import PlanningForm, RapportAanvraagForm
from rapportage.models import Rapport
from rapportage.permissions import mag_rapport_opnieuw_proberen, zichtbare_rapporten
from toolkit.invoer import fouten_op_form


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def lijst(request):
    form = RapportAanvraagForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rapport = services.rapport_aanvragen(
                soort=form.cleaned_data["soort"],
                door=request.user,
                provincie=form.cleaned_data.get("provincie"),
                organisatie=form.cleaned_data.get("organisatie"),
                lezing=form.cleaned_data["lezing"],
                **form.periode(),
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(request, f"{rapport} is aangevraagd.")
            return redirect("rapportage:detail", rapport.pk)
    rapporten = zichtbare_rapporten(request.user).select_related(
        "provincie", "organisatie", "aangevraagd_door"
    )[:50]
    geplande = planning.planningen() if request.user.is_coordinator else []
    return render(
        request, "rapportage/lijst.html", {"form": form, "rapporten": rapporten, "planningen": geplande}
    )


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def planning_wijzigen(request):
    form = PlanningForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies de maand- of kwartaalrapportage om aan of uit te zetten.")
        return redirect("rapportage:lijst")
    gewijzigd = planning.planning_wijzigen(
        soort=form.cleaned_data["soort"], actief=form.cleaned_data["actief"], door=request.user
    )
    stand = "wordt weer vanzelf gemaakt" if gewijzigd.actief else "wordt niet meer vanzelf gemaakt"
    messages.success(request, f"De {gewijzigd.get_soort_display().lower()} {stand}.")
    return redirect("rapportage:lijst")


def _rapport(request, pk: int) -> Rapport:
    return get_object_or_404(
        zichtbare_rapporten(request.user).select_related("provincie", "organisatie"), pk=pk
    )


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def detail(request, pk: int):
    rapport = _rapport(request, pk)
    mag_opnieuw = mag_rapport_opnieuw_proberen(request.user, rapport)
    return render(request, "rapportage/detail.html", {"rapport": rapport, "mag_opnieuw": mag_opnieuw})


@require_POST
@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def opnieuw(request, pk: int):
    try:
        rapport = services.rapport_opnieuw_proberen(rapport=_rapport(request, pk), door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{rapport} wordt opnieuw gemaakt.")
    return redirect("rapportage:detail", pk)


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def status(request, pk: int):
    rapport = _rapport(request, pk)
    return JsonResponse(
        {
            "status": rapport.status,
            "label": rapport.get_status_display(),
            "klaar": rapport.status in ("klaar", "mislukt"),
        }
    )


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def download(request, pk: int, formaat: str):
    return rapport_bestand(_rapport(request, pk), formaat)
