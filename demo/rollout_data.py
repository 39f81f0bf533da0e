"""What the demo rollout is made of: the agencies it adds, the three innovations told in full, and the wording.

Three innovations have a long history and a hand-written rollout: SIGAP HUMAS (the demo
participant's project, begun as an earlier change action and now spread across the province's
OPDs), SIRENBANG of Kabupaten Gowa and TRANTIB RESPONSIF of Kota Parepare, each replicated by
another province's project of the cohort (the lineage). Days are counted back from today.
"""

from dataclasses import dataclass, field

PELAPOR = ("pelapor", "Andi Nurhayati")
PROVINCE = "73"  # the province pelapor reports on
STAGES = ["initiative", "trial", "applied"]

# (government, AgencyKind code, name, parent's name): OPDs the demo seats do not create.
EXTRA_AGENCIES = [
    ("73", "dinas", "Dinas Komunikasi, Informatika, Statistik dan Persandian", None),
    ("73", "dinas", "Dinas Sosial", None),
    ("73", "dinas", "Dinas Kelautan dan Perikanan", None),
    ("73", "badan", "Badan Kepegawaian Daerah", None),
    ("73", "biro", "Biro Hukum", "Sekretariat Daerah"),
    ("73.71", "dinas", "Dinas Komunikasi dan Informatika", None),
    ("73.71", "dinas", "Dinas Kesehatan", None),
    ("73.71", "satpol-pp", "Satuan Polisi Pamong Praja", None),
    ("73.71", "bagian", "Bagian Protokol dan Komunikasi Pimpinan", "Sekretariat Daerah"),
    ("73.06", "bagian", "Bagian Protokol dan Komunikasi Pimpinan", "Sekretariat Daerah"),
    ("73.06", "dinas", "Dinas Kesehatan", None),
    ("73.08", "dinas", "Dinas Komunikasi dan Informatika", None),
    ("73.08", "badan", "Badan Perencanaan Pembangunan Daerah", None),
    ("73.09", "badan", "Badan Perencanaan Pembangunan Daerah", None),
    ("73.72", "dinas", "Dinas Komunikasi dan Informatika", None),
    ("73.73", "setda", "Sekretariat Daerah", None),
    ("73.73", "dinas", "Dinas Komunikasi dan Informatika", None),
    ("74", "dinas", "Dinas Kesehatan", None),
]

# A path is the adoption's stage moves: (stage, days before today, reason when going back).
Path = list[tuple[str, int, str]]


@dataclass(frozen=True)
class Adopter:
    government: str
    agency: str
    path: Path
    uploads: tuple[str, ...] = ()  # evidence kinds stored as an uploaded PDF


@dataclass(frozen=True)
class Story:
    """An innovation told in full: its maturity dates, regulation, targets and adopters."""

    acronym: str
    government: str
    days: tuple[int, ...]  # initiative, trial, applied: days before today
    regulation: str = "none"
    regulation_number: int = 0
    regulation_years_back: int = 0
    form: str = ""
    digital: bool | None = None
    affairs: tuple[str, ...] = ()
    origin_note: str = ""
    targets: list[tuple[str, str]] = field(default_factory=list)
    governments: list[str] = field(default_factory=list)
    adopters: list[Adopter] = field(default_factory=list)
    derived_from: tuple[str, str] | None = None  # (acronym, government) of the origin


BACKWARDS_REASON = (
    "Operator dasbor isu dimutasi; uji coba diulang setelah operator baru dilatih dan SOP klarifikasi disesuaikan."
)

# The applied dates of province 73's adoptions that stay applied lie at least 31 days apart, so that each falls
# in a month of its own whatever today's date: the adoptions-over-time chart shows rollout through the year.
STORIES = [
    Story(
        "SIGAP HUMAS",
        "73",
        (430, 400, 370),
        regulation="perkada",
        regulation_number=27,
        form="governance",
        digital=True,
        affairs=("kominfo",),
        origin_note="Dirintis sebagai aksi perubahan di Bagian Media dan Komunikasi Pimpinan.",
        targets=[
            ("73", "Dinas Kesehatan"),
            ("73", "Dinas Pendidikan"),
            ("73", "Badan Pendapatan Daerah"),
            ("73", "Biro Pengadaan Barang dan Jasa"),
            ("73", "Inspektorat Daerah"),
            ("73", "Dinas Komunikasi, Informatika, Statistik dan Persandian"),
            ("73", "Dinas Sosial"),
            ("73", "Badan Kepegawaian Daerah"),
            ("73.08", "Dinas Komunikasi dan Informatika"),
        ],
        governments=["73.71", "73.06"],
        adopters=[
            Adopter(
                "73",
                "Dinas Kesehatan",
                [("planned", 360, ""), ("piloting", 345, ""), ("applied", 330, ""), ("institutionalised", 75, "")],
                uploads=("decree",),
            ),
            Adopter(
                "73",
                "Dinas Pendidikan",
                [("planned", 330, ""), ("piloting", 310, ""), ("applied", 295, ""), ("institutionalised", 40, "")],
            ),
            Adopter(
                "73", "Badan Pendapatan Daerah", [("planned", 300, ""), ("piloting", 280, ""), ("applied", 260, "")]
            ),
            Adopter(
                "73.71",
                "Dinas Komunikasi dan Informatika",
                [("planned", 200, ""), ("piloting", 180, ""), ("applied", 155, "")],
                uploads=("mou",),
            ),
            Adopter(
                "73.06",
                "Bagian Protokol dan Komunikasi Pimpinan",
                [("planned", 135, ""), ("piloting", 115, ""), ("applied", 85, "")],
            ),
            Adopter(
                "73", "Biro Pengadaan Barang dan Jasa", [("planned", 90, ""), ("piloting", 70, ""), ("applied", 35, "")]
            ),
            Adopter(
                "73.08",
                "Dinas Komunikasi dan Informatika",
                [("planned", 120, ""), ("piloting", 100, ""), ("applied", 60, ""), ("piloting", 25, BACKWARDS_REASON)],
            ),
            Adopter("73.72", "Dinas Komunikasi dan Informatika", [("planned", 45, ""), ("piloting", 20, "")]),
            Adopter("73", "Inspektorat Daerah", [("planned", 10, "")]),
        ],
    ),
    Story(
        "SIRENBANG",
        "73.06",
        (400, 340, 300),
        regulation="perkada",
        regulation_number=14,
        regulation_years_back=1,
        origin_note="Berawal dari uji sinkronisasi Renja dan RKA pada dua OPD.",
        targets=[("73.09", "Badan Perencanaan Pembangunan Daerah"), ("75.01", "Badan Perencanaan Pembangunan Daerah")],
        governments=["73.08"],
        adopters=[
            Adopter(
                "73.08",
                "Badan Perencanaan Pembangunan Daerah",
                [("planned", 265, ""), ("piloting", 245, ""), ("applied", 225, ""), ("institutionalised", 50, "")],
            ),
            Adopter(
                "73.09",
                "Badan Perencanaan Pembangunan Daerah",
                [("planned", 230, ""), ("piloting", 210, ""), ("applied", 190, "")],
            ),
            Adopter(
                "75.01",
                "Badan Perencanaan Pembangunan Daerah",
                [("planned", 230, ""), ("piloting", 200, ""), ("applied", 170, "")],
            ),
            Adopter("72.10", "Badan Perencanaan Pembangunan Daerah", [("planned", 30, "")]),
        ],
    ),
    Story(
        "TRANTIB RESPONSIF",
        "73.72",
        (300, 250, 200),
        regulation="decree",
        regulation_number=112,
        targets=[("73.71", "Satuan Polisi Pamong Praja"), ("76.02", "Satuan Polisi Pamong Praja")],
        governments=["73.73"],
        adopters=[
            Adopter(
                "73.71",
                "Satuan Polisi Pamong Praja",
                [("planned", 160, ""), ("piloting", 140, ""), ("applied", 120, "")],
            ),
            Adopter(
                "76.02",
                "Satuan Polisi Pamong Praja",
                [("planned", 190, ""), ("piloting", 170, ""), ("applied", 140, "")],
            ),
            Adopter("74.71", "Satuan Polisi Pamong Praja", [("planned", 40, ""), ("piloting", 15, "")]),
        ],
    ),
    # The replications: another province's project of the cohort, recorded with its origin.
    Story("SIRENBANG", "75.01", (160, 40), derived_from=("SIRENBANG", "73.06")),
    Story(
        "TRANTIB RESPONSIF", "76.02", (130, 90, 45), regulation="decree", derived_from=("TRANTIB RESPONSIF", "73.72")
    ),
]

INNOVATIONS = 18  # how many projects of the cohort became innovations

# The government affairs and form of an innovation, by a word of its agency's name; the first match wins.
AFFAIRS = [
    ("Kesehatan", ("kesehatan",), "public_service"),
    ("Puskesmas", ("kesehatan",), "public_service"),
    ("Pendidikan", ("pendidikan",), "public_service"),
    ("Pendapatan", ("keuangan",), "public_service"),
    ("Kependudukan", ("adminduk",), "public_service"),
    ("Perencanaan", ("perencanaan",), "governance"),
    ("Pertanian", ("pertanian", "pangan"), "public_service"),
    ("Polisi", ("ketenteraman",), "public_service"),
    ("DPRD", ("pemerintahan-umum",), "governance"),
    ("Penanaman Modal", ("penanaman-modal",), "public_service"),
    ("Pengadaan", ("pemerintahan-umum", "koperasi-ukm"), "governance"),
    ("Komunikasi", ("kominfo", "statistik"), "governance"),
    ("Kepegawaian", ("kepegawaian",), "governance"),
    ("Sosial", ("sosial",), "public_service"),
    ("Kelautan", ("kelautan-perikanan",), "public_service"),
    ("Perikanan", ("kelautan-perikanan",), "public_service"),
    ("Pariwisata", ("pariwisata",), "other"),
    ("Keuangan", ("keuangan",), "governance"),
    ("Bencana", ("ketenteraman",), "public_service"),
    ("Perhubungan", ("perhubungan",), "public_service"),
    ("Lingkungan", ("lingkungan-hidup",), "public_service"),
    ("Perumahan", ("perumahan",), "public_service"),
    ("Perempuan", ("pemberdayaan-perempuan",), "public_service"),
    ("Masyarakat dan Desa", ("pemberdayaan-desa",), "governance"),
    ("Pekerjaan Umum", ("pekerjaan-umum",), "public_service"),
    ("Inspektorat", ("pengawasan",), "governance"),
    ("Perekonomian", ("perdagangan",), "other"),
]
DEFAULT_AFFAIRS = (("pemerintahan-umum",), "governance")
DIGITAL_WORDS = ("Sistem", "Aplikasi", "Digital", "Daring", "Elektronik", "Data", "E-")

# Document numbers of the evidence, by kind: the classification code, the agency's initials, the year.
EVIDENCE_NUMBER = {
    "mou": "{n:03d}/PKS/{code}/{month}/{year}",
    "statement": "800.1/{n}/{code}/{year}",
    "decree": "188.4/{n}/{code}/{year}",
}
EVIDENCE_TITLE = {
    "mou": "Perjanjian Kerja Sama Replikasi {innovation}",
    "statement": "Surat Pernyataan Penerapan {innovation}",
    "decree": "Keputusan Penetapan {innovation}",
}
