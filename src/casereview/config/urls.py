"""Every URL of the service. The access matrix test walks this tree, so nothing hides elsewhere."""

from django.urls import include, path

from casereview.accounts import urls as accounts_urls
from casereview.pages import dashboards

urlpatterns = [
    path("", include("casereview.pages.urls")),
    # The dashboards compose the domains, so they live above them, under their accounts: names.
    path("", include((accounts_urls.urlpatterns + dashboards.urlpatterns, "accounts"))),
    path("audit/", include("casereview.audit.urls")),
    path("", include("casereview.cases.urls")),
    path("repository/", include("casereview.repository.urls")),
    path("", include("casereview.publication.urls")),
    path("", include("casereview.recommendations.views")),
    path("", include("casereview.learning.urls")),
]

handler404 = "casereview.pages.errors.not_found"
handler500 = "casereview.pages.errors.server_error"
handler403 = "casereview.pages.errors.forbidden"
handler400 = "casereview.pages.errors.bad_request"
