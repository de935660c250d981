from django.urls import path

from spaces.views import discovery, moderation, resources, space, threads

app_name = "spaces"

urlpatterns = [
    path("", discovery.index, name="index"),
    path("posts/<int:pk>/edit/", threads.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", threads.post_delete, name="post_delete"),
    path("posts/<int:pk>/report/", moderation.post_report, name="post_report"),
    path("<slug:slug>/", space.space_page, name="space"),
    path("<slug:slug>/join/", space.join, name="join"),
    path("<slug:slug>/request/", space.request_to_join, name="request"),
    path("<slug:slug>/leave/", space.leave, name="leave"),
    path("<slug:slug>/invitation/", space.invitation, name="invitation"),
    path("<slug:slug>/members/", space.members, name="members"),
    path("<slug:slug>/members/<int:user_id>/", space.member_manage, name="member_manage"),
    path("<slug:slug>/requests/", space.requests, name="requests"),
    path("<slug:slug>/requests/<int:pk>/", space.request_decide, name="request_decide"),
    path("<slug:slug>/invite/", space.invite, name="invite"),
    path("<slug:slug>/discussions/", threads.thread_list, name="threads"),
    path("<slug:slug>/discussions/new/", threads.thread_new, name="thread_new"),
    path("<slug:slug>/discussions/<int:pk>/", threads.thread_page, name="thread"),
    path("<slug:slug>/discussions/<int:pk>/reply/", threads.reply, name="reply"),
    path("<slug:slug>/discussions/<int:pk>/follow/", threads.follow, name="follow"),
    path("<slug:slug>/discussions/<int:pk>/host/", threads.thread_host, name="thread_host"),
    path("<slug:slug>/resources/", resources.resource_list, name="resources"),
    path("<slug:slug>/resources/new/", resources.resource_new, name="resource_new"),
    path("<slug:slug>/resources/<int:pk>/file/", resources.resource_file, name="resource_file"),
    path(
        "<slug:slug>/resources/<int:pk>/remove/", resources.resource_remove, name="resource_remove"
    ),
    path("<slug:slug>/reports/", moderation.host_reports, name="host_reports"),
    path(
        "<slug:slug>/reports/<int:pk>/<str:action>/",
        moderation.host_report_action,
        name="host_report_action",
    ),
]
