"""Every URL of the service. The access matrix test walks this tree, so nothing hides elsewhere."""

from django.urls import include, path

urlpatterns = [
    path("", include("casereview.pages.urls")),
    path("", include("casereview.accounts.urls")),
    path("audit/", include("casereview.audit.urls")),
    path("", include("casereview.cases.urls")),
    path("repository/", include("casereview.repository.urls")),
    path("", include("casereview.recommendations.views")),
    path("", include("casereview.learning.urls")),
]

handler404 = "casereview.pages.errors.not_found"
handler500 = "casereview.pages.errors.server_error"
handler403 = "casereview.pages.errors.forbidden"
handler400 = "casereview.pages.errors.bad_request"
