from django.urls import path

from rondes import views

app_name = "rondes"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("<int:pk>/opnieuw-versturen/", views.opnieuw_versturen, name="opnieuw_versturen"),
    path("<int:pk>/sluiten/", views.sluiten, name="sluiten"),
    path("<int:pk>/heropenen/", views.heropenen, name="heropenen"),
    path("<int:pk>/verzending/<int:opdracht_pk>/status/", views.opdracht_status, name="opdracht_status"),
    path("<int:pk>/gemeenten/<int:deelnemer_pk>/herinneringen/", views.pauzeren, name="pauzeren"),
    path("<int:pk>/niet-gereageerd.<str:formaat>", views.export, name="export"),
]
