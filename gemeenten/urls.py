from django.urls import path

from gemeenten import views

app_name = "gemeenten"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("inwonertallen/", views.InwonersImport.as_view(), name="inwoners_import"),
    path("contactpersonen/importeren/", views.ContactpersonenImport.as_view(), name="contactpersonen_import"),
    path("<str:cbs_code>/contactpersonen/nieuw/", views.contactpersoon_form, name="contactpersoon_nieuw"),
    path(
        "<str:cbs_code>/contactpersonen/<int:pk>/", views.contactpersoon_form, name="contactpersoon_bewerken"
    ),
    path(
        "<str:cbs_code>/contactpersonen/<int:pk>/verwijderen/",
        views.contactpersoon_verwijderen,
        name="contactpersoon_verwijderen",
    ),
]
