"""Charts drawn for a phone: no text under 10 px in a 290 px card, the legend under the plot, and a table link."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports import plotting
from reports.views.charting import CHARTS

# The chart's width in its card on a 360 px phone: the page's and the card's padding taken off
# (measured in Chromium, tests/browser/test_phone_pages.py).
PHONE_CHART_PX = 290
SMALLEST_PX = 10


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def svg_of(client, name: str, size: str = "phone") -> str:
    url = reverse("reports:chart", kwargs={"chart": name, "fmt": "svg"})
    response = client.get(url, {"size": size})
    assert response.status_code == 200, response.content
    return response.content.decode()


def font_sizes_at(svg: str, width_px: float) -> list[float]:
    """The font sizes of the SVG's text in CSS pixels, the image drawn ``width_px`` wide."""
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes, "the SVG has no text elements"
    return [size * width_px / view_width for size in sizes]


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_on_a_phone_no_chart_text_is_smaller_than_10_px(world, client, name):
    client.force_login(world.superuser)
    svg = svg_of(client, name)
    assert "<text" in svg  # text stays text, not glyph outlines
    assert min(font_sizes_at(svg, PHONE_CHART_PX)) >= SMALLEST_PX


@pytest.mark.parametrize("name", ["milestones-by-horizon", "feedback-by-category", "adoptions-over-time"])
def test_the_desktop_drawing_squeezed_into_a_phone_would_be_unreadable(world, client, name):
    """Why the phone drawing exists: the desktop one at phone width falls under 10 px."""
    client.force_login(world.superuser)
    assert min(font_sizes_at(svg_of(client, name, "desktop"), PHONE_CHART_PX)) < SMALLEST_PX
    assert svg_of(client, name, "desktop") != svg_of(client, name)


def test_an_unknown_size_is_400_with_the_reason(world, client):
    client.force_login(world.superuser)
    response = client.get(
        reverse("reports:chart", kwargs={"chart": "projects-by-status", "fmt": "svg"}), {"size": "tv"}
    )
    assert response.status_code == 400
    assert "size" in response.content.decode()


def test_the_phone_and_desktop_drawings_have_their_own_etags(world, client):
    client.force_login(world.superuser)
    url = reverse("reports:chart", kwargs={"chart": "projects-by-status", "fmt": "svg"})
    desktop, phone = client.get(url), client.get(url, {"size": "phone"})
    assert desktop["ETag"] != phone["ETag"]


def test_the_phone_layout_puts_the_legend_under_a_narrower_plot():
    assert plotting.PHONE.legend_below and not plotting.DESKTOP.legend_below
    assert plotting.PHONE.width < plotting.DESKTOP.width and plotting.PHONE.font > plotting.DESKTOP.font


def test_the_report_page_offers_the_phone_drawing_and_a_link_to_the_figures(world, client):
    client.force_login(world.superuser)
    html = client.get(reverse("reports:report", args=["progress"])).content.decode()
    assert '<source media="(max-width: 640px)" srcset="/reports/charts/milestones-by-horizon.svg?size=phone"' in html
    assert 'href="#progress-milestones-by-horizon-data"' in html and 'id="progress-milestones-by-horizon-data"' in html


def test_the_dashboards_chart_links_to_the_table_in_the_full_report(world, client):
    client.force_login(world.superuser)
    html = client.get(reverse("reports:province", args=["73"])).content.decode()
    assert "/reports/progress/?province=73#progress-milestones-by-horizon-data" in html
