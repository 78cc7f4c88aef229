"""Response headers the whole site shares."""

from django.utils.cache import add_never_cache_headers


class NietBewaren:
    """No browser or proxy keeps a page shown to a logged-in user, nor any download.

    Results, contact lists and reports must not stay in the cache of a shared office PC after
    logout, so every response to a logged-in user and every attachment (a ``Content-Disposition``,
    whoever asks) gets Django's never-cache headers: ``Cache-Control: max-age=0, no-cache,
    no-store, must-revalidate, private`` and an ``Expires`` in the past (decision 0015). Pages for
    anonymous visitors (the login page, the accessibility statement) and static files may be
    cached as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        gebruiker = getattr(request, "user", None)
        if (gebruiker is not None and gebruiker.is_authenticated) or response.has_header(
            "Content-Disposition"
        ):
            add_never_cache_headers(response)
        return response
