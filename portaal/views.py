"""Pages that combine several apps: each role's start page, the municipality page and an
official's questionnaires. The apps below provide the numbers; scope comes from their
permissions modules."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.permissions import mag_contacten_beheren, zichtbare_gemeente, zichtbare_gemeenten
from advies import selectors as advies_selectors
from gemeenten import selectors as gemeenten_selectors
from nulmeting import selectors as nulmeting_selectors
from nulmeting.models import Vragenlijst
from portaal.dashboard import dashboard_kaarten
from rondes import selectors as rondes_selectors
from rondes.models import Ronde
from rondes.permissions import mag_herinneringen_pauzeren, zichtbare_rondes


@login_required
def dashboard(request):
    user = request.user
    vandaag = timezone.localdate()
    context = {"vandaag": vandaag}
    if user.is_gemeente:
        context["gemeente"] = user.gemeente
        context["deelnames"] = rondes_selectors.deelnames_van_gemeente(user.gemeente)
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
        template = (
            "portaal/dashboard/adviseur.html" if user.is_adviseur else "portaal/dashboard/coordinator.html"
        )
    return render(request, template, context)


@login_required
def gemeente(request, cbs_code: str):
    gemeente = zichtbare_gemeente(request.user, cbs_code)
    vandaag = timezone.localdate()
    context = {
        "gemeente": gemeente,
        "opvolgers": gemeenten_selectors.opvolgers_op(gemeente, vandaag)
        if not gemeente.bestaat_op(vandaag)
        else [],
        "voorgangers": gemeenten_selectors.voorgangers(gemeente),
        "inwonertallen": gemeente.inwonertallen.all()[:5],
        "metingen": nulmeting_selectors.metingen_van_gemeente(gemeente),
        "typetests": gemeente.typetests.all()[:3],
        **advies_selectors.gemeente_advies(request.user, gemeente),
        "contactpersonen": gemeente.contactpersonen.all(),
        "mag_contacten_beheren": mag_contacten_beheren(request.user, gemeente),
        "verzendingen": rondes_selectors.verzendingen_van_gemeente(gemeente),
        "deelnames": rondes_selectors.deelnames_van_gemeente(gemeente),
        "mag_pauzeren": mag_herinneringen_pauzeren(request.user, gemeente),
    }
    return render(request, "portaal/gemeente.html", context)


@login_required
def vragenlijsten(request):
    """An official's entry: the open questionnaires of their municipality and the typetest."""
    if not request.user.is_gemeente:
        return redirect("nulmeting:overzicht")
    gemeente = request.user.gemeente
    metingen = {m.vragenlijst_id: m for m in nulmeting_selectors.metingen_van_gemeente(gemeente)}
    rondes = rondes_selectors.rondes_van_gemeente(gemeente)
    vragenlijsten = [
        (v, metingen.get(v.pk), rondes.get(v.pk)) for v in Vragenlijst.objects.order_by("aangemaakt_op")
    ]
    typetests = gemeente.typetests.all()[:5]
    return render(
        request,
        "portaal/vragenlijsten.html",
        {"gemeente": gemeente, "vragenlijsten": vragenlijsten, "typetests": typetests},
    )
