"""The pages that combine several apps. Their paths sit beside the apps' own (``/gemeenten/<code>/``
next to the register's pages), so the root URLconf includes this module last."""

from django.urls import path

from portaal import views

app_name = "portaal"

urlpatterns = [
    path("overzicht/", views.dashboard, name="dashboard"),
    path("gemeenten/<str:cbs_code>/", views.gemeente, name="gemeente"),
    path("nulmeting/", views.vragenlijsten, name="vragenlijsten"),
    path("nulmeting/overzicht/", views.nulmeting_overzicht, name="nulmeting_overzicht"),
    path("nulmeting/export/<slug:code>.<str:formaat>", views.nulmeting_export, name="nulmeting_export"),
    path("toegankelijkheid", views.toegankelijkheid, name="toegankelijkheid"),
    path("persoonsgegevens/", views.persoonsgegevens, name="persoonsgegevens"),
    path("persoonsgegevens/export", views.persoonsgegevens_export, name="persoonsgegevens_export"),
    path("persoonsgegevens/wissen", views.persoonsgegevens_wissen, name="persoonsgegevens_wissen"),
]
