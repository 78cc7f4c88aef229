"""The error pages. A refusal is recorded in the audit trail (``accounts.audit.weigering_vastleggen``):
a 403, a form posted without a valid CSRF token, and a 404 a logged-in user gets on a page that
exists — the way scoped pages answer for what is not theirs (an import run, the technical admin)."""

from django.shortcuts import render

from accounts.audit import weigering_vastleggen


def geen_toegang(request, exception=None):
    weigering_vastleggen(request)
    return render(request, "fouten/403.html", status=403)


def formulier_verlopen(request, reason=""):
    """Django's CSRF check refused a post: most often a form left open past its session, or a
    page from another site posting here."""
    weigering_vastleggen(request, "geen geldig CSRF-token")
    return render(request, "fouten/403_csrf.html", status=403)


def niet_gevonden(request, exception=None):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(request, "resolver_match", None):
        weigering_vastleggen(request, "niet gevonden of niet toegankelijk")
    return render(request, "fouten/404.html", status=404)


def serverfout(request):
    return render(request, "fouten/500.html", status=500)
