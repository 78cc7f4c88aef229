from django.urls import path

from nulmeting import views

app_name = "nulmeting"

urlpatterns = [
    path("importeren/", views.Importeren.as_view(), name="importeren"),
    path("eenmeting-openen/", views.eenmeting_openen, name="eenmeting_openen"),
    path("sjabloon/<slug:code>/<str:soort>.csv", views.sjabloon, name="sjabloon"),
    path("<str:cbs_code>/typetest/", views.typetest_invullen, name="typetest"),
    path("<str:cbs_code>/typetest/<int:pk>/", views.typetest_uitslag, name="typetest_uitslag"),
    path("<str:cbs_code>/<slug:code>/stap/<int:stap>/", views.invullen, name="invullen"),
    path("<str:cbs_code>/<slug:code>/samenvatting/", views.samenvatting, name="samenvatting"),
    path("<str:cbs_code>/<slug:code>/uitslag/", views.uitslag, name="uitslag"),
    path("<str:cbs_code>/<slug:code>/uitslag.pdf", views.uitslag_pdf, name="uitslag_pdf"),
    path("<str:cbs_code>/<slug:code>/antwoorden.pdf", views.antwoorden_pdf, name="antwoorden_pdf"),
    path("<str:cbs_code>/<slug:code>/heropenen/", views.heropenen, name="heropenen"),
]
