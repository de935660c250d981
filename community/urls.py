from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("members/<int:pk>/", views.profile_detail, name="profile"),
    path("members/<int:pk>/photo/", views.profile_photo, name="photo"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/preview/", views.profile_preview, name="profile_preview"),
    path("network/", views.network, name="network"),
    path("network/connect/", views.connect, name="connect"),
    path("network/requests/<int:pk>/accept/", views.accept, name="accept"),
    path("network/requests/<int:pk>/decline/", views.decline, name="decline"),
    path("network/requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("network/remove/", views.remove, name="remove"),
    path("network/block/", views.block, name="block"),
    path("network/unblock/", views.unblock, name="unblock"),
    path("account/", views.account, name="account"),
    path("account/data/", views.account_data, name="account_data"),
    path("account/delete/", views.account_delete, name="account_delete"),
]
