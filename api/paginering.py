"""Every list is paged (``page``, ``page_size``); a page that does not exist is a 400 naming ``page``."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    page_query_description = "Het nummer van de pagina (vanaf 1)."
    page_size_query_description = "Hoeveel regels per pagina (standaard 100, hoogstens 1000)."

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError({self.page_query_param: ["Deze pagina bestaat niet."]}) from None
