"""Passkeys (WebAuthn) as a second factor beside the authenticator app, with django-otp-webauthn
(decision 0020): its ceremonies and JavaScript, our relying party, origins and audit trail."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import CompleteCredentialAuthenticationView, CompleteCredentialRegistrationView

from accounts.audit import Actie, vastleggen


class PasskeyHelper(WebAuthnHelper):
    """The relying party is the host the app answers on; the allowed origins are configured
    (``PASSKEY_ORIGINS``) or the request's own, whose host ``ALLOWED_HOSTS`` has accepted."""

    def get_relying_party_domain(self) -> str:
        return self.request.get_host().rsplit(":", 1)[0]

    def get_allowed_origins(self) -> list[str]:
        return settings.PASSKEY_ORIGINS or [f"{self.request.scheme}://{self.request.get_host()}"]


class PasskeyToevoegen(CompleteCredentialRegistrationView):
    """Registering a passkey, recorded in the audit trail."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        vastleggen(
            Actie.TWEEDE_FACTOR_INGESTELD,
            request=self.request,
            object=self.request.user,
            toelichting="passkey",
        )
        return response


class PasskeyInloggen(CompleteCredentialAuthenticationView):
    """The second step with a passkey, recorded in the audit trail as a login."""

    def complete_auth(self, device):
        user = super().complete_auth(device)
        vastleggen(Actie.INLOGGEN, request=self.request, toelichting="passkey")
        return user


def passkeys_van(user) -> list[WebAuthnCredential]:
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at"))


class PasskeyVerwijderenForm(forms.Form):
    passkey = forms.ModelChoiceField(
        queryset=WebAuthnCredential.objects.none(),
        error_messages={
            "required": "Kies de passkey die u wilt verwijderen.",
            "invalid_choice": "Deze passkey bestaat niet (meer) bij uw account.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passkey"].queryset = WebAuthnCredential.objects.filter(user=user)


def passkey_verwijderen(*, passkey: WebAuthnCredential, door, request=None) -> None:
    """Remove one of ``door``'s own passkeys; the app and the other passkeys stay."""
    if passkey.user_id != door.pk:
        raise PermissionDenied
    vastleggen(Actie.VERWIJDERD, request=request, object=door, toelichting="passkey")
    passkey.delete()
