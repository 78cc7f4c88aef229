"""Errors as problem details (RFC 9457, ``application/problem+json``) in Dutch: ``title`` and
``status`` from the HTTP status, ``detail`` saying what went wrong, and for bad input
``invalid_params`` naming each parameter with its reason."""

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.audit import weigering_vastleggen

TITELS = {
    400: "Ongeldige vraag",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    415: "Formaat niet ondersteund",
    429: "Te veel vragen",
}
UITLEG = {
    exceptions.NotAuthenticated: "Geef een API-sleutel mee: Authorization: Bearer <sleutel>.",
    exceptions.PermissionDenied: "U mag dit niet zien.",
    exceptions.NotFound: "Dit bestaat niet, of u mag het niet zien.",
    exceptions.MethodNotAllowed: "Deze API kan alleen lezen (GET).",
    exceptions.NotAcceptable: "Deze API antwoordt in JSON (application/json).",
}
MEDIA_TYPE = "application/problem+json"


def als_probleem(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    _weigering_vastleggen(context.get("request"), response.status_code)
    inhoud = {
        "type": "about:blank",
        "title": TITELS.get(response.status_code, "Fout"),
        "status": response.status_code,
        "detail": _uitleg(exc),
        "instance": context["request"].get_full_path() if context.get("request") else None,
    }
    if isinstance(exc, exceptions.ValidationError):
        inhoud["invalid_params"] = ongeldige_parameters(exc.detail)
    probleem = Response(inhoud, status=response.status_code, content_type=MEDIA_TYPE)
    for kop in ("WWW-Authenticate", "Allow", "Retry-After"):
        if kop in response:
            probleem[kop] = response[kop]
    return probleem


def _weigering_vastleggen(request, status: int) -> None:
    """A key or session refused a resource (403), or asked for one outside its scope (404), is in
    the audit trail like a refused page; an unknown or revoked key is recorded by ``api.services``."""
    if request is None:
        return
    if status == 403 or (status == 404 and request.user.is_authenticated):
        weigering_vastleggen(request, "API")


def _uitleg(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "Een of meer parameters zijn ongeldig; zie invalid_params."
    if isinstance(exc, exceptions.AuthenticationFailed):
        return str(exc.detail)
    for soort, tekst in UITLEG.items():
        if isinstance(exc, soort):
            return tekst
    return str(getattr(exc, "detail", exc))


def ongeldige_parameters(detail) -> list[dict]:
    """``[{"name": ..., "reason": ...}]`` from a ValidationError's detail, one entry per message."""
    if isinstance(detail, dict):
        return [
            {"name": naam, "reason": str(reden)}
            for naam, redenen in detail.items()
            for reden in (redenen if isinstance(redenen, list) else [redenen])
        ]
    redenen = detail if isinstance(detail, list) else [detail]
    return [{"name": None, "reason": str(reden)} for reden in redenen]
