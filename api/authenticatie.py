"""``Authorization: Bearer <token>``: the token's user, or a 401 in Dutch (unknown, revoked or
expired token). A request without the header is left to the other authentication (a logged-in
browser) or is anonymous."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import SleutelOngeldig, api_sleutel_zoeken
from toolkit.clientadres import client_adres


class SleutelAuthenticatie(authentication.BaseAuthentication):
    schema = "Bearer"

    def authenticate(self, request):
        delen = authentication.get_authorization_header(request).split()
        if not delen or delen[0].lower() != self.schema.lower().encode():
            return None
        if len(delen) != 2:
            raise exceptions.AuthenticationFailed(
                "Geef de sleutel zo mee: Authorization: Bearer <sleutel> (zonder spaties in de sleutel)."
            )
        try:
            sleutel = api_sleutel_zoeken(
                delen[1].decode("latin-1"),
                methode=request.method,
                pad=request.get_full_path(),
                ip_adres=client_adres(request),
            )
        except SleutelOngeldig as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from None
        return sleutel.gebruiker, sleutel

    def authenticate_header(self, request) -> str:
        return f'{self.schema} realm="api"'


class SleutelSchema(OpenApiAuthenticationExtension):
    """How the OpenAPI document names the token: an HTTP bearer scheme."""

    target_class = SleutelAuthenticatie
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-sleutel, te krijgen van een coördinator (zie /api/koppelen/).",
        }
