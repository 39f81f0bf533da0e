"""Build the demo cohort and its people: organiser, staff, participants, mentors, coaches, examiners.

Every row is found by its natural key before it is created, so a second run adds nothing.
Random draws happen whether or not a row exists, so every run makes the same choices.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from diklat.models import Cohort, Enrolment, Organiser
from diklat.staff import organiser_staff_group
from mentors.models import Assignment
from people.models import Participant
from people.models import User as UserModel
from regions.models import Agency, AgencyKind, Region

from . import agencies
from .agencies import Seat
from .bulk import ensure_all
from .cohort import ensure_cohort
from .names import FEMALE, MALE, NameMaker, NipMaker

DEMO_PASSWORD = "demo12345"


@dataclass
class Enrolled:
    seat: Seat
    enrolment: Enrolment
    participant: Participant
    mentor: UserModel
    government: Region
    site: Agency


@dataclass
class Cast:
    cohort: Cohort
    organiser: Organiser
    admin: UserModel
    staff: UserModel
    coaches: list[UserModel]
    examiners: list[UserModel]
    enrolled: list[Enrolled] = field(default_factory=list)


class PeopleBuilder:
    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng, self.today = rng, today
        self.names, self.nips = NameMaker(rng), NipMaker(rng)
        self._hashed: str | None = None
        self.kinds = {kind.code: kind for kind in AgencyKind.objects.all()}
        codes = {seat.government for seat in agencies.all_seats()}
        self.regions = {
            region.code: region for region in Region.objects.filter(code__in=codes).select_related("parent")
        }

    # --- small get-or-create helpers --------------------------------------------------------

    @property
    def hashed_password(self) -> str:
        """Hash the demo password once: hashing it per user would take seconds."""
        if self._hashed is None:
            self._hashed = make_password(DEMO_PASSWORD)
        return self._hashed

    def user(self, username: str, full_name: str, **flags) -> UserModel:
        user = UserModel.objects.filter(username=username).first()
        if user is None:
            user = UserModel.objects.create(
                username=username,
                full_name=full_name,
                email=f"{username}@demo.diklat.test",
                password=self.hashed_password,
                **flags,
            )
        return user

    @staticmethod
    def government_name(region: Region) -> str:
        return f"Provinsi {region.name}" if region.level == Region.Level.PROVINCE else region.name

    # --- staff, coaches and examiners ---------------------------------------------------------

    def staff(self, organiser: Organiser) -> tuple[UserModel, UserModel]:
        admin = self.user("admin", "Administrator Sistem", is_staff=True, is_superuser=True)
        person = self.names.person("73", FEMALE)
        staff = self.user("penyelenggara", person.full_name, is_staff=True)
        organiser.staff.add(staff)
        staff.groups.add(organiser_staff_group())
        return admin, staff

    def panel(self) -> tuple[list[UserModel], list[UserModel]]:
        coaches = [
            self.new_user("coach" if number == 0 else f"coach{number + 1}", self.names.person("73").full_name)
            for number in range(6)
        ]
        examiners = [
            self.new_user("penguji" if number == 0 else f"penguji{number + 1}", self.names.person(province).full_name)
            for number, province in enumerate(["73", "72", "74", "75"])
        ]
        stored = ensure_all(UserModel, ("username",), coaches + examiners)
        return [stored[(u.username,)] for u in coaches], [stored[(u.username,)] for u in examiners]

    # --- participants -------------------------------------------------------------------------

    def seat_agencies(self, seats: list[Seat]) -> list[tuple[Agency, Agency]]:
        """Each seat's agency and the unit where its project runs, created in three bulk passes."""
        setdas = ensure_all(
            Agency,
            ("government_id", "name"),
            [
                self.new_agency(self.regions[code], "setda", "Sekretariat Daerah")
                for code in {s.government for s in seats}
            ],
        )
        homes = (
            ensure_all(
                Agency,
                ("government_id", "name"),
                [
                    self.new_agency(
                        self.regions[seat.government],
                        seat.kind,
                        seat.agency,
                        setdas[(self.regions[seat.government].pk, "Sekretariat Daerah")]
                        if seat.kind == "biro"
                        else None,
                    )
                    for seat in seats
                    if seat.kind != "setda"
                ],
            )
            | setdas
        )
        home = [homes[(self.regions[seat.government].pk, seat.agency)] for seat in seats]
        sites = ensure_all(
            Agency,
            ("government_id", "name"),
            [
                self.new_agency(
                    agency.government, seat.site[0], seat.site[1], None if seat.site[0] == "kecamatan" else agency
                )
                for seat, agency in zip(seats, home, strict=True)
                if seat.site
            ],
        )
        return [
            (agency, sites[(agency.government_id, seat.site[1])] if seat.site else agency)
            for seat, agency in zip(seats, home, strict=True)
        ]

    def new_agency(self, government: Region, kind: str, name: str, parent: Agency | None = None) -> Agency:
        return Agency(government=government, name=name, kind=self.kinds[kind], parent=parent)

    def new_user(self, username: str, full_name: str, **flags) -> UserModel:
        email = f"{username}@demo.diklat.test"
        return UserModel(username=username, full_name=full_name, email=email, password=self.hashed_password, **flags)

    def participants(self, cast: Cast) -> None:
        """Draw every seat's people first, then store them with a few bulk get-or-creates."""
        seats = agencies.all_seats()
        places = self.seat_agencies(seats)
        drawn, mentor_users, mentor_of = [], {}, []
        for index, seat in enumerate(seats):
            government = self.regions[seat.government]
            province = government.province.code
            sex = FEMALE if index == 0 or self.rng.random() < 0.3 else MALE
            person = self.names.person(province, sex)
            nip = self.nips.nip(person.sex)
            echelon = "II.a" if government.level == Region.Level.PROVINCE else "II.b"
            years_of_service = self.today.year - int(nip[8:12])
            rank = "IV/c" if years_of_service >= 26 else "IV/b" if years_of_service >= 18 else "IV/a"
            phone = f"08{self.rng.randrange(11, 13)}{self.rng.randrange(10**7, 10**8)}"
            username = "peserta" if index == 0 else f"peserta{index + 1:02d}"
            drawn.append((self.new_user(username, person.full_name), nip, rank, echelon, phone))
            mentor_person = self.names.person(province, MALE)
            key = (seat.government, seat.mentor_post)
            if key not in mentor_users:
                name = "mentor" if not mentor_users else f"mentor{len(mentor_users) + 1:02d}"
                mentor_users[key] = self.new_user(name, mentor_person.full_name)
            mentor_of.append(key)

        users = ensure_all(UserModel, ("username",), [d[0] for d in drawn] + list(mentor_users.values()))
        participants = ensure_all(
            Participant,
            ("user_id",),
            [
                Participant(
                    user=users[(user.username,)],
                    nip=nip,
                    rank=rank,
                    position=agencies.position_for(seat, self.government_name(self.regions[seat.government])),
                    position_type="jpt_pratama",
                    echelon=echelon,
                    agency=places[index][0],
                    phone=phone,
                )
                for index, (seat, (user, nip, rank, echelon, phone)) in enumerate(zip(seats, drawn, strict=True))
            ],
        )
        participant_list = [participants[(users[(d[0].username,)].pk,)] for d in drawn]
        enrolments = ensure_all(
            Enrolment,
            ("participant_id", "cohort_id"),
            [Enrolment(cohort=cast.cohort, participant=participant) for participant in participant_list],
        )
        enrolment_list = [enrolments[(participant.pk, cast.cohort.pk)] for participant in participant_list]
        mentors = [users[(mentor_users[key].username,)] for key in mentor_of]
        ensure_all(
            Assignment,
            ("enrolment_id", "role"),
            [
                Assignment(
                    enrolment=enrolment,
                    user=mentor,
                    role=Assignment.Role.MENTOR,
                    position=agencies.mentor_position(seat, self.government_name(self.regions[seat.government])),
                )
                for seat, enrolment, mentor in zip(seats, enrolment_list, mentors, strict=True)
            ],
        )
        widyaiswara = f"Widyaiswara Ahli Utama {agencies.ORGANISER_NAME}"
        panel = []
        for index, enrolment in enumerate(enrolment_list):
            coach = cast.coaches[index * len(cast.coaches) // len(enrolment_list)]
            panel.append(Assignment(enrolment=enrolment, user=coach, role="coach", position=widyaiswara))
            for offset in (0, 1):
                examiner = cast.examiners[(index + offset) % len(cast.examiners)]
                panel.append(Assignment(enrolment=enrolment, user=examiner, role="examiner", position="Penguji"))
        ensure_all(Assignment, ("enrolment_id", "role", "user_id"), panel)
        for index, seat in enumerate(seats):
            site = places[index][1]
            government = self.regions[seat.government]
            cast.enrolled.append(
                Enrolled(seat, enrolment_list[index], participant_list[index], mentors[index], government, site)
            )

    def build(self) -> Cast:
        organiser, cohort = ensure_cohort(self.today)
        admin, staff = self.staff(organiser)
        coaches, examiners = self.panel()
        cast = Cast(cohort, organiser, admin, staff, coaches, examiners)
        self.participants(cast)
        return cast
