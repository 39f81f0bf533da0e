"""The demo's retreat: two days out of town for the province's heads of agencies, funded from CSR.

Held a month before the demo day and closed: three candidate venues weighed and one chosen,
partner sessions (Kodam, Kemendagri, Lemhannas, AI literacy), two heads excused, CSR and APBD
funding, and the commitments it made followed up as action items in every status.
"""

import datetime

from diklat import quarters
from diklat.models import Organiser
from events import actions, check_ins, funding, invitations, setup
from events.models import ActionItem, AgendaSession, Event, FundingLine, Venue
from regions.models import Region

from .event_people import PROVINCE_OPDS, EventPeople, position_of

TITLE = "Retret Kepala Perangkat Daerah Provinsi Sulawesi Selatan"

AGENDA = [
    (0, "07:30", "09:00", "Pembukaan dan arahan Gubernur", "Gubernur Sulawesi Selatan", ""),
    (0, "09:00", "12:00", "Evaluasi capaian enam bulan pertama berbasis data", "Kepala Bappeda", ""),
    (0, "13:30", "15:00", "Wawasan kebangsaan dan bela negara", "Pangdam XIV/Hasanuddin", "Kodam XIV/Hasanuddin"),
    (0, "15:30", "17:00", "Tata kelola pemerintahan daerah", "Direktur Jenderal Bina Pembangunan Daerah", "Kemendagri"),
    (1, "07:30", "09:30", "Kepemimpinan strategis dan ketahanan nasional", "Tenaga Ahli Pengajar", "Lemhannas RI"),
    (1, "10:00", "12:00", "Literasi kecerdasan artifisial untuk pimpinan daerah", "Narasumber akademisi", ""),
    (1, "13:00", "15:00", "Penyelarasan visi-misi dan prioritas semester berikutnya", "Sekretaris Daerah", ""),
    (1, "15:00", "16:00", "Penandatanganan komitmen dan penutupan", "Wakil Gubernur Sulawesi Selatan", ""),
]
VENUES = [
    (
        "Pulau Samalona",
        "Kepulauan Spermonde, Makassar",
        240_000_000,
        "Suasana tenang; menyeberang 30 menit, bergantung cuaca.",
    ),
    (
        "Hotel di Kota Makassar",
        "Jl. Penghibur, Makassar",
        180_000_000,
        "Mudah dijangkau; kurang mendukung suasana retret.",
    ),
    (
        "Bumi perkemahan Malino",
        "Malino, Kabupaten Gowa",
        150_000_000,
        "Berkemah bersama Gubernur dan Wakil; 2 jam dari Makassar.",
    ),
]
FUNDING = [
    ("csr", "PT Semen Tonasa", "Tenda, akomodasi dan transportasi", 150_000_000, 150_000_000, 142_500_000),
    ("csr", "Bank Sulselbar", "Konsumsi dua hari", 60_000_000, 60_000_000, 58_200_000),
    ("apbd", "", "Honorarium narasumber", 35_000_000, 35_000_000, 30_000_000),
]
COMMITMENTS = [
    ("Satu data kinerja OPD terintegrasi di dasbor Gubernur", 11, 1, "in_progress"),
    ("Percepatan realisasi belanja modal semester berikutnya", 10, 1, "open"),
    ("Perizinan berusaha selesai dalam 3 hari kerja", 9, 1, "done"),
    ("Pemutakhiran data kemiskinan ekstrem bersama kabupaten/kota", 4, 2, "open"),
    ("Penyederhanaan struktur jabatan fungsional", 12, 0, "verified"),
    ("Rencana kontinjensi bencana tiap OPD", 13, 2, "open"),
]


def build_retreat(organiser: Organiser, staff, people: EventPeople, today: datetime.date) -> Event | None:
    if Event.objects.filter(title=TITLE).exists():
        return None
    province = Region.objects.get(code="73")
    first = today - datetime.timedelta(days=30)
    event = setup.save_event(
        Event(
            organiser=organiser,
            host_government=province,
            kind=Event.Kind.RETREAT,
            title=TITLE,
            starts_on=first,
            ends_on=first + datetime.timedelta(days=1),
            time_zone=province.time_zone,
            day_starts_at=datetime.time(7, 30),
            objectives=(
                "Mengevaluasi capaian enam bulan pertama masa jabatan dengan data, menyelaraskan visi-misi Gubernur"
                " dan Wakil Gubernur, menyusun prioritas semester berikutnya, dan membangun kekompakan kepala OPD."
            ),
        )
    )
    venues = [Venue.objects.create(event=event, name=n, address=a, estimated_cost=c, notes=t) for n, a, c, t in VENUES]
    setup.choose_venue(venues[2])
    for offset, starts, ends, title, speaker, partner in AGENDA:
        AgendaSession.objects.create(
            event=event,
            day=first + datetime.timedelta(days=offset),
            starts_at=datetime.time.fromisoformat(starts),
            ends_at=datetime.time.fromisoformat(ends),
            title=title,
            speaker=speaker,
            partner=partner,
            place="Aula perkemahan" if offset else "Tenda utama",
        )
    heads = people.heads(province, PROVINCE_OPDS, "kepala.prov")
    for agency, head in heads:
        invitations.invite_person(event, head, agency=agency, position=position_of(agency))
    for line in FUNDING:
        source, company, description, planned, committed, realised = line
        funding.save_line(
            FundingLine(
                event=event,
                source=source,
                company=company,
                description=description,
                planned=planned,
                committed=committed,
                realised=realised,
            )
        )
    for advance in (Event.Status.CONFIRMED, Event.Status.RUNNING):
        setup.advance(event, advance)
    invitees = list(event.invitees.select_related("user", "event").order_by("pk"))
    for invitee, reason in ((invitees[5], "official_duty"), (invitees[14], "sick")):
        note = "Mendampingi kunjungan kerja Menteri" if reason == "official_duty" else ""
        invitations.respond(invitee, attending=False, reason=reason, note=note, by=staff, on_behalf=True)
    present = [invitee for index, invitee in enumerate(invitees) if index not in (5, 14)]
    for day in event.days:
        for index, invitee in enumerate(present):
            # Most arrive before the day's first session at 07:30; two come late on the first morning.
            late = day == first and index in (3, 8)
            arrival = event.local_moment(day, datetime.time(8, 10 + index) if late else datetime.time(7, index))
            check_ins.record(invitee, day=day, at=arrival, method="staff", by=staff)
    for title, owner_index, quarters_ahead, status in COMMITMENTS:
        agency, owner = heads[owner_index]
        item = actions.create(
            event, title=title, owner=owner, agency=agency, due=quarters.label_ahead(today, quarters_ahead), by=staff
        )
        _follow_up(item, status, owner, staff)
    setup.advance(event, Event.Status.CLOSED)
    return event


def _follow_up(item: ActionItem, status: str, owner, staff) -> None:
    steps = {
        "open": [],
        "in_progress": [("in_progress", owner, "Integrasi dengan Diskominfo sedang berjalan.")],
        "done": [("done", owner, "SOP baru berlaku; laporan di portal perizinan.")],
        "verified": [("done", owner, "Peraturan Gubernur ditetapkan."), ("verified", staff, "")],
    }[status]
    for to, by, note in steps:
        actions.move(item, to, by=by, note=note)
