from django.shortcuts import render

from accounts.audit import Actie, Resultaat, vastleggen


def geen_toegang(request, exception=None):
    """A refusal is recorded in the audit trail, by the page's URL name (never its path, which can
    hold a link's token)."""
    match = getattr(request, "resolver_match", None)
    vastleggen(
        Actie.GEWEIGERD,
        request=request,
        resultaat=Resultaat.GEWEIGERD,
        toelichting=f"{request.method} {match.view_name if match else 'onbekende pagina'}",
    )
    return render(request, "fouten/403.html", status=403)


def niet_gevonden(request, exception=None):
    return render(request, "fouten/404.html", status=404)


def serverfout(request):
    return render(request, "fouten/500.html", status=500)
