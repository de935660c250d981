from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("programmes/<int:programme_pk>/nominate/", views.nominate, name="nominate"),
    path("programmes/<int:programme_pk>/results/", views.programme_results, name="results"),
    path("programmes/<int:programme_pk>/results.csv", views.results_csv, name="results_csv"),
    path("programmes/<int:programme_pk>/results.json", views.results_json, name="results_json"),
    path("nominations/", views.my_nominations, name="my_nominations"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"),
    path("nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("nominations/<int:pk>/decline/", views.nomination_decline, name="nomination_decline"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("jury/", views.jury_dashboard, name="jury_dashboard"),
    path("jury/nominations/<int:pk>/", views.jury_review, name="jury_review"),
    path(
        "jury/rounds/<int:round_pk>/nominations/<int:pk>/",
        views.jury_review,
        name="jury_round_review",
    ),
    path("jury/nominations/<int:pk>/conflict/", views.conflict_declare, name="conflict_declare"),
    path("jury/conflicts/<int:pk>/", views.conflict_decide, name="conflict_decide"),
]
