from django.urls import path

from importen import views

app_name = "importen"

urlpatterns = [
    path("<int:pk>/", views.importrun, name="importrun"),
    path("<int:pk>/stand/", views.importrun_stand, name="stand"),
]
