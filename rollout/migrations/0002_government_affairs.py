"""Seed the government affairs (urusan pemerintahan) of regional governments (UU 23/2014)."""

from django.db import migrations

AFFAIRS = [
    ("pendidikan", "Pendidikan"),
    ("kesehatan", "Kesehatan"),
    ("pekerjaan-umum", "Pekerjaan umum dan penataan ruang"),
    ("perumahan", "Perumahan rakyat dan kawasan permukiman"),
    ("ketenteraman", "Ketenteraman, ketertiban umum dan pelindungan masyarakat"),
    ("sosial", "Sosial"),
    ("tenaga-kerja", "Tenaga kerja"),
    ("pemberdayaan-perempuan", "Pemberdayaan perempuan dan pelindungan anak"),
    ("pangan", "Pangan"),
    ("pertanahan", "Pertanahan"),
    ("lingkungan-hidup", "Lingkungan hidup"),
    ("adminduk", "Administrasi kependudukan dan pencatatan sipil"),
    ("pemberdayaan-desa", "Pemberdayaan masyarakat dan desa"),
    ("pengendalian-penduduk", "Pengendalian penduduk dan keluarga berencana"),
    ("perhubungan", "Perhubungan"),
    ("kominfo", "Komunikasi dan informatika"),
    ("koperasi-ukm", "Koperasi, usaha kecil dan menengah"),
    ("penanaman-modal", "Penanaman modal"),
    ("kepemudaan-olahraga", "Kepemudaan dan olahraga"),
    ("statistik", "Statistik"),
    ("persandian", "Persandian"),
    ("kebudayaan", "Kebudayaan"),
    ("perpustakaan", "Perpustakaan"),
    ("kearsipan", "Kearsipan"),
    ("kelautan-perikanan", "Kelautan dan perikanan"),
    ("pariwisata", "Pariwisata"),
    ("pertanian", "Pertanian"),
    ("kehutanan", "Kehutanan"),
    ("esdm", "Energi dan sumber daya mineral"),
    ("perdagangan", "Perdagangan"),
    ("perindustrian", "Perindustrian"),
    ("transmigrasi", "Transmigrasi"),
    ("perencanaan", "Penunjang: perencanaan"),
    ("keuangan", "Penunjang: keuangan"),
    ("kepegawaian", "Penunjang: kepegawaian serta pendidikan dan pelatihan"),
    ("litbang", "Penunjang: penelitian dan pengembangan"),
    ("pengawasan", "Pengawasan"),
    ("pemerintahan-umum", "Pemerintahan umum dan kesekretariatan"),
]


def seed(apps, schema_editor):
    GovernmentAffair = apps.get_model("rollout", "GovernmentAffair")
    GovernmentAffair.objects.bulk_create(GovernmentAffair(code=code, name=name) for code, name in AFFAIRS)


def unseed(apps, schema_editor):
    apps.get_model("rollout", "GovernmentAffair").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("rollout", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
