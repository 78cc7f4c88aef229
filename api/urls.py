"""/api/v1/ (the API, decision 0018) and the API's pages: tokens for coordinators, *Koppelen*."""

from django.urls import path, re_path

from api import views

app_name = "api"

urlpatterns = [
    path("v1/openapi.json", views.Schema.as_view(), name="openapi"),
    path("v1/docs/", views.documentatie, name="docs"),
    path("v1/provincies/", views.ProvincieLijst.as_view(), name="provincies"),
    path("v1/organisaties/", views.OrganisatieLijst.as_view(), name="organisaties"),
    path("v1/gemeenten/", views.GemeenteLijst.as_view(), name="gemeenten"),
    path("v1/gemeenten/<str:cbs_code>/", views.GemeenteDetail.as_view(), name="gemeente"),
    path("v1/metingen/", views.MetingLijst.as_view(), name="metingen"),
    path("v1/rondes/", views.RondeLijst.as_view(), name="rondes"),
    path("v1/rondes/<int:pk>/respons/", views.RondeRespons.as_view(), name="ronde_respons"),
    path("v1/rapporten/", views.RapportLijst.as_view(), name="rapporten"),
    path("v1/rapporten/<int:pk>/<str:formaat>/", views.RapportBestand.as_view(), name="rapport_bestand"),
    path("v1/cijfers/", views.Cijfers.as_view(), name="cijfers"),
    path("v1/cijfers/export.<str:formaat>", views.CijfersExport.as_view(), name="cijfers_export"),
    re_path(r"^v1/.*$", views.NietGevonden.as_view(), name="niet_gevonden"),
    path("sleutels/", views.sleutels, name="sleutels"),
    path("sleutels/<int:pk>/intrekken/", views.sleutel_intrekken, name="sleutel_intrekken"),
    path("koppelen/", views.koppelen, name="koppelen"),
]
