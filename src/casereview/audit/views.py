"""Placeholder: being written."""
from django.http import HttpResponse

def events(request, *a, **k):
    return HttpResponse("todo")


def export_csv(request, *a, **k):
    return HttpResponse("todo")


def history(request, *a, **k):
    return HttpResponse("todo")


