"""The demo's capacity-building days: a regency's 31 officials in three groups on timed missions.

Three days, yesterday to tomorrow, 07:00–17:00 WITA each day. Five of the 36 invited are absent with
their reason (one still in PKN II, four on duty). Yesterday's missions are handed in and judged:
a wrong answer tried again, a photo rejected and sent again, a creative task scored on its rubric;
today's wait in the review queue. The leaderboard follows from it.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from diklat.models import Organiser
from events import check_ins, grouping, invitations, setup
from events.judging import judge
from events.missions import save_mission
from events.models import AgendaSession, Event, Mission, MissionTemplate, Venue
from events.submitting import submit
from regions.models import Region

from .event_people import REGENCY_OPDS, REGENCY_SECRETARIAT, EventPeople, position_of
from .files import png_bytes

TITLE = "Capacity Building ASN Kabupaten Gowa"
ORGANISER = "BKPSDM Kabupaten Gowa"
REGENCY = "73.06"
# (position in the invitation list, reason, note): the five named absentees.
ABSENT = [
    (14, "other_training", "Masih mengikuti PKN Tingkat II"),
    (3, "official_duty", "Rapat koordinasi di Kementerian PANRB"),
    (8, "official_duty", "Mendampingi Bupati ke Jakarta"),
    (22, "official_duty", "Penanganan banjir di wilayah kecamatan"),
    (30, "official_duty", "Tugas pemeriksaan BPK"),
]
MISSIONS = [
    # day, kind, title, points, extra fields
    (0, "question", "Sejarah Gowa", 10, {"expected_answer": "1525", "max_attempts": 3}),
    (
        0,
        "site_visit",
        "Kunjungi Museum Balla Lompoa",
        20,
        {"latitude": "-5.203600", "longitude": "119.453100", "radius_m": 150},
    ),
    (0, "evidence", "Bersama petugas pelayanan Kecamatan Somba Opu", 15, {}),
    (
        0,
        "creative",
        "Poster inovasi pelayanan lintas OPD",
        20,
        {
            "criteria": [
                {"name": "Gagasan", "max_points": 10},
                {"name": "Kelayakan", "max_points": 5},
                {"name": "Kekompakan", "max_points": 5},
            ]
        },
    ),
    (1, "question", "Tiga masalah pelayanan di lapangan", 15, {}),
    (1, "evidence", "Tindak lanjut bersama lurah atau kepala desa", 15, {}),
    (
        2,
        "creative",
        "Presentasi rencana aksi bersama",
        25,
        {"criteria": [{"name": "Substansi", "max_points": 15}, {"name": "Penyajian", "max_points": 10}]},
    ),
]
INSTRUCTIONS = {
    "Sejarah Gowa": "Tahun berapa Benteng Somba Opu dibangun? Jawab dengan angka tahunnya.",
    "Kunjungi Museum Balla Lompoa": "Datangi Museum Balla Lompoa di Sungguminasa dan foto kelompok di depannya.",
    "Bersama petugas pelayanan Kecamatan Somba Opu": (
        "Ikuti satu layanan dari awal sampai akhir dan foto kelompok bersama petugasnya."
    ),
    "Poster inovasi pelayanan lintas OPD": (
        "Buat poster satu gagasan inovasi yang melibatkan paling sedikit tiga OPD anggota kelompok."
    ),
    "Tiga masalah pelayanan di lapangan": (
        "Tuliskan tiga masalah pelayanan publik yang kelompok temukan kemarin, dan usul perbaikannya."
    ),
    "Tindak lanjut bersama lurah atau kepala desa": (
        "Sampaikan satu usulan kepada lurah atau kepala desa dan foto pertemuannya."
    ),
    "Presentasi rencana aksi bersama": "Presentasikan rencana aksi bersama kelompok di hadapan Bupati.",
}
DAILY_AGENDA = [
    ("06:30", "07:00", "Apel pagi dan pembagian tugas", "Kepala BKPSDM"),
    ("07:00", "17:00", "Tugas lapangan kelompok", ""),
    ("19:30", "21:00", "Refleksi kelompok dan penilaian harian", "Widyaiswara"),
]
SITE_NEAR = ("-5.203900", "119.453300")  # about 40 m from the museum


def _photo(caption: str, index: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"bukti-{index}.png", png_bytes(caption, index), content_type="image/png")


def build_capacity_building(people: EventPeople, today: datetime.date) -> Event | None:
    if Event.objects.filter(title=TITLE).exists():
        return None
    regency = Region.objects.get(code=REGENCY)
    organiser, _created = Organiser.objects.get_or_create(name=ORGANISER, defaults={"region": regency})
    staff = people.organiser_staff(organiser, "panitia")
    juri = people.user("juri", people.names.person("73").full_name)
    event = setup.save_event(
        Event(
            organiser=organiser,
            host_government=regency,
            kind=Event.Kind.CAPACITY_BUILDING,
            title=TITLE,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=1),
            time_zone=regency.time_zone,
            objectives=(
                "Melatih disiplin waktu dan kekompakan lintas OPD melalui tugas lapangan setiap hari 07.00–17.00."
            ),
        )
    )
    event.judges.add(juri)
    setup.choose_venue(
        Venue.objects.create(
            event=event,
            name="Kawasan wisata Malino",
            address="Kecamatan Tinggimoncong, Kabupaten Gowa",
            estimated_cost=95_000_000,
            notes="Penginapan untuk 40 orang; lokasi tugas dalam jangkauan satu jam.",
        )
    )
    for day in event.days:
        for starts, ends, title, speaker in DAILY_AGENDA:
            AgendaSession.objects.create(
                event=event,
                day=day,
                starts_at=datetime.time.fromisoformat(starts),
                ends_at=datetime.time.fromisoformat(ends),
                title=title,
                speaker=speaker,
            )
    for agency, head in people.heads(regency, REGENCY_OPDS, "kepala.gowa"):
        invitations.invite_person(event, head, agency=agency, position=position_of(agency))
    secretariat = people.agency(regency, "setda", "Sekretariat Daerah")
    for number, position in enumerate(REGENCY_SECRETARIAT, start=1):
        person = people.user(f"setda.gowa{number:02d}", people.names.person("73").full_name)
        invitations.invite_person(event, person, agency=secretariat, position=position)
    setup.advance(event, Event.Status.CONFIRMED)
    setup.advance(event, Event.Status.RUNNING)
    invitees = list(event.invitees.select_related("user", "event").order_by("pk"))
    for index, reason, note in ABSENT:
        invitations.respond(invitees[index], attending=False, reason=reason, note=note, by=staff, on_behalf=True)
    present = [invitee for index, invitee in enumerate(invitees) if index not in {row[0] for row in ABSENT}]
    now = timezone.now()
    for day in event.days:
        for index, invitee in enumerate(present):
            arrival = event.local_moment(day, datetime.time(6, 40 + index % 20) if index != 7 else datetime.time(7, 35))
            if arrival <= now:
                check_ins.record(invitee, day=day, at=arrival, method="code", by=invitee.user)
    groups = grouping.split(event, 3)
    missions = _missions(event, organiser)
    _work(event, groups, missions, staff, juri, now)
    return event


def _missions(event: Event, organiser: Organiser) -> list[Mission]:
    made = []
    for order, (day, kind, title, points, extra) in enumerate(MISSIONS):
        local_day = event.starts_on + datetime.timedelta(days=day)
        mission = Mission(
            event=event,
            kind=kind,
            title=title,
            instructions=INSTRUCTIONS[title],
            points=points,
            order=order,
            opens_at=event.local_moment(local_day, datetime.time(7)),
            closes_at=event.local_moment(local_day, datetime.time(17)),
            after=made[-1] if order == 5 else None,
            **extra,
        )
        made.append(save_mission(mission))
        if day == 0:
            MissionTemplate.objects.get_or_create(
                organiser=organiser,
                title=title,
                defaults={
                    "kind": kind,
                    "instructions": INSTRUCTIONS[title],
                    "points": points,
                    **{k: v for k, v in extra.items() if k != "max_attempts"},
                },
            )
    return made


def _work(event, groups, missions, staff, juri, now) -> None:
    question, site, evidence, creative, findings = missions[:5]
    yesterday = event.starts_on
    members = [list(group.members.select_related("user").order_by("pk")) for group in groups]

    def at(hour: int, minute: int) -> datetime.datetime:
        return event.local_moment(yesterday, datetime.time(hour, minute))

    def send(mission, group: int, hour: int, minute: int, **fields):
        who = members[group][(hour + minute) % len(members[group])].user
        if mission.kind != "question":
            fields.setdefault("files", [_photo(mission.title, group + minute)])
        return submit(mission, who, now=at(hour, minute), **fields).submission

    send(question, 0, 7, 20, answer="1545")
    send(question, 0, 7, 31, answer="1525")
    send(question, 1, 7, 25, answer="1525")
    send(question, 2, 7, 40, answer=" 1525 ")
    for group, minute in ((0, 5), (1, 15), (2, 35)):
        judge(
            send(site, group, 9, minute, latitude=SITE_NEAR[0], longitude=SITE_NEAR[1], accuracy=12),
            approve=True,
            by=juri,
        )
    rejected = send(evidence, 1, 11, 10)
    judge(rejected, approve=False, by=juri, note="Petugas pelayanan tidak tampak di foto; ulangi bersama petugasnya.")
    judge(send(evidence, 1, 12, 40), approve=True, by=juri, points=12, note="Baik, meski terlambat satu jam.")
    judge(send(evidence, 0, 11, 30), approve=True, by=juri)
    judge(send(evidence, 2, 11, 45), approve=True, by=staff)
    for group, scores in ((0, (9, 4, 5)), (1, (8, 5, 4))):
        poster = send(creative, group, 15, 20 + group, answer="Poster terlampir.")
        judge(
            poster,
            approve=True,
            by=juri,
            criterion_points=dict(zip(["Gagasan", "Kelayakan", "Kekompakan"], scores, strict=True)),
        )
    send(creative, 2, 16, 55, answer="Poster terlampir.")  # left for the judges: the queue is never empty
    today_open = findings.opens_at + datetime.timedelta(hours=1)
    if today_open <= now <= findings.closes_at:
        submit(
            findings,
            members[0][1].user,
            answer="1. Antrean KTP panjang. 2. Jadwal layanan tidak diumumkan. 3. Formulir ganda.",
            now=today_open,
        )
