"""The design of a demo change project: its texts, milestones, stakeholders, risks, team and budget."""

import datetime
import random
from dataclasses import dataclass

from .themes import Theme

# (horizon, activity, output, weight, estimated cost in rupiah)
MILESTONES = [
    ("short", "Membentuk tim efektif dan menerbitkan SK tim {acronym}", "SK tim efektif", 10, 0),
    ("short", "Konsultasi dan persetujuan rancangan {acronym} dengan mentor", "Rancangan yang disetujui mentor", 10, 0),
    ("short", "Menyusun SOP dan standar layanan {acronym}", "SOP yang ditetapkan", 15, 5_000_000),
    ("short", "Membangun prototipe {acronym}", "Prototipe yang siap diuji", 25, 25_000_000),
    ("short", "Sosialisasi {acronym} kepada pemangku kepentingan", "Berita acara sosialisasi", 15, 10_000_000),
    ("short", "Uji coba {acronym} di unit percontohan dan evaluasi", "Laporan uji coba", 25, 7_500_000),
    ("medium", "Menerapkan {acronym} di seluruh unit kerja", "{acronym} berjalan di semua unit", 30, 60_000_000),
    ("medium", "Menetapkan {acronym} dengan Keputusan Kepala Daerah", "SK Kepala Daerah", 20, 5_000_000),
    ("long", "Mereplikasi {acronym} ke OPD dan kabupaten/kota lain", "Nota kesepahaman replikasi", 30, 40_000_000),
    (
        "long",
        "Memperkuat {acronym} dengan Peraturan Kepala Daerah dan evaluasi dampak",
        "Perkada dan laporan dampak",
        20,
        15_000_000,
    ),
]
RESPONSIBLE = ["Ketua tim", "Sekretaris tim", "Koordinator teknis", "Peserta (project leader)"]

RISKS = [
    (
        "Anggaran belum tersedia dalam DPA tahun berjalan",
        "high",
        "high",
        "Memakai sumber daya yang ada, mengusulkan dalam APBD Perubahan dan menjajaki dana CSR.",
    ),
    (
        "Resistensi pegawai terhadap cara kerja baru",
        "medium",
        "medium",
        "Sosialisasi internal, pelibatan pegawai sebagai agen perubahan dan pemberian penghargaan.",
    ),
    (
        "Mutasi pimpinan atau anggota tim",
        "medium",
        "high",
        "Menetapkan SK tim dan SOP sehingga inovasi tidak bergantung pada orang tertentu.",
    ),
    (
        "Gangguan jaringan internet di wilayah terpencil",
        "high",
        "medium",
        "Menyediakan mode luring dengan sinkronisasi berkala.",
    ),
    ("Data awal tidak lengkap atau tidak valid", "medium", "medium", "Verifikasi data bersama unit terkait."),
]

TEAM = [
    ("Koordinator", "Sekretaris {agency}"),
    ("Sekretaris", "Kepala Subbagian Perencanaan dan Pelaporan"),
    ("Anggota", "Kepala Bidang Program"),
    ("Anggota", "Pranata Komputer Ahli Muda"),
    ("Anggota", "Analis Kebijakan Ahli Muda"),
]

RETURN_COMMENTS = [
    "Terobosan masih tampak seperti pekerjaan rutin. Pertajam inovasinya dan tunjukkan apa yang berubah bagi "
    "pengguna layanan.",
    "Tonggak jangka menengah belum terukur. Tambahkan target per triwulan dan pastikan biayanya masuk DPA tahun depan.",
    "Analisis pemangku kepentingan belum memuat pihak yang berpengaruh negatif. Lengkapi dengan strategi "
    "komunikasinya.",
    "Rencana uji coba terlalu luas untuk dua bulan laboratorium kepemimpinan. Pilih satu unit percontohan.",
]
APPROVAL_COMMENT = "Rancangan disetujui. Segera bentuk tim dan koordinasikan anggarannya dengan perencana."


def head_of(government) -> str:
    """The regional head: Gubernur, Bupati or Wali Kota."""
    if government.level == "province":
        return f"Gubernur {government.name}"
    if government.level == "city":
        return f"Wali Kota {government.name.removeprefix('Kota ')}"
    return f"Bupati {government.name.removeprefix('Kabupaten ')}"


def project_fields(theme: Theme, agency_name: str, government_name: str) -> dict:
    return {
        "title": f"{theme.name} ({theme.acronym}) pada {agency_name} {government_name}"[:250],
        "background": f"{theme.problem} Kondisi ini menghambat sasaran kinerja {agency_name} "
        f"dan menurunkan kepercayaan masyarakat kepada Pemerintah {government_name}.",
        "problem": theme.problem,
        "ideal_condition": f"{theme.indicator.capitalize()} mencapai {theme.after}, dan layanan berjalan "
        "dengan prosedur baku yang tidak bergantung pada orang tertentu.",
        "breakthrough": theme.breakthrough,
        "objectives": f"Jangka pendek: {theme.acronym} terbentuk dan diuji coba di unit percontohan. "
        f"Jangka menengah: {theme.acronym} diterapkan di seluruh unit kerja dengan dasar hukum. "
        f"Jangka panjang: {theme.indicator} berubah dari {theme.before} menjadi {theme.after} "
        f"dan {theme.acronym} direplikasi.",
        "output": f"SK tim efektif, SOP {theme.acronym}, {theme.acronym} yang beroperasi, laporan uji coba.",
        "outcome": f"{theme.indicator.capitalize()} berubah dari {theme.before} menjadi {theme.after}.",
        "key_success_factors": "Komitmen pimpinan dan mentor; tim efektif yang solid; anggaran yang tercantum "
        "dalam DPA; keterlibatan pemangku kepentingan eksternal sejak awal.",
    }


@dataclass(frozen=True)
class MilestonePlan:
    horizon: str
    activity: str
    output: str
    responsible: str
    start_date: datetime.date
    target_date: datetime.date
    weight: int
    estimated_cost: int


def milestone_plan(
    theme: Theme, cohort, rng: random.Random, today: datetime.date, late_from: int | None = None
) -> list[MilestonePlan]:
    """Six short-term steps from the design stage to the results seminar, then 2 medium and 2 long.

    A late project (not yet under way) squeezes its short-term steps from ``late_from`` on
    into the days left before the results seminar.
    """
    design_start = cohort.start_date + datetime.timedelta(days=28)
    design_seminar = cohort.design_seminar_date
    lab_start = design_seminar + datetime.timedelta(days=1)
    seminar = cohort.results_seminar_date
    lab_days = (seminar - lab_start).days
    short_targets = [
        design_seminar - datetime.timedelta(days=3),
        design_seminar,
        lab_start + datetime.timedelta(days=lab_days * 22 // 100),
        lab_start + datetime.timedelta(days=lab_days * 53 // 100),
        lab_start + datetime.timedelta(days=lab_days * 76 // 100),
        seminar - datetime.timedelta(days=2),
    ]
    short_starts = [design_start, design_start, lab_start, *short_targets[2:5]]
    if late_from is not None:
        left = (seminar - today).days - 2
        for step in range(late_from, 6):
            short_starts[step] = today
            short_targets[step] = today + datetime.timedelta(days=1 + left * (step - late_from + 1) // (6 - late_from))
    medium_first, medium_until = cohort.horizon_window("medium")
    long_first, long_until = cohort.horizon_window("long")
    day = datetime.timedelta(days=1)
    later = [
        (seminar + 7 * day, medium_first + (medium_until - medium_first).days // 3 * day),
        (seminar + 30 * day, medium_until - 14 * day),
        (medium_until, long_first + (long_until - long_first).days // 2 * day),
        (medium_until + 30 * day, long_until - 7 * day),
    ]
    dates = list(zip(short_starts, short_targets, strict=True)) + later
    plans = []
    for (horizon, activity, output, weight, cost), (start, target) in zip(MILESTONES, dates, strict=True):
        plans.append(
            MilestonePlan(
                horizon=horizon,
                activity=activity.format(acronym=theme.acronym),
                output=output.format(acronym=theme.acronym),
                responsible=rng.choice(RESPONSIBLE),
                start_date=start,
                target_date=target,
                weight=weight,
                estimated_cost=cost + rng.randrange(0, 10) * 1_000_000 if cost else 0,
            )
        )
    return plans


def stakeholders(government, agency_name: str, mentor_post: str, pr: bool) -> list[tuple[str, str, str, str, str]]:
    """(name, side, influence, strength, role) rows of the stakeholder analysis."""
    media = (
        ("Media daring dan wartawan", "external", "negative", "high", "Sumber isu; mitra klarifikasi")
        if pr
        else ("Media massa lokal", "external", "neutral", "high", "Publikasi inovasi")
    )
    return [
        (head_of(government), "internal", "positive", "high", "Sponsor dan penentu kebijakan"),
        (mentor_post, "internal", "positive", "high", "Mentor; menyetujui rancangan"),
        (f"Pegawai {agency_name}", "internal", "neutral", "low", "Pelaksana layanan"),
        ("DPRD (komisi terkait)", "external", "neutral", "high", "Dukungan anggaran dan regulasi"),
        ("Masyarakat pengguna layanan", "external", "positive", "low", "Penerima manfaat dan pemberi umpan balik"),
        media,
    ]


def budget_lines(theme: Theme, status: str, year: int, index: int, rng: random.Random) -> list[dict]:
    """Two to four lines in whole rupiah: APBD this year and next, plus CSR, APBN or a grant."""
    running = status in {"approved", "in_implementation", "completed"}
    planned_now = rng.randrange(20, 120) * 1_000_000
    approved_now = planned_now - rng.choice([0, 0, 5, 10]) * 1_000_000 if running else None
    realised_share = {"in_implementation": rng.randrange(30, 75), "completed": rng.randrange(88, 100)}.get(status)
    realised_now = approved_now * realised_share // 100 // 50_000 * 50_000 if realised_share and approved_now else None
    lines = [
        {
            "source": "apbd",
            "fiscal_year": year,
            "description": f"Pengembangan dan uji coba {theme.acronym}",
            "document_reference": f"DPA-{index + 1:03d}/{year}",
            "planned": planned_now,
            "approved": approved_now,
            "realised": realised_now,
        },
        {
            "source": "apbd",
            "fiscal_year": year + 1,
            "description": f"Penerapan {theme.acronym} di seluruh unit kerja",
            "planned": rng.randrange(50, 250) * 1_000_000,
        },
    ]
    extra = [
        ("csr", year + 1, f"Dukungan perangkat {theme.acronym} dari mitra CSR", rng.randrange(25, 200) * 1_000_000),
        ("apbn", year + 1, "Dana alokasi khusus nonfisik untuk penguatan layanan", rng.randrange(100, 500) * 1_000_000),
        (
            "grant",
            year + 2,
            f"Hibah mitra pembangunan untuk replikasi {theme.acronym}",
            rng.randrange(50, 300) * 1_000_000,
        ),
    ]
    for source, fiscal_year, description, planned in extra:
        if rng.random() < 0.45 or index == 0:
            lines.append({"source": source, "fiscal_year": fiscal_year, "description": description, "planned": planned})
    return lines
