"""Every repository URL. A document's permanent address uses the start of its SHA-256."""

from django.urls import path

from casereview.repository import views

app_name = "repository"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("browse/", views.browse, name="browse"),
    path("upload/", views.upload, name="upload"),
    path("uploads/<int:pk>/", views.upload_status, name="upload-status"),
    path("documents/<str:ref>/", views.document_page, name="document"),
    path("documents/<str:ref>/pages/<int:number>/", views.document_text_page, name="document-page"),
    path("documents/<str:ref>/download/", views.download, name="download"),
    path("documents/<str:ref>/publish/", views.publish, name="publish"),
    path("documents/<str:ref>/record/<str:field>/", views.check_field, name="check-field"),
    path("documents/<str:ref>/responses/", views.pfd_responses, name="pfd-responses"),
]
