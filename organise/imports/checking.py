"""Check every row of an import against the rules and the database, with a fixed number of queries per file."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from diklat.models import Cohort
from people.models import Participant, PositionType
from regions.models import Region

from . import cells
from .columns import BY_KEY
from .lookup import Agencies, Governments, People
from .reading import Cell

# The position each programme trains for (DOMAIN: PKN I JPT Madya, PKN II JPT Pratama, PKA administrator, PKP pengawas).
POSITION_TYPE_OF_PROGRAMME = {
    "pkn1": PositionType.JPT_MADYA,
    "pkn2": PositionType.JPT_PRATAMA,
    "pka": PositionType.ADMINISTRATOR,
    "pkp": PositionType.SUPERVISOR,
}
TEXT_LIMITS = {"name": 150, "position": 200, "mentor_name": 150}


@dataclass
class MentorPlan:
    name: str
    email: str
    nip: str
    user_id: int | None  # an existing account, or None to create one
    username: str


@dataclass
class RowPlan:
    """What committing the row creates or uses."""

    name: str
    email: str
    phone: str
    employment: str
    nip: str | None
    ni_pppk: str | None
    rank: str
    position: str
    position_type: str
    echelon: str
    agency_id: int | None = None
    participant_id: int | None = None  # already registered: enrolled as they are
    mentor: MentorPlan | None = None

    @property
    def username(self) -> str:
        return self.nip or self.ni_pppk


@dataclass
class RowCheck:
    line: int
    cells: dict[str, Cell]
    plan: RowPlan | None = None
    government: Region | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    agency_matches: list[dict] = field(default_factory=list)

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(str(message))

    def text(self, key: str) -> str:
        return self.cells[key].text.strip() if key in self.cells else ""

    def parsed(self, key: str, parse, *args):
        """The cell read by ``parse``, or None after recording why it cannot be read."""
        try:
            return parse(*args)
        except ValidationError as error:
            self.fail(key, error.messages[0])
            return None


def check_rows(cohort: Cohort, rows: list[tuple[int, dict[str, Cell]]]) -> list[RowCheck]:
    checks = [RowCheck(line, row_cells) for line, row_cells in rows]
    for check in checks:
        _read_row(cohort, check)
    governments = Governments.load()
    for check in checks:
        if check.text("government"):
            check.government = governments.find(check.text("government"))
    agencies = Agencies.load({c.government.pk for c in checks if c.government})
    planned = [c.plan for c in checks if c.plan]
    people = People.load(
        cohort,
        nips={p.nip for p in planned if p.nip} | {p.mentor.nip for p in planned if p.mentor and p.mentor.nip},
        ni_pppks={p.ni_pppk for p in planned if p.ni_pppk},
        emails={p.email for p in planned} | {p.mentor.email for p in planned if p.mentor and p.mentor.email},
        usernames={p.username for p in planned} | {p.mentor.username for p in planned if p.mentor},
    )
    for check in checks:
        _place_agency(check, governments, agencies)
        if check.plan:
            _match_person(check, people)
            _match_mentor(check, people)
    _find_repeats(checks)
    return checks


def _read_row(cohort: Cohort, check: RowCheck) -> None:
    """The checks that need no database: formats, required cells, and the rules between rank, echelon and position."""
    for key, cell in check.cells.items():
        if cell.kind == "formula":
            check.fail(
                key, _("This cell holds a formula (%(formula)s): type its value instead.") % {"formula": cell.text}
            )
    for key, limit in TEXT_LIMITS.items():
        if len(check.text(key)) > limit:
            check.fail(key, _("At most %(limit)d characters.") % {"limit": limit})
    for key in ("name", "position", "position_type", "agency", "government", "email"):
        if not check.text(key) and key not in check.errors:
            check.fail(key, _("%(column)s is required.") % {"column": BY_KEY[key].label})
    nip = ni_pppk = None
    if check.text("nip") and check.text("ni_pppk"):
        check.fail("ni_pppk", _("Give a NIP (civil servant) or an NI PPPK (contract staff), not both."))
    elif check.text("nip"):
        nip = check.parsed("nip", cells.nip_of, check.cells["nip"])
    elif check.text("ni_pppk"):
        if check.cells["ni_pppk"].kind == "number":
            check.fail(
                "ni_pppk", _("Excel stored this number as a number: format the column as Text and type it again.")
            )
        ni_pppk = check.text("ni_pppk")
    else:
        check.fail("nip", _("A NIP, or for contract staff (PPPK) an NI PPPK, is required."))
    employment = Participant.Employment.PPPK if ni_pppk else Participant.Employment.PNS
    rank = ""
    if employment == Participant.Employment.PNS:
        if not check.text("rank"):
            check.fail("rank", _("A civil servant's rank (golongan/ruang) is required."))
        else:
            rank = check.parsed("rank", cells.rank_of, check.text("rank")) or ""
    elif check.text("rank"):
        check.fail("rank", _("Contract staff (PPPK) have no civil-service rank here: leave it empty."))
    position_type = echelon = ""
    if check.text("position_type") and "position_type" not in check.errors:
        position_type = check.parsed("position_type", cells.position_type_of, check.text("position_type")) or ""
    expected = POSITION_TYPE_OF_PROGRAMME.get(cohort.programme.code)
    if position_type and expected and position_type != expected:
        check.fail(
            "position_type",
            _("%(programme)s is for %(expected)s positions, not %(given)s.")
            % {
                "programme": cohort.programme.name,
                "expected": PositionType(expected).label,
                "given": PositionType(position_type).label,
            },
        )
    if check.text("echelon"):
        echelon = check.parsed("echelon", cells.echelon_of, check.text("echelon")) or ""
    if echelon and position_type and echelon not in cells.ECHELONS_OF[position_type]:
        check.fail(
            "echelon",
            _("Echelon %(echelon)s does not go with a %(type)s position.")
            % {"echelon": echelon, "type": PositionType(position_type).label},
        )
    elif echelon and rank and not cells.rank_fits_echelon(rank, echelon):
        check.fail(
            "rank",
            _("Rank %(rank)s is below the lowest for echelon %(echelon)s (%(lowest)s).")
            % {"rank": rank, "echelon": echelon, "lowest": cells.LOWEST_RANK_OF[echelon]},
        )
    email = check.parsed("email", cells.email_of, check.text("email")) if check.text("email") else ""
    phone = ""
    if check.text("phone"):
        raw = check.text("phone")
        if check.cells["phone"].kind == "number" and not raw.startswith("0"):
            raw = "0" + raw  # Excel drops the leading zero of a number
        phone = check.parsed("phone", cells.phone_of, raw) or ""
    mentor = _read_mentor(check)
    if nip or ni_pppk:
        check.plan = RowPlan(
            check.text("name"), email or "", phone, employment, nip, ni_pppk, rank,
            check.text("position"), position_type, echelon, mentor=mentor,
        )  # fmt: skip


def _read_mentor(check: RowCheck) -> MentorPlan | None:
    name, raw_email, raw_nip = check.text("mentor_name"), check.text("mentor_email"), check.text("mentor_nip")
    if not (name or raw_email or raw_nip):
        return None
    if not name:
        check.fail("mentor_name", _("The mentor's name is required when a mentor is given."))
    if not (raw_email or raw_nip):
        check.fail("mentor_email", _("Give the mentor's e-mail or NIP, so that their account can be found or made."))
    email = check.parsed("mentor_email", cells.email_of, raw_email) if raw_email else ""
    nip = check.parsed("mentor_nip", cells.nip_of, check.cells["mentor_nip"]) if raw_nip else ""
    if (raw_email and not email) or (raw_nip and not nip) or not name:
        return None
    return MentorPlan(name, email, nip, None, nip or email)


def _place_agency(check: RowCheck, governments: Governments, agencies: Agencies) -> None:
    text = check.text("government")
    if not text:
        return
    government = check.government
    if government is None:
        closest = governments.closest(text)
        message = _("“%(value)s” is not a known regional government.") % {"value": text}
        if closest:
            message += " " + _("Closest: %(names)s.") % {"names": ", ".join(closest)}
        check.fail("government", message)
        return
    if not check.text("agency"):
        return
    agency = agencies.find(government, check.text("agency"))
    if agency is None:
        closest = agencies.closest(government, check.text("agency"))
        check.agency_matches = [{"id": a.id, "name": a.name} for a in closest]
        message = _("“%(agency)s” is not a known agency of %(government)s.") % {
            "agency": check.text("agency"),
            "government": government,
        }
        if closest:
            message += " " + _("Closest: %(names)s.") % {"names": "; ".join(a.name for a in closest)}
        check.fail("agency", message)
    elif check.plan:
        check.plan.agency_id = agency.id


def _match_person(check: RowCheck, people: People) -> None:
    plan = check.plan
    known = people.by_nip.get(plan.nip) if plan.nip else people.by_ni_pppk.get(plan.ni_pppk)
    key = "nip" if plan.nip else "ni_pppk"
    if known and known.enrolled_here:
        check.fail(key, _("%(name)s is already enrolled in this cohort.") % {"name": known.full_name or plan.name})
        return
    if known:
        plan.participant_id = known.participant_id
        check.notes.append(
            _("Already registered as %(name)s: enrolled with the profile on record.") % {"name": known.full_name}
        )
    owner = people.by_email.get(plan.email) if plan.email else None
    if owner and (not known or owner.user_id != known.user_id):
        check.fail(
            "email", _("This e-mail already belongs to the account “%(username)s”.") % {"username": owner.username}
        )
    taken = people.by_username.get(plan.username)
    if not known and taken:
        check.fail(key, _("An account named “%(username)s” already exists.") % {"username": taken.username})


def _match_mentor(check: RowCheck, people: People) -> None:
    mentor = check.plan.mentor
    if not mentor:
        return
    if (mentor.email and mentor.email == check.plan.email) or (mentor.nip and mentor.nip == check.plan.nip):
        check.fail("mentor_name", _("A participant cannot be their own mentor."))
        return
    known = (people.by_email.get(mentor.email) if mentor.email else None) or (
        people.by_nip.get(mentor.nip) if mentor.nip else None
    )
    if known:
        mentor.user_id = known.user_id
    elif mentor.username in people.by_username:
        check.fail("mentor_email", _("An account named “%(username)s” already exists.") % {"username": mentor.username})


def _find_repeats(checks: list[RowCheck]) -> None:
    """A NIP, NI PPPK or e-mail on two rows: both rows say so, with the other row's number."""
    seen = defaultdict(list)
    for check in checks:
        if check.plan:
            for key, value in (("nip", check.plan.nip), ("ni_pppk", check.plan.ni_pppk), ("email", check.plan.email)):
                if value:
                    seen[key, value].append(check)
    mentor_emails = {c.plan.mentor.email: c for c in checks if c.plan and c.plan.mentor and c.plan.mentor.email}
    for (key, value), repeated in seen.items():
        for check in repeated if len(repeated) > 1 else ():
            others = ", ".join(str(other.line) for other in repeated if other is not check)
            check.fail(key, _("The same value is also on row %(rows)s.") % {"rows": others})
        if key == "email" and value in mentor_emails and mentor_emails[value] not in repeated:
            mentor_emails[value].fail(
                "mentor_email", _("This e-mail is a participant's, on row %(row)s.") % {"row": repeated[0].line}
            )
