from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("<int:round_id>/", views.answer, name="answer"),
    path("a/<str:token>/", views.answer_by_token, name="answer_token"),
]
