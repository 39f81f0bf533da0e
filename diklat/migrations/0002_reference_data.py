"""Load the reference data every installation needs: regions, agency kinds, programmes, rule sets."""

import csv
import datetime
from pathlib import Path

from django.db import migrations

REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "regions.csv"

AGENCY_KINDS = [
    # code, name, scope
    ("setda", "Sekretariat Daerah", "any"),
    ("biro", "Biro (Sekretariat Daerah Provinsi)", "province"),
    ("bagian", "Bagian (Sekretariat Daerah Kabupaten/Kota)", "regency_city"),
    ("setwan", "Sekretariat DPRD", "any"),
    ("inspektorat", "Inspektorat", "any"),
    ("dinas", "Dinas", "any"),
    ("badan", "Badan", "any"),
    ("kecamatan", "Kecamatan", "regency_city"),
    ("uptd", "UPTD", "any"),
    ("satpol-pp", "Satuan Polisi Pamong Praja", "any"),
]

PROGRAMMES = [
    # code, name, former name, for, product
    ("pkn1", "PKN Tingkat I", "Diklatpim Tingkat I", "JPT Madya", "proyek"),
    ("pkn2", "PKN Tingkat II", "Diklatpim Tingkat II", "JPT Pratama (eselon II)", "proyek"),
    ("pka", "PKA", "Diklatpim Tingkat III", "Administrator (eselon III)", "aksi"),
    ("pkp", "PKP", "Diklatpim Tingkat IV", "Pengawas (eselon IV)", "aksi"),
]

RULE_SETS = [
    # programme, name, regulation, effective from
    ("pkn1", "Perlan 5/2022 jo. 6/2022", "Peraturan LAN Nomor 5 Tahun 2022 jo. Nomor 6 Tahun 2022", "2022-01-01"),
    ("pkn2", "Perlan 2/2019", "Peraturan LAN Nomor 2 Tahun 2019", "2019-01-01"),
    ("pkn2", "Perlan 5/2022 jo. 6/2022", "Peraturan LAN Nomor 5 Tahun 2022 jo. Nomor 6 Tahun 2022", "2022-01-01"),
    ("pka", "Perlan 16/2019", "Peraturan LAN Nomor 16 Tahun 2019", "2019-01-01"),
    ("pka", "Perlan 5/2022 jo. 6/2022", "Peraturan LAN Nomor 5 Tahun 2022 jo. Nomor 6 Tahun 2022", "2022-01-01"),
    ("pkp", "Perlan 15/2019", "Peraturan LAN Nomor 15 Tahun 2019", "2019-01-01"),
    ("pkp", "Perlan 5/2022 jo. 6/2022", "Peraturan LAN Nomor 5 Tahun 2022 jo. Nomor 6 Tahun 2022", "2022-01-01"),
]


def load(apps, schema_editor):
    Region = apps.get_model("diklat", "Region")
    AgencyKind = apps.get_model("diklat", "AgencyKind")
    Programme = apps.get_model("diklat", "Programme")
    RuleSet = apps.get_model("diklat", "RuleSet")

    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {
        row["code"]: Region(code=row["code"], name=row["name"], level="province", time_zone=row["time_zone"])
        for row in rows
        if row["level"] == "province"
    }
    Region.objects.bulk_create(provinces.values())
    provinces = {region.code: region for region in Region.objects.filter(level="province")}
    Region.objects.bulk_create(
        Region(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent=provinces[row["parent_code"]],
            time_zone=row["time_zone"],
        )
        for row in rows
        if row["level"] != "province"
    )

    AgencyKind.objects.bulk_create(
        AgencyKind(code=code, name=name, scope=scope, order=index)
        for index, (code, name, scope) in enumerate(AGENCY_KINDS)
    )
    programmes = {}
    for index, (code, name, former, audience, product) in enumerate(PROGRAMMES):
        programmes[code] = Programme.objects.create(
            code=code, name=name, former_name=former, audience=audience, product=product, order=index
        )
    for code, name, regulation, effective in RULE_SETS:
        RuleSet.objects.create(
            programme=programmes[code],
            name=name,
            regulation=regulation,
            effective_from=datetime.date.fromisoformat(effective),
        )


def unload(apps, schema_editor):
    for model in ("RuleSet", "Programme", "AgencyKind"):
        apps.get_model("diklat", model).objects.all().delete()
    Region = apps.get_model("diklat", "Region")
    Region.objects.filter(parent__isnull=False).delete()
    Region.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("diklat", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
