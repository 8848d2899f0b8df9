from django.urls import path

from casereview.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.events, name="events"),
    path("export.csv", views.export_csv, name="export"),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
]
