"""The upload page every import shares, and the page of a queued import.

A small file is imported within the request. A larger one (over ``IMPORT_DIRECT_TOT_BYTES``) is
stored as an ``Importrun`` and imported by a worker; its page shows how far it got and then the
outcome, as the page of a small file would (decision 0028).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from importen.models import Importrun
from importen.permissions import mag_importrun_zien
from importen.services import importrun_aanmaken
from importen.soorten import Importsoort
from importen.tasks import importrun_uitvoeren_task
from toolkit.importeren import BestandForm
from toolkit.tabular import ImportFout
from toolkit.wachtrij import in_wachtrij


class ImportPagina(LoginRequiredMixin, View):
    """The upload page of an import: the file is imported (or queued when large), or every
    problem is listed above the form.

    A subclass names its ``soort`` (registered in its app's ``uitwisseling``), says who may import
    (``mag_importeren``, asking the app's permissions module) and what the import needs from the
    request (``opties``, as JSON).
    """

    template_name = "importeren.html"
    soort: Importsoort
    titel = ""
    kop = ""
    uitleg = ""  # the paragraph above the form, as safe HTML
    knop = "Importeren"
    niets = "Er is niets geïmporteerd."
    niet_beschikbaar = ""  # shown instead of the form when ``beschikbaar`` is false

    def mag_importeren(self, user) -> bool:
        raise NotImplementedError

    def opties(self) -> dict:
        return {}

    def vervolg_url(self) -> str:
        return self.request.get_full_path()

    def beschikbaar(self) -> bool:
        return True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.mag_importeren(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.pagina(BestandForm())

    def post(self, request, *args, **kwargs):
        form = BestandForm(request.POST, request.FILES)
        if not (form.is_valid() and self.beschikbaar()):
            return self.pagina(form)
        bestand = form.cleaned_data["bestand"]
        if bestand.size > settings.IMPORT_DIRECT_TOT_BYTES:
            return self.in_wachtrij(bestand)
        try:
            resultaat = self.soort.uitvoeren(
                bestand, bestand.name, door=request.user, voortgang=None, **self.opties()
            )
        except ImportFout as exc:
            return self.pagina(form, exc)
        messages.success(request, self.soort.gelukt(resultaat))
        return redirect(self.vervolg_url())

    def in_wachtrij(self, bestand):
        run = importrun_aanmaken(
            soort=self.soort.naam,
            bestand=bestand,
            door=self.request.user,
            opties=self.opties(),
            titel=self.titel,
            terug_naar=self.request.get_full_path(),
            verder_naar=self.vervolg_url(),
        )
        in_wachtrij(importrun_uitvoeren_task, run.pk)
        return redirect("importen:importrun", run.pk)

    def pagina(self, form: BestandForm, fout: ImportFout | None = None):
        beschikbaar = self.beschikbaar()
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "fouten": fout.fouten if fout else [],
                "totaal": fout.totaal if fout else 0,
                "overige": fout.overige if fout else 0,
                "titel": self.titel,
                "kop": self.kop or self.titel,
                "uitleg": self.uitleg if beschikbaar else "",
                "knop": self.knop,
                "niets": self.niets,
                "niet_beschikbaar": "" if beschikbaar else self.niet_beschikbaar,
            },
        )


def _importrun(request, pk: int) -> Importrun:
    run = get_object_or_404(Importrun, pk=pk)
    if not mag_importrun_zien(request.user, run):
        raise Http404  # another person's run: not even whether it exists
    return run


@login_required
def importrun(request, pk: int):
    return render(request, "importen/importrun.html", {"run": _importrun(request, pk)})


@login_required
def importrun_stand(request, pk: int):
    run = _importrun(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.stand,
            "klaar": run.is_klaar,
            "verwerkt": run.verwerkt,
            "totaal": run.totaal,
        }
    )
