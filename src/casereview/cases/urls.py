"""Every case URL. The names are a contract with templates and the access matrix test.

The review pages (``views_review``) and the rules-table pages for administrators (``views_rules``)
keep their own URL lists, joined here under the one ``cases`` namespace. The national panel's
timeliness figures are the ``learning`` app's.
"""

from django.urls import path

from casereview.cases import views, views_review, views_rules

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("boards/<slug:slug>/cases/new/", views.notify, name="notify"),
    path("cases/<int:pk>/", views.detail, name="detail"),
    path("cases/<int:pk>/identity/", views.identity, name="identity"),
    path("cases/<int:pk>/decision/", views.decision, name="decision"),
    path("cases/<int:pk>/advice/", views.advice, name="advice"),
    path("cases/<int:pk>/timeline/", views.case_timeline, name="timeline"),
    path("cases/<int:pk>/move/<slug:key>/", views.move, name="move"),
    *views_review.urlpatterns,
    *views_rules.urlpatterns,
]
