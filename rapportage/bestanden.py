"""A finished run's file as a download: one answer for the reports page and the API alike."""

from django.http import FileResponse, Http404, HttpResponse, JsonResponse

from rapportage.models import Rapport

FORMATEN = ("html", "pdf", "xlsx", "json")


def rapport_bestand(rapport: Rapport, formaat: str) -> HttpResponse:
    """The file of ``rapport`` in ``formaat``; 404 while the run is not ``klaar`` or for a format
    it does not have. The HTML is shown in the browser, the others are downloads."""
    if rapport.status != Rapport.Status.KLAAR or formaat not in FORMATEN:
        raise Http404
    if formaat == "json":
        response = JsonResponse(rapport.cijfers, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{rapport.bestandsnaam}.json"'
        return response
    bestand = getattr(rapport, formaat)
    if not bestand:
        raise Http404
    if formaat == "html":
        # The report page itself: shown in the browser, with its own inline stylesheet.
        response = HttpResponse(bestand.open("rb").read(), content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return response
    return FileResponse(bestand.open("rb"), as_attachment=True, filename=f"{rapport.bestandsnaam}.{formaat}")
