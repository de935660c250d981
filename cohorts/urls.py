from django.urls import path

from cohorts import credential_views, views

app_name = "cohorts"

urlpatterns = [
    path("<int:cohort_id>/apply/", views.apply, name="apply"),
    path("<int:cohort_id>/space/", views.cohort_space, name="space"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "applications/<int:pk>/files/<str:question_id>/",
        views.application_file,
        name="application_file",
    ),
    path(
        "applications/<int:pk>/submissions/<int:number>/files/<str:question_id>/",
        views.submission_file,
        name="submission_file",
    ),
    path("certificates/<str:identifier>/", views.certificate_detail, name="certificate"),
    path("certificates/<str:identifier>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<str:identifier>/badge.json",
        views.certificate_badge,
        name="certificate_badge",
    ),
    path(
        "verify/<str:identifier>/",
        credential_views.certificate_verify,
        name="certificate_verify",
    ),
    path("verify/", credential_views.verify_upload, name="credential_check"),
    path(
        "achievements/<uuid:translation_key>/",
        credential_views.achievement_page,
        name="achievement",
    ),
]
