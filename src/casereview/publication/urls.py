"""The publication pages of a document, beside its own pages, and a case's summary of
improvements."""

from django.urls import path

from casereview.publication import views

app_name = "publication"

urlpatterns = [
    path("repository/documents/<str:ref>/redaction/", views.redaction_page, name="redaction"),
    path("repository/documents/<str:ref>/redaction/decide/", views.decide, name="decide"),
    path("repository/documents/<str:ref>/redaction/override/", views.override, name="override"),
    path(
        "repository/documents/<str:ref>/redaction/dates/", views.redact_dates, name="redact-dates"
    ),
    path("repository/documents/<str:ref>/publish/confirm/", views.confirm, name="confirm"),
    path("repository/documents/<str:ref>/public.pdf", views.public_copy, name="public-copy"),
    path("repository/withdrawn/", views.withdrawn, name="withdrawn"),
    path("cases/<int:pk>/improvements/", views.improvements, name="improvements"),
]
