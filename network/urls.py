from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("open-data.json", views.open_data_json, name="open_data_json"),
    path("open-data.csv", views.open_data_csv, name="open_data_csv"),
]
