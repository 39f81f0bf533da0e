"""The reference data every installation starts with: regions, agency kinds, programmes and rule sets."""

import csv
from pathlib import Path

import pytest
from django.db.models import F

from diklat.models import Programme, RuleSet
from regions.models import AgencyKind, Region

DATA = Path(__file__).resolve().parent.parent / "regions" / "data"
WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
# DOMAIN.md: WIB for Sumatra, Java and West/Central Kalimantan; WITA for South/East/North Kalimantan,
# Bali, NTB, NTT and Sulawesi; WIT for Maluku and Papua.
EXPECTED_ZONES = {
    **dict.fromkeys(["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"], WIB),
    **dict.fromkeys(["31", "32", "33", "34", "35", "36"], WIB),
    **dict.fromkeys(["61", "62"], "Asia/Pontianak"),
    **dict.fromkeys(["63", "64", "65", "51", "52", "53"], WITA),
    **dict.fromkeys(["71", "72", "73", "74", "75", "76"], WITA),
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], WIT),
}

pytestmark = pytest.mark.django_db


def test_there_are_38_provinces():
    assert Region.objects.filter(level="province").count() == 38


def test_there_are_514_regencies_and_cities():
    assert Region.objects.filter(level__in=["regency", "city"]).count() == 514


def test_the_provinces_are_the_38_codes_of_domain_md():
    assert set(Region.objects.filter(level="province").values_list("code", flat=True)) == set(EXPECTED_ZONES)


def test_every_regency_and_city_belongs_to_a_province():
    children = Region.objects.exclude(level="province")
    assert not children.filter(parent__isnull=True).exists()
    assert not children.exclude(parent__level="province").exists()


def test_every_regency_code_starts_with_its_provinces_code():
    for code, parent_code in Region.objects.exclude(level="province").values_list("code", "parent__code"):
        assert code.split(".")[0] == parent_code, code


def test_sulawesi_selatan_is_73_with_its_capital_makassar():
    assert Region.objects.get(code="73").name == "Sulawesi Selatan"
    assert Region.objects.get(code="73.71", level="city").name == "Kota Makassar"


@pytest.mark.parametrize(("code", "zone"), [("73", WITA), ("94", WIT), ("61", "Asia/Pontianak"), ("31", WIB)])
def test_examples_of_province_time_zones(code, zone):
    assert Region.objects.get(code=code).time_zone == zone


def test_every_province_has_the_time_zone_of_domain_md():
    zones = dict(Region.objects.filter(level="province").values_list("code", "time_zone"))
    assert zones == EXPECTED_ZONES


def test_every_regency_and_city_shares_its_provinces_time_zone():
    assert not Region.objects.exclude(level="province").exclude(time_zone=F("parent__time_zone")).exists()


def test_there_are_10_agency_kinds():
    assert AgencyKind.objects.count() == 10


def test_the_kecamatan_is_for_regencies_and_cities_and_the_biro_for_provinces():
    scopes = dict(AgencyKind.objects.values_list("code", "scope"))
    assert (scopes["kecamatan"], scopes["bagian"], scopes["biro"]) == ("regency_city", "regency_city", "province")


def test_there_are_4_programmes_in_order():
    assert list(Programme.objects.values_list("name", flat=True)) == [
        "PKN Tingkat I",
        "PKN Tingkat II",
        "PKA",
        "PKP",
    ]


def test_each_programme_keeps_its_diklatpim_alias():
    aliases = dict(Programme.objects.values_list("code", "former_name"))
    assert aliases == {
        "pkn1": "Diklatpim Tingkat I",
        "pkn2": "Diklatpim Tingkat II",
        "pka": "Diklatpim Tingkat III",
        "pkp": "Diklatpim Tingkat IV",
    }


def test_pkn_produces_a_change_project_and_pka_and_pkp_a_change_action():
    products = dict(Programme.objects.values_list("code", "product"))
    assert products == {"pkn1": "proyek", "pkn2": "proyek", "pka": "aksi", "pkp": "aksi"}


def test_every_programme_has_a_rule_set_with_sane_horizons():
    for programme in Programme.objects.all():
        assert programme.rule_sets.exists(), programme
    assert not RuleSet.objects.filter(medium_horizon_months__gt=12).exists()


def test_the_regions_licence_is_shipped_beside_the_csv():
    licence = DATA / "regions.LICENSE"
    assert (DATA / "regions.csv").is_file()
    assert licence.is_file()
    assert "MIT" in licence.read_text(encoding="utf-8") or "Permission is hereby granted" in licence.read_text(
        encoding="utf-8"
    )


def test_the_csv_and_the_database_hold_the_same_regions():
    with (DATA / "regions.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["code"]: (row["name"], row["level"], row["time_zone"]) for row in csv.DictReader(handle)}
    stored = {
        code: (name, level, zone)
        for code, name, level, zone in Region.objects.values_list("code", "name", "level", "time_zone")
    }
    assert stored == rows
