from django.urls import path

from gemeenten import views

app_name = "gemeenten"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("inwonertallen/", views.inwoners_import, name="inwoners_import"),
    path("<str:cbs_code>/", views.detail, name="detail"),
]
