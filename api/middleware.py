"""The ``API-Version`` header (API Design Rules, /core/version-header) on every response under
/api/v1/, errors and documentation included."""

from django.conf import settings


class ApiVersie:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v1/"):
            response["API-Version"] = settings.API_VERSIE
        return response
