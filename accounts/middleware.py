"""Every account logs in with a second factor (decision 0020).

After the password a user is logged in, but until a device is verified in the session
(django-otp's ``OTPMiddleware`` sets ``request.user.is_verified()``) only the pages that finish
logging in answer: the code page, setting up the app (which accepting an invitation leads to),
logging out, and what anonymous visitors may see anyway. Everything else, the admin included,
sends them to the code page, or to setting up the app when the account has none yet.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from accounts.audit import Actie, vastleggen
from accounts.tweefactor import heeft_tweede_factor

VRIJ = frozenset(
    {
        "accounts:tweede_factor",
        "accounts:tweede_factor_instellen",
        "accounts:logout",
        "accounts:login",
        "accounts:uitnodiging",
        "portaal:toegankelijkheid",
        "health",
        # the second step with a passkey, and the texts of its script
        "otp_webauthn:credential-authentication-begin",
        "otp_webauthn:credential-authentication-complete",
        "otp_webauthn:js-i18n-catalog",
    }
)


class TweedeFactorVereist:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in VRIJ:
            return None
        naar = "accounts:tweede_factor" if heeft_tweede_factor(user) else "accounts:tweede_factor_instellen"
        return redirect(f"{reverse(naar)}?{urlencode({'next': request.get_full_path()})}")


class DownloadsVastleggen:
    """Every export and download (a response with ``Content-Disposition``) to a logged-in user is
    recorded in the audit trail with the page's URL name and the file's name: one place for all
    apps' downloads (decision 0021)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        download = response.status_code == 200 and response.has_header("Content-Disposition")
        if download and request.user.is_authenticated:
            match = request.resolver_match
            bestand = response["Content-Disposition"].partition("filename=")[2].strip('"')
            vastleggen(
                Actie.EXPORT,
                request=request,
                toelichting=f"{match.view_name if match else ''} {bestand}".strip(),
            )
        return response
