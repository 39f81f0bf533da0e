"""The heads of agencies who come to the demo's leadership events, and the accounts of those events' staff."""

from django.contrib.auth.hashers import make_password

from diklat.models import Organiser
from diklat.staff import organiser_staff_group
from people.models import User
from regions.models import Agency, AgencyKind, Region

from .names import NameMaker
from .people import DEMO_PASSWORD

# (kind, agency) of the province's OPDs at its retreat.
PROVINCE_OPDS = [
    ("setda", "Sekretariat Daerah"),
    ("dinas", "Dinas Kesehatan"),
    ("dinas", "Dinas Pendidikan"),
    ("dinas", "Dinas Pekerjaan Umum dan Tata Ruang"),
    ("dinas", "Dinas Sosial"),
    ("dinas", "Dinas Pariwisata dan Ekonomi Kreatif"),
    ("dinas", "Dinas Komunikasi, Informatika, Statistik dan Persandian"),
    ("dinas", "Dinas Ketahanan Pangan"),
    ("dinas", "Dinas Perhubungan"),
    ("dinas", "Dinas Penanaman Modal dan PTSP"),
    ("badan", "Badan Pendapatan Daerah"),
    ("badan", "Badan Perencanaan Pembangunan Daerah"),
    ("badan", "Badan Kepegawaian Daerah"),
    ("badan", "Badan Penanggulangan Bencana Daerah"),
    ("inspektorat", "Inspektorat Daerah"),
    ("biro", "Biro Organisasi"),
    ("biro", "Biro Hukum"),
]

# A regency's officials at its capacity-building days: heads of OPD, expert staff, assistants, sub-district heads.
REGENCY_OPDS = [
    ("dinas", "Dinas Pendidikan"),
    ("dinas", "Dinas Kesehatan"),
    ("dinas", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("dinas", "Dinas Sosial"),
    ("dinas", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dinas", "Dinas Pertanian"),
    ("dinas", "Dinas Pariwisata"),
    ("dinas", "Dinas Lingkungan Hidup"),
    ("dinas", "Dinas Perhubungan"),
    ("dinas", "Dinas Komunikasi dan Informatika"),
    ("dinas", "Dinas Penanaman Modal dan PTSP"),
    ("dinas", "Dinas Koperasi dan UKM"),
    ("dinas", "Dinas Perikanan"),
    ("dinas", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("badan", "Badan Perencanaan Pembangunan Daerah"),
    ("badan", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("badan", "Badan Kepegawaian dan Pengembangan SDM"),
    ("badan", "Badan Pendapatan Daerah"),
    ("badan", "Badan Kesatuan Bangsa dan Politik"),
    ("inspektorat", "Inspektorat Daerah"),
    ("kecamatan", "Kecamatan Somba Opu"),
    ("kecamatan", "Kecamatan Bontomarannu"),
    ("kecamatan", "Kecamatan Pallangga"),
    ("kecamatan", "Kecamatan Barombong"),
    ("kecamatan", "Kecamatan Parangloe"),
    ("kecamatan", "Kecamatan Tinggimoncong"),
    ("kecamatan", "Kecamatan Bajeng"),
]
REGENCY_SECRETARIAT = [
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Asisten Perekonomian dan Pembangunan",
    "Asisten Administrasi Umum",
    "Staf Ahli Bupati Bidang Pemerintahan, Hukum dan Politik",
    "Staf Ahli Bupati Bidang Ekonomi, Keuangan dan Pembangunan",
    "Staf Ahli Bupati Bidang Kemasyarakatan dan SDM",
    "Staf Ahli Bupati Bidang Pelayanan Publik",
    "Kepala Bagian Organisasi",
    "Kepala Bagian Perencanaan dan Keuangan",
]


class EventPeople:
    """Accounts for the events, made once with the demo password (hashed once)."""

    def __init__(self, names: NameMaker):
        self.names = names
        self.kinds = {kind.code: kind for kind in AgencyKind.objects.all()}
        self._hash = None

    def user(self, username: str, full_name: str) -> User:
        if self._hash is None:
            self._hash = make_password(DEMO_PASSWORD)
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "email": f"{username}@demo.diklat.test", "password": self._hash},
        )
        return user

    def agency(self, government: Region, kind: str, name: str) -> Agency:
        agency, _created = Agency.objects.get_or_create(
            government=government, name=name, defaults={"kind": self.kinds[kind]}
        )
        return agency

    def heads(self, government: Region, opds, prefix: str) -> list[tuple[Agency, User]]:
        """Each OPD with its head: the head recorded already (a demo participant), or a new account."""
        found = []
        for number, (kind, name) in enumerate(opds, start=1):
            agency = self.agency(government, kind, name)
            if agency.head_id is None:
                head = self.user(f"{prefix}{number:02d}", self.names.person(government.province.code).full_name)
                Agency.objects.filter(pk=agency.pk).update(head=head)
                agency.head = head
            found.append((agency, agency.head))
        return found

    def organiser_staff(self, organiser: Organiser, username: str) -> User:
        staff = self.user(username, self.names.person("73").full_name)
        if not staff.is_staff:
            staff.is_staff = True
            staff.save(update_fields=["is_staff"])
        organiser.staff.add(staff)
        staff.groups.add(organiser_staff_group())
        return staff


def position_of(agency: Agency) -> str:
    if agency.kind.code == "kecamatan":
        return f"Camat {agency.name.removeprefix('Kecamatan ')}"
    if agency.kind.code == "setda":
        return "Sekretaris Daerah"
    return f"Kepala {agency.name}"
