"""The API's endpoints (Django REST framework) and its two pages: the coordinator's token page and
*Koppelen*. Every queryset comes from the apps' permissions modules, so a token sees what its user
sees; the open figures (``cijfers``) need no token and are the only ones open to other sites."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions, generics, permissions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import (
    gemeenten_met_zichtbare_uitslag,
    provincies_van,
    rol_vereist,
    vereis,
    zichtbare_gemeenten,
    zichtbare_organisaties,
    zichtbare_uitslag,
)
from api import cijfers, filters, selectors, serializers
from api.documentatie import eindpunten, objecten, openapi_document
from api.filters import onbekende_parameters_weigeren
from api.forms import SleutelForm
from api.models import ApiSleutel
from api.permissions import mag_sleutels_beheren
from api.services import api_sleutel_intrekken, api_sleutel_maken
from gemeenten.models import Herindeling
from nulmeting.models import Meting, Score
from nulmeting.selectors import stand_per_vragenlijst
from rapportage.bestanden import FORMATEN, rapport_bestand
from rapportage.permissions import zichtbare_rapporten
from rondes.permissions import zichtbaar_in_ronde, zichtbare_rondes
from rondes.selectors import voortgang
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.invoer import fouten_op_form
from toolkit.keuzevelden import buiten_bereik

OPEN = [permissions.AllowAny]


class ProvincieLijst(generics.ListAPIView):
    """De provincies waarvan u gemeenten ziet."""

    serializer_class = serializers.ProvincieSerializer

    def get_queryset(self):
        return provincies_van(self.request.user).order_by("cbs_code")


class OrganisatieLijst(generics.ListAPIView):
    """De CMO's die u ziet, met hun provincies."""

    serializer_class = serializers.OrganisatieSerializer

    def get_queryset(self):
        return zichtbare_organisaties(self.request.user).prefetch_related("provincies").order_by("naam")


class GemeenteLijst(generics.ListAPIView):
    """De gemeenten die u ziet, door de tijd: geldig van en tot, en de herindelingen."""

    serializer_class = serializers.GemeenteSerializer
    filterset_class = filters.GemeenteFilters

    def get_queryset(self):
        return (
            zichtbare_gemeenten(self.request.user)
            .select_related("provincie")
            .prefetch_related(
                Prefetch("opgegaan_in", Herindeling.objects.select_related("opvolger").order_by("datum")),
                Prefetch(
                    "voortgekomen_uit", Herindeling.objects.select_related("opgeheven").order_by("datum")
                ),
            )
            .order_by("cbs_code")
        )


class GemeenteDetail(APIView):
    """Eén gemeente met de stand van elke vragenlijst en, voor wie de uitslag mag zien, de scores.
    Een gemeente die in een andere opging telt mee via haar opvolger (``ingediend``)."""

    @extend_schema(responses=serializers.GemeenteDetailSerializer)
    def get(self, request, cbs_code: str):
        onbekende_parameters_weigeren(request, set())
        gemeente = zichtbare_uitslag(request.user, cbs_code)
        standen = stand_per_vragenlijst(gemeente, timezone.localdate())
        data = {"gemeente": gemeente, "vragenlijsten": standen}
        return Response(serializers.GemeenteDetailSerializer(data, context={"request": request}).data)


class MetingLijst(generics.ListAPIView):
    """De metingen van de gemeenten die u ziet en van de gemeenten die daarin zijn opgegaan, met de
    scores per basisfunctie als ze zijn ingediend."""

    serializer_class = serializers.MetingSerializer
    filterset_class = filters.MetingFilters

    def get_queryset(self):
        return (
            Meting.objects.filter(gemeente__in=gemeenten_met_zichtbare_uitslag(self.request.user))
            .select_related("gemeente__provincie", "vragenlijst")
            .prefetch_related(
                Prefetch(
                    "scores", Score.objects.select_related("basisfunctie").order_by("basisfunctie__volgorde")
                )
            )
            .order_by("gemeente__cbs_code", "vragenlijst__aangemaakt_op", "pk")
        )


class RondeLijst(generics.ListAPIView):
    """De rondes die u ziet."""

    serializer_class = serializers.RondeSerializer
    filterset_class = filters.RondeFilters

    def get_queryset(self):
        return (
            zichtbare_rondes(self.request.user)
            .select_related("vragenlijst")
            .prefetch_related("provincies")
            .order_by("-opent_op", "naam", "pk")
        )


class RondeRespons(APIView):
    """De respons op één ronde per provincie, binnen de gemeenten die u ziet."""

    @extend_schema(responses=serializers.RondeResponsSerializer)
    def get(self, request, pk: int):
        onbekende_parameters_weigeren(request, set())
        if buiten_bereik(pk):
            raise exceptions.NotFound
        ronde = get_object_or_404(zichtbare_rondes(request.user).select_related("vragenlijst"), pk=pk)
        data = {"ronde": ronde, "respons": voortgang(ronde, zichtbaar_in_ronde(request.user))}
        return Response(serializers.RondeResponsSerializer(data).data)


class RapportLijst(generics.ListAPIView):
    """De rapporten die u ziet, met links naar hun bestanden als ze klaar zijn."""

    serializer_class = serializers.RapportSerializer
    filterset_class = filters.RapportFilters

    def get_queryset(self):
        return (
            zichtbare_rapporten(self.request.user)
            .select_related("provincie", "organisatie")
            .order_by("-aangevraagd_op", "pk")
        )


class RapportBestand(APIView):
    """Het bestand van een rapport dat klaar is, in html, pdf, xlsx of json: de links in
    ``bestanden`` van ``/rapporten/``, met dezelfde sleutel op te halen."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        parameters=[OpenApiParameter("formaat", str, OpenApiParameter.PATH, enum=list(FORMATEN))],
    )
    def get(self, request, pk: int, formaat: str):
        onbekende_parameters_weigeren(request, set())
        if buiten_bereik(pk):
            raise exceptions.NotFound
        rapport = get_object_or_404(zichtbare_rapporten(request.user), pk=pk)
        try:
            return rapport_bestand(rapport, formaat)
        except Http404 as exc:
            raise exceptions.NotFound("Dit rapport heeft (nog) geen bestand in dit formaat.") from exc


def _vraag(request) -> dict:
    """The question of the open figures, validated; unknown parameters refused by name."""
    onbekende_parameters_weigeren(request, set(serializers.CijferVraagSerializer().fields))
    vraag = serializers.CijferVraagSerializer(data=request.query_params)
    vraag.is_valid(raise_exception=True)
    return vraag.validated_data


class Cijfers(APIView):
    """Open cijfers van heel Nederland of één provincie op een peildatum: deelname, % 'goed voor
    elkaar' per basisfunctie (met N; leeg onder het minimum van de spiegel), gesprekken, uren,
    onderwerpen en thema's. Zonder sleutel te lezen, ook vanaf andere websites (CORS)."""

    permission_classes = OPEN

    @extend_schema(parameters=[serializers.CijferVraagSerializer], responses=serializers.CijfersSerializer)
    def get(self, request):
        return Response(serializers.CijfersSerializer(cijfers.cijfers_voor(_vraag(request))).data)


class CijfersExport(APIView):
    """Dezelfde open cijfers als CSV (Nederlandse Excel) of XLSX: één regel per getal."""

    permission_classes = OPEN

    @extend_schema(
        parameters=[
            serializers.CijferVraagSerializer,
            OpenApiParameter("formaat", str, OpenApiParameter.PATH, enum=["csv", "xlsx"]),
        ],
        responses={
            (200, "text/csv"): bytes,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes,
        },
    )
    def get(self, request, formaat: str):
        if formaat not in ("csv", "xlsx"):
            raise exceptions.NotFound
        uitkomst = cijfers.cijfers_voor(_vraag(request))
        rijen = cijfers.als_tabel(uitkomst)
        inhoud = (
            xlsx_bytes({"Cijfers": (cijfers.KOLOMMEN, rijen)})
            if formaat == "xlsx"
            else csv_bytes(cijfers.KOLOMMEN, rijen)
        )
        gebied = uitkomst["gebied"]["cbs_code"] or "NL"
        return bestand_response(inhoud, f"cijfers-{gebied}-{uitkomst['peildatum']:%Y-%m-%d}.{formaat}")


class Schema(SpectacularJSONAPIView):
    """The OpenAPI 3 document (``/api/v1/openapi.json``)."""

    permission_classes = OPEN
    authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES


def documentatie(request):
    """The API's documentation, read from its OpenAPI document (``api.documentatie``)."""
    document = openapi_document()
    return render(
        request,
        "api/documentatie.html",
        {
            "info": document["info"],
            "eindpunten": eindpunten(document),
            "objecten": objecten(document),
            "versie": settings.API_VERSIE,
        },
    )


@extend_schema(exclude=True)
class NietGevonden(APIView):
    """Any other path under /api/v1/: a 404 as problem+json."""

    permission_classes = OPEN

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound


# The pages.


NIEUWE_SLEUTEL = "api_nieuwe_sleutel"


@rol_vereist(User.Rol.COORDINATOR)
def sleutels(request):
    """Create a token for an account and list every token. A new token is kept in the session for
    the one page view after the redirect, then gone: it is shown once."""
    vereis(mag_sleutels_beheren(request.user))
    form = SleutelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rij, sleutel = api_sleutel_maken(door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            request.session[NIEUWE_SLEUTEL] = {"pk": rij.pk, "sleutel": sleutel}
            return redirect("api:sleutels")
    nieuw = request.session.pop(NIEUWE_SLEUTEL, None) if request.method == "GET" else None
    if nieuw:
        nieuw["rij"] = ApiSleutel.objects.select_related("gebruiker").get(pk=nieuw["pk"])
    context = {
        "form": form,
        "nieuw": nieuw,
        "sleutels": selectors.sleutels_met_gebruik(),
        "gebruik": selectors.recent_gebruik(),
    }
    return render(request, "api/sleutels.html", context)


@require_POST
@rol_vereist(User.Rol.COORDINATOR)
def sleutel_intrekken(request, pk: int):
    if buiten_bereik(pk):
        raise Http404
    sleutel = get_object_or_404(ApiSleutel, pk=pk)
    api_sleutel_intrekken(sleutel=sleutel, door=request.user)
    messages.success(request, f"De sleutel '{sleutel.naam}' van {sleutel.gebruiker} is ingetrokken.")
    return redirect("api:sleutels")


def koppelen(request):
    """How to get a token and read the figures into Excel (Power Query) and R."""
    basis = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "api/koppelen.html",
        {"basis": basis, "max_dagen": settings.API_SLEUTEL_MAX_DAGEN},
    )
