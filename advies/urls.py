from django.urls import path

from advies import views

app_name = "advies"

urlpatterns = [
    path("gesprekken/", views.lijst, name="lijst"),
    path("gesprekken/nieuw/", views.nieuw, name="nieuw"),
    path("gesprekken/export.<str:formaat>", views.export, name="export"),
    path("gesprekken/importeren/", views.Importeren.as_view(), name="importeren"),
    path("gesprekken/<int:pk>/", views.detail, name="detail"),
    path("gesprekken/<int:pk>/wijzigen/", views.bewerken, name="bewerken"),
    path("gesprekken/<int:pk>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("gesprekken/<int:pk>/herstellen/", views.herstellen, name="herstellen"),
    path("trajecten/", views.trajecten, name="trajecten"),
    path("trajecten/nieuw/", views.traject_form, name="traject_nieuw"),
    path("trajecten/<int:pk>/", views.traject_detail, name="traject_detail"),
    path("trajecten/<int:pk>/wijzigen/", views.traject_form, name="traject_bewerken"),
    path("adviseurs/", views.adviseurs, name="adviseurs"),
    path("adviseurs/<int:pk>/beeindigen/", views.adviseur_beeindigen, name="adviseur_beeindigen"),
    path("adviseurs/<int:pk>/verplaatsen/", views.adviseur_verplaatsen, name="adviseur_verplaatsen"),
    path("aanvragen/", views.aanvragen, name="aanvragen"),
    path("aanvragen/<int:pk>/", views.aanvraag_detail, name="aanvraag_detail"),
    path("aanvragen/<int:pk>/aannemen/", views.aanvraag_aannemen, name="aanvraag_aannemen"),
    path("aanvragen/nieuw/<str:cbs_code>/", views.aanvraag_nieuw, name="aanvraag_nieuw"),
    path("beleidsplannen/", views.beleidsplannen, name="beleidsplannen"),
    path("beleidsplannen/<str:cbs_code>/", views.beleidsplan_detail, name="beleidsplan"),
    path("beleidsplannen/<str:cbs_code>/stap/<int:stap>/", views.beleidsstap, name="beleidsstap"),
    path("bijeenkomsten/", views.bijeenkomsten, name="bijeenkomsten"),
    path("bijeenkomsten/nieuw/", views.bijeenkomst_form, name="bijeenkomst_nieuw"),
    path("bijeenkomsten/<int:pk>/", views.bijeenkomst_detail, name="bijeenkomst_detail"),
    path("bijeenkomsten/<int:pk>/wijzigen/", views.bijeenkomst_form, name="bijeenkomst_bewerken"),
]
