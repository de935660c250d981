from django.urls import path, re_path

from awards import opendata, views

app_name = "awards"
TABLES = "|".join(opendata.TABLES)

urlpatterns = [
    path("programmes/<int:programme_pk>/nominate/", views.nominate, name="nominate"),
    path("programmes/<int:programme_pk>/results/", views.programme_results, name="results"),
    path("programmes/<int:programme_pk>/results.csv", views.results_table, name="results_csv"),
    path("programmes/<int:programme_pk>/results.json", views.results_json, name="results_json"),
    path(
        "programmes/<int:programme_pk>/datapackage.json",
        views.results_package,
        name="results_package",
    ),
    re_path(
        rf"^programmes/(?P<programme_pk>[0-9]+)/(?P<table>{TABLES})\.csv$",
        views.results_table,
        name="results_table",
    ),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/editions.json", views.open_data_editions, name="open_data_editions"),
    path("open-data/datapackage.json", views.open_data_package, name="open_data_package"),
    re_path(
        rf"^open-data/(?P<table>{TABLES})\.csv$", views.open_data_table, name="open_data_table"
    ),
    re_path(
        r"^open-data/(?P<document>edition|editions)\.schema\.json$",
        views.open_data_schema,
        name="open_data_schema",
    ),
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
