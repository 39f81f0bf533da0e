"""The people and places of the scale data set: agencies, organisers, cohorts, participants, panels.

The data set is a fixed core plus a bulk that grows with the size factor. The core is the
slice that some users look at and that must cost the same at any size: one cohort of 100
participants, all working in one small province (Gorontalo), run by one organiser, with a
mentor of ten of them and the province's reporting staff. The bulk never touches the core's
province, organiser, cohort or people. The core is built first, so its ids are the same in
every size.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from diklat.models import Cohort, Enrolment, Organiser, Programme
from diklat.staff import organiser_staff_group
from mentors.models import Assignment
from people.models import Participant, ProvincialStaff, User
from regions.models import Agency, AgencyKind, Region

from .copying import Loader

CORE_PROVINCE = "75"  # Gorontalo: a small province, one of whose cohorts is the core
CORE_PARTICIPANTS = 100
BULK_COHORTS = 98  # per unit of the size factor: S has 98 + 1 cohorts and 5,000 projects
BULK_PARTICIPANTS = 50
AGENCIES_PER_GOVERNMENT = 10
PARTICIPANTS_PER_MENTOR = 10
PASSWORD = "bench12345"
DAY = datetime.timedelta(days=1)


@dataclass
class Seat:
    """One participant in one cohort: the ids the later tables point to."""

    enrolment: int
    participant: int
    user: int
    agency: int
    mentor: int
    room: int  # 0 or 1: which session of each seminar they present in


@dataclass
class CohortPlan:
    id: int
    organiser: int
    staff: int
    start: datetime.date
    design: datetime.date
    results: datetime.date
    end: datetime.date
    coach: int
    examiners: list[int]  # two per room: the first chairs
    seats: list[Seat] = field(default_factory=list)
    core: bool = False


def valid_nip(n: int) -> str:
    """A NIP unique for n below 168,000: real birth date, service start after 18, sex, serial."""
    birth = datetime.date(1968, 1, 1) + datetime.timedelta(days=n % 7000)
    month = (n // 7000) % 12 + 1
    sex = (n // 84000) % 2 + 1
    return f"{birth:%Y%m%d}{birth.year + 24}{month:02d}{sex}{n % 997 + 1:03d}"


# Real names interleave the roles: sorted by name, participants are not all after every coach.
GIVEN_NAMES = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari"]


class CastBuilder:
    def __init__(self, loader: Loader, today: datetime.date, factor: int):
        self.load, self.today, self.factor = loader, today, factor
        self.password = make_password(PASSWORD)
        self.rule_set = Programme.objects.get(code="pkn2").rule_sets.order_by("-effective_from").first()
        self.people = 0
        self.cohorts: list[CohortPlan] = []

    # --- users ------------------------------------------------------------------------------------

    def users(self, prefix: str, count: int, **extra) -> list[int]:
        ids = list(self.load.ids(User, count))
        self.load.copy(
            User,
            (
                {
                    "id": pk,
                    "username": f"{prefix}{pk}",
                    "full_name": f"{GIVEN_NAMES[pk % len(GIVEN_NAMES)]} {prefix.title().rstrip('-')} {pk}",
                    "password": self.password,
                    "date_joined": self.load.now,
                    **extra,
                }
                for pk in ids
            ),
        )
        return ids

    def named_user(self, username: str, **extra) -> int:
        (pk,) = self.load.ids(User, 1)
        self.load.copy(
            User,
            [{"id": pk, "username": username, "full_name": username, "password": self.password, **extra}],
        )
        return pk

    # --- places -----------------------------------------------------------------------------------

    def agencies(self) -> tuple[list[int], list[int]]:
        """Ten agencies per regional government: (those of the core province, all the others)."""
        kinds = list(AgencyKind.objects.filter(scope=AgencyKind.Scope.ANY).values_list("pk", flat=True))
        governments = list(Region.objects.values_list("pk", "name", "code", "parent__code"))
        rows, core, others = [], [], []
        for gov_id, name, code, parent in governments:
            for index, pk in enumerate(self.load.ids(Agency, AGENCIES_PER_GOVERNMENT)):
                rows.append(
                    {
                        "id": pk,
                        "name": f"Dinas Uji {index + 1} {name}",
                        "kind_id": kinds[index % len(kinds)],
                        "government_id": gov_id,
                    }
                )
                (core if CORE_PROVINCE in (code, parent) else others).append(pk)
        self.load.copy(Agency, rows)
        return core, others

    def organisers(self) -> dict[str, tuple[int, int]]:
        """One organiser per province with one staff member: {province code: (organiser id, staff id)}."""
        provinces = list(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "code", "name"))
        found = {}
        rows, staff_rows = [], []
        for region, code, name in provinces:
            (pk,) = self.load.ids(Organiser, 1)
            staff = self.named_user(f"staff-{code}", is_staff=True)
            rows.append({"id": pk, "name": f"BPSDM Provinsi {name} (uji skala)", "region_id": region})
            staff_rows.append(
                {"id": self.load.ids(Organiser.staff.through, 1)[0], "organiser_id": pk, "user_id": staff}
            )
            found[code] = (pk, staff)
        self.load.copy(Organiser, rows)
        self.load.copy(Organiser.staff.through, staff_rows)
        group = organiser_staff_group()
        self.load.copy(
            User.groups.through,
            (
                {"id": pk, "user_id": staff, "group_id": group.pk}
                for pk, (_organiser, staff) in zip(
                    self.load.ids(User.groups.through, len(found)), found.values(), strict=True
                )
            ),
        )
        for region, code, _name in provinces:
            staff = self.named_user(f"pelapor-{code}")
            self.load.copy(
                ProvincialStaff, [{"id": self.load.ids(ProvincialStaff, 1)[0], "user_id": staff, "province_id": region}]
            )
        return found

    # --- cohorts ----------------------------------------------------------------------------------

    def cohort(
        self,
        organiser: int,
        staff: int,
        number: int,
        year_back: int,
        size: int,
        agencies: list[int],
        rng: random.Random,
        core: bool = False,
    ) -> CohortPlan:
        start = self.today - (95 + 365 * year_back) * DAY
        (pk,) = self.load.ids(Cohort, 1)
        plan = CohortPlan(
            id=pk,
            organiser=organiser,
            staff=staff,
            start=start,
            design=start + 40 * DAY,
            results=start + 107 * DAY,
            end=start + 111 * DAY,
            coach=self.users("coach-", 1)[0],
            examiners=self.users("penguji-", 4),
            core=core,
        )
        self.load.copy(
            Cohort,
            [
                {
                    "id": pk,
                    "programme_id": self.rule_set.programme_id,
                    "rule_set_id": self.rule_set.pk,
                    "organiser_id": organiser,
                    "number": number,
                    "year": start.year,
                    "start_date": start,
                    "end_date": plan.end,
                    "design_seminar_date": plan.design,
                    "results_seminar_date": plan.results,
                }
            ],
        )
        users = self.users("peserta-", size)
        mentors = self.users("mentor-", -(-size // PARTICIPANTS_PER_MENTOR))
        participants = self.load.ids(Participant, size)
        enrolments = self.load.ids(Enrolment, size)
        for index, (user, participant, enrolment) in enumerate(zip(users, participants, enrolments, strict=True)):
            plan.seats.append(
                Seat(
                    enrolment,
                    participant,
                    user,
                    rng.choice(agencies),
                    mentors[index // PARTICIPANTS_PER_MENTOR],
                    index % 2,
                )
            )
        self.load.copy(
            Participant,
            (
                {
                    "id": s.participant,
                    "user_id": s.user,
                    "nip": valid_nip(s.participant),
                    "rank": "IV/a",
                    "position": "Kepala Bidang",
                    "position_type": "administrator",
                    "echelon": "III.a",
                    "agency_id": s.agency,
                }
                for s in plan.seats
            ),
        )
        self.load.copy(
            Enrolment,
            (
                {"id": s.enrolment, "cohort_id": pk, "participant_id": s.participant, "enrolled_on": start}
                for s in plan.seats
            ),
        )
        self.load.copy(Assignment, self._panel(plan))
        self.cohorts.append(plan)
        return plan

    def _panel(self, plan: CohortPlan):
        for seat in plan.seats:
            room = plan.examiners[2 * seat.room : 2 * seat.room + 2]
            for role, user in [("mentor", seat.mentor), ("coach", plan.coach), *(("examiner", e) for e in room)]:
                yield {
                    "id": self.load.ids(Assignment, 1)[0],
                    "enrolment_id": seat.enrolment,
                    "user_id": user,
                    "role": role,
                }

    def build(self) -> None:
        self.core_agencies, self.other_agencies = core_agencies, other_agencies = self.agencies()
        organisers = self.organisers()
        self.named_user("bench-admin", is_staff=True, is_superuser=True)
        core_organiser, core_staff = organisers[CORE_PROVINCE]
        self.cohort(core_organiser, core_staff, 1, 0, CORE_PARTICIPANTS, core_agencies, random.Random(1), core=True)
        bulk = [value for code, value in sorted(organisers.items()) if code != CORE_PROVINCE]
        rng = random.Random(2)
        for index in range(BULK_COHORTS * self.factor):
            organiser, staff = bulk[index % len(bulk)]
            number = index // len(bulk) + 1
            self.cohort(organiser, staff, number, number % 5, BULK_PARTICIPANTS, other_agencies, rng)
