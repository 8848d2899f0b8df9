"""Every accounts URL. The names are a contract with templates and the access matrix test.

The dashboard and a board's page are in the accounts namespace too but live above the domains
(``pages.dashboards``); ``config.urls`` adds them.
"""

from django.urls import path

from casereview.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set-password"),
    path("two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
    path("account/", views.account, name="account"),
    path("account/password/", views.change_password, name="change-password"),
    path("account/backup-codes/", views.backup_codes, name="backup-codes"),
    path("manage/boards/", views.manage_boards, name="manage-boards"),
    path("manage/boards/new/", views.board_create, name="board-create"),
    path("manage/boards/<slug:slug>/edit/", views.board_edit, name="board-edit"),
    path("manage/users/", views.manage_users, name="manage-users"),
    path("manage/users/new/", views.user_create, name="user-create"),
    path("manage/users/<int:user_id>/", views.user_detail, name="user-detail"),
    path("manage/users/<int:user_id>/edit/", views.user_edit, name="user-edit"),
    path("manage/users/<int:user_id>/roles/new/", views.membership_add, name="membership-add"),
    path(
        "manage/users/<int:user_id>/roles/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership-remove",
    ),
    path(
        "manage/users/<int:user_id>/set-up-link/",
        views.user_set_up_link,
        name="user-set-up-link",
    ),
    path(
        "manage/users/<int:user_id>/reset-two-factor/",
        views.user_reset_two_factor,
        name="user-reset-two-factor",
    ),
]
