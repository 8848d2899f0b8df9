"""Every URL of the national figures. The paths are those the pages had before they moved here
from ``cases`` and ``recommendations`` (docs/adr/0014-learning-app.md); the names are a contract
with templates and the access matrix test."""

from django.urls import path

from casereview.learning import views

app_name = "learning"

urlpatterns = [
    path("national/", views.timeliness_page, name="timeliness"),
    path("national/timeliness.csv", views.timeliness_csv, name="timeliness-csv"),
    path("national/overdue.csv", views.overdue_csv, name="overdue-csv"),
    path("recommendations/national/", views.recommendations_page, name="recommendations"),
    path("recommendations/national.csv", views.recommendations_csv, name="recommendations-csv"),
]
