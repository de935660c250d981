"""Language-neutral addresses verifiers and wallets fetch (included at the site root)."""

from django.urls import path

from cohorts import credential_views as views

urlpatterns = [
    path("credentials/issuer.json", views.issuer, name="credential_issuer"),
    path("credentials/jwks.json", views.jwks, name="credential_jwks"),
    path("credentials/status/<slug:purpose>", views.status_list, name="credential_status_list"),
    path(
        "credentials/certificates/<str:identifier>.jwt",
        views.credential_file,
        name="credential_file",
    ),
    # The id every Open Badge of a cohort has named since the first (unsigned) ones.
    path(
        "achievements/cohort/<uuid:translation_key>",
        views.achievement_json,
        name="credential_achievement",
    ),
]
