from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.WachtwoordVergetenView.as_view(), name="wachtwoord_vergeten"),
    path(
        "wachtwoord-vergeten/verstuurd/", views.WachtwoordVerstuurdView.as_view(), name="wachtwoord_verstuurd"
    ),
    path("wachtwoord/<uidb64>/<token>/", views.NieuwWachtwoordView.as_view(), name="wachtwoord_nieuw"),
    path("wachtwoord/gewijzigd/", views.WachtwoordGewijzigdView.as_view(), name="wachtwoord_gewijzigd"),
    path("uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("uitnodiging/<str:token>/", views.uitnodiging_accepteren, name="uitnodiging"),
    path("tweede-stap/", views.tweede_factor, name="tweede_factor"),
    path("tweede-stap/instellen/", views.tweede_factor_instellen, name="tweede_factor_instellen"),
    path("passkeys/", views.passkeys, name="passkeys"),
    path("audit/", views.audit, name="audit"),
    path("audit/export.<str:formaat>", views.audit_export, name="audit_export"),
    path("toegangsoverzicht/", views.toegangsoverzicht, name="toegangsoverzicht"),
    path(
        "toegangsoverzicht/export.<str:formaat>",
        views.toegangsoverzicht_export,
        name="toegangsoverzicht_export",
    ),
    path("<int:pk>/tweede-stap-wissen/", views.tweede_factor_resetten, name="tweede_factor_resetten"),
]
