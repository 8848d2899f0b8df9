"""Placeholder: being written."""
from django.http import HttpResponse

def sign_in(request, *a, **k):
    return HttpResponse("todo")


def sign_out(request, *a, **k):
    return HttpResponse("todo")


def two_factor_setup(request, *a, **k):
    return HttpResponse("todo")


def two_factor_verify(request, *a, **k):
    return HttpResponse("todo")


def account(request, *a, **k):
    return HttpResponse("todo")


def change_password(request, *a, **k):
    return HttpResponse("todo")


def backup_codes(request, *a, **k):
    return HttpResponse("todo")


def dashboard(request, *a, **k):
    return HttpResponse("todo")


def board_dashboard(request, *a, **k):
    return HttpResponse("todo")


def manage_boards(request, *a, **k):
    return HttpResponse("todo")


def board_create(request, *a, **k):
    return HttpResponse("todo")


def board_edit(request, *a, **k):
    return HttpResponse("todo")


def manage_users(request, *a, **k):
    return HttpResponse("todo")


def user_create(request, *a, **k):
    return HttpResponse("todo")


def user_detail(request, *a, **k):
    return HttpResponse("todo")


def user_edit(request, *a, **k):
    return HttpResponse("todo")


def membership_add(request, *a, **k):
    return HttpResponse("todo")


def membership_remove(request, *a, **k):
    return HttpResponse("todo")


def user_reset_two_factor(request, *a, **k):
    return HttpResponse("todo")


def locked_out(request, *a, **k):
    return HttpResponse("todo")


