"""Load the reference data every installation needs: the training programmes and their rule sets."""

import datetime

from django.db import migrations

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
    Programme = apps.get_model("diklat", "Programme")
    RuleSet = apps.get_model("diklat", "RuleSet")

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
    for model in ("RuleSet", "Programme"):
        apps.get_model("diklat", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("diklat", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
