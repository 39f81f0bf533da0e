"""Report pages, the province dashboard, charts, and (from reports.exports) the table exports."""

from django.urls import path, re_path

from .exports import export_view
from .views import charting, pages

app_name = "reports"

urlpatterns = [
    path("", pages.index, name="index"),
    path("province/", pages.my_province, name="my-province"),
    path("province/<text:code>/", pages.province_dashboard, name="province"),
    re_path(r"^charts/(?P<chart>[-a-z0-9]+)\.(?P<fmt>svg|png)$", charting.chart, name="chart"),
    path("exports/<slug:report>/<slug:table>/", export_view, name="export"),
    re_path(r"^(?P<report>progress|seminars|feedback|budget|rollout)/$", pages.report, name="report"),
]
