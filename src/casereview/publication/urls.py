"""The publication pages of a case's report, beside the report's own pages."""

from django.urls import path

from casereview.publication import views

app_name = "publication"

urlpatterns = [
    path("documents/<str:ref>/redaction/", views.redaction_page, name="redaction"),
    path("documents/<str:ref>/redaction/decide/", views.decide, name="decide"),
    path("documents/<str:ref>/redaction/override/", views.override, name="override"),
    path("documents/<str:ref>/publish/confirm/", views.confirm, name="confirm"),
    path("documents/<str:ref>/public.pdf", views.public_copy, name="public-copy"),
]
