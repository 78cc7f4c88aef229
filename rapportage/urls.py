from django.urls import path

from rapportage import views

app_name = "rapportage"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("planning/", views.planning_wijzigen, name="planning"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
    path("<int:pk>/download/<str:formaat>/", views.download, name="download"),
]
