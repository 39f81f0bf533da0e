"""Seed default rubrics, predicate bands and scoring policies from DOMAIN.md.

Weights and cut-offs are defaults to verify against each rule set's official text; staff
copy and edit them in the admin (a rubric in use is frozen, so a copy gets a new version).
"""

from decimal import Decimal

from django.db import migrations

DESIGN = [
    ("Kesesuaian dengan kebutuhan organisasi adaptif", [
        ("Relevansi area perubahan dengan isu strategis organisasi", 10),
        ("Kejelasan kondisi saat ini dan kondisi ideal", 10),
    ]),
    ("Terobosan inovatif dan luasnya manfaat", [
        ("Kebaruan terobosan (inovasi)", 15),
        ("Luas manfaat bagi organisasi dan masyarakat", 10),
    ]),
    ("Tahapan perubahan dan kesesuaian dengan strategi", [
        ("Kejelasan milestone jangka pendek, menengah dan panjang", 10),
        ("Keselarasan dengan rencana strategis instansi", 10),
    ]),
    ("Strategi pemasaran (stakeholder, sumber daya)", [
        ("Pemetaan dan strategi komunikasi stakeholder", 10),
        ("Dukungan sumber daya dan anggaran", 10),
    ]),
    ("Rencana pengembangan kompetensi", [
        ("Rencana pengembangan kompetensi tim", 15),
    ]),
]

RESULTS = [
    ("Capaian terhadap rencana", [
        ("Capaian milestone jangka pendek", 15),
        ("Kualitas output dan outcome", 10),
    ]),
    ("Kepemimpinan strategis", [
        ("Pengelolaan tim dan pengambilan keputusan", 10),
        ("Kemampuan mengatasi hambatan", 10),
    ]),
    ("Pemasaran dalam praktik (stakeholder, komunikasi, publikasi)", [
        ("Keterlibatan stakeholder", 10),
        ("Komunikasi dan publikasi", 10),
    ]),
    ("Keberlanjutan", [
        ("Komitmen dan dukungan anggaran jangka menengah dan panjang", 10),
        ("Replikabilitas ke unit/OPD lain", 10),
    ]),
    ("Membangun organisasi pembelajar", [
        ("Berbagi pengetahuan dan pembelajaran organisasi", 15),
    ]),
]

BANDS = [
    # name, above, up to and including, passing
    ("Sangat Memuaskan", "90", None, True),
    ("Memuaskan", "80", "90", True),
    ("Cukup Memuaskan", "70", "80", True),
    ("Kurang Memuaskan", "60", "70", False),
    ("Tidak Memuaskan", None, "60", False),
]

LEVELS = [("90", "100", "Sangat baik"), ("80", "89.99", "Baik"), ("70", "79.99", "Cukup"), ("0", "69.99", "Kurang")]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("diklat", "RuleSet")
    Rubric = apps.get_model("assessments", "Rubric")
    Component = apps.get_model("assessments", "RubricComponent")
    Indicator = apps.get_model("assessments", "RubricIndicator")
    Level = apps.get_model("assessments", "LevelDescriptor")
    Band = apps.get_model("assessments", "PredicateBand")
    Policy = apps.get_model("assessments", "ScoringPolicy")

    for rule_set in RuleSet.objects.select_related("programme"):
        Policy.objects.create(rule_set=rule_set)
        for name, above, up_to, passing in BANDS:
            Band.objects.create(
                rule_set=rule_set,
                name=name,
                above=Decimal(above) if above else None,
                up_to=Decimal(up_to) if up_to else None,
                passing=passing,
            )
        if rule_set.programme.code == "pkn1":
            continue
        product = "Proyek Perubahan" if rule_set.programme.product == "proyek" else "Aksi Perubahan"
        for kind, label, components in (
            ("design", f"Seminar Rancangan {product}", DESIGN),
            ("results", f"Seminar Laboratorium Kepemimpinan ({product})", RESULTS),
        ):
            rubric = Rubric.objects.create(
                rule_set=rule_set, kind=kind, version=1, name=f"{label} — {rule_set.programme.name}"
            )
            for c_order, (c_name, indicators) in enumerate(components):
                component = Component.objects.create(
                    rubric=rubric,
                    name=c_name,
                    weight=Decimal(sum(weight for _, weight in indicators)),
                    order=c_order,
                )
                for i_order, (i_name, weight) in enumerate(indicators):
                    indicator = Indicator.objects.create(
                        component=component, name=i_name, weight=Decimal(weight), order=i_order
                    )
                    Level.objects.bulk_create(
                        Level(indicator=indicator, lowest=Decimal(lo), highest=Decimal(hi), description=text)
                        for lo, hi, text in LEVELS
                    )


def unseed(apps, schema_editor):
    for model in ("LevelDescriptor", "RubricIndicator", "RubricComponent", "Rubric", "PredicateBand", "ScoringPolicy"):
        apps.get_model("assessments", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("diklat", "0002_reference_data")]

    operations = [migrations.RunPython(seed, unseed)]
