from django.urls import path

from .views import commitments, find, groups, guides, pioneers

app_name = "communities"

urlpatterns = [
    path("", find.GroupListView.as_view(), name="group-list"),
    path("interest/", find.InterestListView.as_view(), name="interest-group-list"),
    path("worked/", find.CommitmentsWorkedView.as_view(), name="commitment-list"),
    path("mine/", find.my_groups, name="my-groups"),
    path("new/", groups.group_create_view, name="group-create"),
    # Registering as a co-operative community: three steps.
    path("register/", commitments.register_start, name="register"),
    path("register/group/", commitments.register_group, name="register-group"),
    path(
        "register/<slug:slug>/commitments/",
        commitments.register_commitments,
        name="register-commitments",
    ),
    path("register/<slug:slug>/confirm/", commitments.register_confirm, name="register-confirm"),
    path("guides/", guides.GuideListView.as_view(), name="guide-list"),
    path("guides/<slug:slug>/", guides.GuideDetailView.as_view(), name="guide-detail"),
    path("pioneers/<int:pk>/contact/", pioneers.pioneer_contact, name="pioneer-contact"),
    path("messages/<int:pk>/", pioneers.message_detail, name="message-detail"),
    path("<slug:slug>/", groups.group_detail, name="group-detail"),
    path("<slug:slug>/edit/", groups.group_edit, name="group-edit"),
    path("<slug:slug>/join/", groups.group_join, name="group-join"),
    path("<slug:slug>/leave/", groups.group_leave, name="group-leave"),
    path("<slug:slug>/members/", groups.group_members, name="group-members"),
    path("<slug:slug>/members/<int:pk>/role/", groups.member_role, name="member-role"),
    path("<slug:slug>/members/<int:pk>/remove/", groups.member_remove, name="member-remove"),
    path("<slug:slug>/spaces/", groups.group_spaces, name="group-spaces"),
    path("<slug:slug>/claim/", groups.group_claim, name="group-claim"),
    path("<slug:slug>/review/", commitments.group_review, name="group-review"),
    path("<slug:slug>/commitments/new/", commitments.commitment_create, name="commitment-create"),
    path(
        "<slug:slug>/commitments/<int:pk>/",
        commitments.commitment_detail,
        name="commitment-detail",
    ),
    path(
        "<slug:slug>/commitments/<int:pk>/progress/",
        commitments.progress_create,
        name="progress-create",
    ),
    path(
        "<slug:slug>/commitments/<int:pk>/delete/",
        commitments.commitment_delete,
        name="commitment-delete",
    ),
]
