"""Report pages, the province dashboard, charts, and (from reports.exports) the table exports."""

from django.urls import path, re_path

from . import views
from .exports import export_view

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("province/", views.my_province, name="my-province"),
    path("province/<str:code>/", views.province_dashboard, name="province"),
    re_path(r"^charts/(?P<chart>[-a-z0-9]+)\.(?P<fmt>svg|png)$", views.chart, name="chart"),
    path("exports/<slug:report>/<slug:table>/", export_view, name="export"),
    re_path(r"^(?P<report>progress|seminars|feedback|rollout)/$", views.report, name="report"),
]
