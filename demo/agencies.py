"""Where the 60 demo participants work: 13 seats in the host province, 47 in six others.

A seat is one participant's post: the government, the agency (and its kind), the position,
the mentor's post (the direct superior) and, for some, a different unit where the change
project is piloted (a Bagian or UPTD inside the participant's agency, or a Kecamatan).
"""

from dataclasses import dataclass

HOST_PROVINCE = "73"
ORGANISER_NAME = "BPSDM Provinsi Sulawesi Selatan"
ORGANISER_AGENCY = "Badan Pengembangan Sumber Daya Manusia"


@dataclass(frozen=True)
class Seat:
    government: str  # region code
    kind: str  # AgencyKind code
    agency: str
    position: str = ""  # empty: derived from the agency
    mentor_post: str = "Sekretaris Daerah"
    site: tuple[str, str] | None = None  # (kind, name) of the unit where the project runs


PR_SEAT = Seat(
    "73",
    "biro",
    "Biro Administrasi Pimpinan",
    mentor_post="Asisten Administrasi Umum",
)

HOST_SEATS = [
    PR_SEAT,
    Seat("73", "dinas", "Dinas Kesehatan"),
    Seat("73", "badan", "Badan Pendapatan Daerah", site=("uptd", "UPT Pendapatan Wilayah Makassar I")),
    Seat("73", "dinas", "Dinas Pendidikan"),
    Seat("73", "biro", "Biro Pengadaan Barang dan Jasa", mentor_post="Asisten Perekonomian dan Pembangunan"),
    Seat("73", "inspektorat", "Inspektorat Daerah"),
    Seat("73.71", "dinas", "Dinas Kependudukan dan Pencatatan Sipil", site=("kecamatan", "Kecamatan Tamalate")),
    Seat("73.06", "badan", "Badan Perencanaan Pembangunan Daerah"),
    Seat("73.08", "dinas", "Dinas Pertanian"),
    Seat("73.72", "satpol-pp", "Satuan Polisi Pamong Praja"),
    Seat("73.09", "setwan", "Sekretariat DPRD"),
    Seat("73.17", "dinas", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    Seat(
        "73.02",
        "setda",
        "Sekretariat Daerah",
        position="Asisten Pemerintahan dan Kesejahteraan Rakyat",
        site=("bagian", "Bagian Tata Pemerintahan"),
    ),
]

# The other provinces: (province, capital city or regency, two more regencies).
GUESTS = [
    ("72", "72.71", "72.10", "72.03"),
    ("74", "74.71", "74.02", "74.01"),
    ("75", "75.71", "75.01", "75.03"),
    ("76", "76.02", "76.04", "76.05"),
    ("82", "82.71", "82.72", "82.01"),
    ("92", "92.02", "92.03", "92.06"),
]

# Eight slots per guest province; each slot offers variants, picked by the province's index.
PROVINCE_DINAS = [
    "Dinas Kesehatan",
    "Dinas Komunikasi, Informatika, Statistik dan Persandian",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Sosial",
    "Dinas Kelautan dan Perikanan",
    "Dinas Pariwisata",
]
PROVINCE_BADAN = [
    "Badan Keuangan dan Aset Daerah",
    "Badan Kepegawaian Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Pendapatan Daerah",
]
PROVINCE_BIRO = [
    ("Biro Organisasi", "Asisten Administrasi Umum"),
    ("Biro Hukum", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
    ("Biro Perekonomian dan Administrasi Pembangunan", "Asisten Perekonomian dan Pembangunan"),
    ("Biro Umum", "Asisten Administrasi Umum"),
    ("Biro Pemerintahan dan Otonomi Daerah", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
    ("Biro Kesejahteraan Rakyat", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
]
CITY_DINAS = [
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Komunikasi dan Informatika",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
]
REGENCY_DINAS = [
    "Dinas Pertanian",
    "Dinas Kesehatan",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Pendidikan",
    "Dinas Perikanan",
]


def guest_seats(index: int, province: str, city: str, regency1: str, regency2: str) -> list[Seat]:
    biro, assistant = PROVINCE_BIRO[index]
    seats = [
        Seat(province, "dinas", PROVINCE_DINAS[index]),
        Seat(province, "badan", PROVINCE_BADAN[index]),
        Seat(province, "biro", biro, mentor_post=assistant),
        Seat(province, *(("inspektorat", "Inspektorat Daerah") if index % 2 else ("setwan", "Sekretariat DPRD"))),
        Seat(city, "dinas", CITY_DINAS[index], site=("kecamatan", "Kecamatan Kota Selatan") if index == 2 else None),
        Seat(
            city,
            *(
                ("satpol-pp", "Satuan Polisi Pamong Praja")
                if index % 2
                else ("badan", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
            ),
        ),
        Seat(regency1, "badan", "Badan Perencanaan Pembangunan Daerah"),
        Seat(regency2, "dinas", REGENCY_DINAS[index], site=("uptd", "UPTD Puskesmas Kolaka") if index == 1 else None),
    ]
    if index == 4:
        seats[7] = Seat(
            regency2,
            "setda",
            "Sekretariat Daerah",
            position="Asisten Perekonomian dan Pembangunan",
            site=("bagian", "Bagian Perekonomian"),
        )
    return seats


def all_seats() -> list[Seat]:
    """The 60 seats: 13 in the host province and 8, 8, 8, 8, 8 and 7 in the guest provinces."""
    seats = list(HOST_SEATS)
    for index, (province, city, regency1, regency2) in enumerate(GUESTS):
        guest = guest_seats(index, province, city, regency1, regency2)
        seats += guest[:7] if province == "92" else guest
    return seats


def position_for(seat: Seat, government_name: str) -> str:
    """The participant's post, e.g. "Kepala Dinas Kesehatan Kabupaten Bone"."""
    if seat.position:
        return f"{seat.position} {seat.agency} {government_name}"
    titles = {
        "setwan": "Sekretaris DPRD",
        "inspektorat": "Inspektur",
        "satpol-pp": "Kepala Satuan Polisi Pamong Praja",
    }
    title = titles.get(seat.kind, f"Kepala {seat.agency}")
    return f"{title} {government_name}"


def mentor_position(seat: Seat, government_name: str) -> str:
    if seat.mentor_post == "Sekretaris Daerah":
        return f"Sekretaris Daerah {government_name}"
    return f"{seat.mentor_post} Sekretariat Daerah {government_name}"
