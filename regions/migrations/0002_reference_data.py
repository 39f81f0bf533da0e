"""Load the reference data every installation needs: regional governments and agency kinds."""

import csv
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


def load(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    AgencyKind = apps.get_model("regions", "AgencyKind")

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


def unload(apps, schema_editor):
    apps.get_model("regions", "AgencyKind").objects.all().delete()
    Region = apps.get_model("regions", "Region")
    Region.objects.filter(parent__isnull=False).delete()
    Region.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
