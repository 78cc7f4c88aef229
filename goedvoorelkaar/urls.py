from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from goedvoorelkaar import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="portaal:dashboard", permanent=False), name="home"),
    path("health/", views.health, name="health"),
    path("account/", include("accounts.urls")),
    path("account/passkey/", include("accounts.passkey_urls")),
    path("gemeenten/", include("gemeenten.urls")),
    path("nulmeting/", include("nulmeting.urls")),
    path("advies/", include("advies.urls")),
    path("rapportage/", include("rapportage.urls")),
    path("rondes/", include("rondes.urls")),
    path("importen/", include("importen.urls")),
    path("api/", include("api.urls")),
    path("beheer/", admin.site.urls),
    path("", include("portaal.urls")),
]

handler403 = "goedvoorelkaar.errors.geen_toegang"
handler404 = "goedvoorelkaar.errors.niet_gevonden"
handler500 = "goedvoorelkaar.errors.serverfout"
