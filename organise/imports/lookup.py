"""What the database already holds about the people, governments and agencies a file names: a few queries in all."""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower

from diklat.models import Cohort, Enrolment
from people.models import Participant
from regions.models import Agency, Region

User = get_user_model()
GOVERNMENT_PREFIXES = re.compile(r"^(pemerintah|pemprov|pemkab|pemkot)\s+")


def name_key(text: str) -> str:
    """Names compared without case, punctuation or repeated spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", str(text or "").lower())).strip()


def government_key(text: str) -> str:
    key = name_key(text).replace("kab ", "kabupaten ").replace("prov ", "provinsi ")
    return GOVERNMENT_PREFIXES.sub("", key)


@dataclass
class Governments:
    """Every regional government, found by code, by full name or by a bare name when it is unambiguous."""

    by_key: dict[str, Region | None] = field(default_factory=dict)  # None: the bare name is ambiguous
    names: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> "Governments":
        found, full_names = cls(), {}
        for region in Region.objects.only("code", "name", "level", "parent_id"):
            found.names.append(str(region.name))
            full = government_key(region.name)
            full_names[full] = full_names[region.code] = region
            if region.level == Region.Level.PROVINCE:
                full_names[f"provinsi {full}"] = region
            else:
                bare = full.removeprefix("kabupaten ").removeprefix("kota ")
                found.by_key[bare] = None if bare in found.by_key else region  # Kota and Kabupaten Bogor: ambiguous
        found.by_key.update(full_names)  # a full name wins over another's bare name
        return found

    def find(self, text: str) -> Region | None:
        return self.by_key.get(text.strip()) or self.by_key.get(government_key(text))

    def closest(self, text: str) -> list[str]:
        return difflib.get_close_matches(text, self.names, n=3, cutoff=0.6)


@dataclass(frozen=True)
class KnownAgency:
    id: int
    name: str
    government_id: int


@dataclass
class Agencies:
    """The agencies of the governments a file names, found by name or short name."""

    by_key: dict[tuple[int, str], KnownAgency] = field(default_factory=dict)
    of_government: dict[int, list[KnownAgency]] = field(default_factory=dict)

    @classmethod
    def load(cls, government_ids: set[int]) -> "Agencies":
        found = cls()
        rows = Agency.objects.filter(government_id__in=government_ids).values_list(
            "id", "name", "short_name", "government_id"
        )
        for pk, name, short_name, government_id in rows:
            agency = KnownAgency(pk, name, government_id)
            found.of_government.setdefault(government_id, []).append(agency)
            for key in {name_key(name), name_key(short_name)} - {""}:
                found.by_key.setdefault((government_id, key), agency)
        return found

    def find(self, government: Region, text: str) -> KnownAgency | None:
        return self.by_key.get((government.pk, name_key(text)))

    def closest(self, government: Region, text: str) -> list[KnownAgency]:
        candidates = {name_key(agency.name): agency for agency in self.of_government.get(government.pk, [])}
        return [candidates[key] for key in difflib.get_close_matches(name_key(text), candidates, n=3, cutoff=0.4)]


@dataclass(frozen=True)
class KnownPerson:
    participant_id: int | None
    user_id: int
    username: str
    email: str
    full_name: str
    enrolled_here: bool = False


@dataclass
class People:
    """The participants and accounts a file's NIPs, NI PPPKs, e-mails and would-be usernames already belong to."""

    by_nip: dict[str, KnownPerson] = field(default_factory=dict)
    by_ni_pppk: dict[str, KnownPerson] = field(default_factory=dict)
    by_email: dict[str, KnownPerson] = field(default_factory=dict)
    by_username: dict[str, KnownPerson] = field(default_factory=dict)

    @classmethod
    def load(cls, cohort: Cohort, *, nips: set, ni_pppks: set, emails: set, usernames: set) -> "People":
        found = cls()
        enrolled = Exists(Enrolment.objects.filter(cohort=cohort, participant=OuterRef("pk")))
        for row in (
            Participant.objects.filter(Q(nip__in=nips) | Q(ni_pppk__in=ni_pppks))
            .annotate(enrolled_here=enrolled)
            .values(
                "pk", "nip", "ni_pppk", "enrolled_here", "user_id", "user__username", "user__email", "user__full_name"
            )
        ):
            person = KnownPerson(
                row["pk"],
                row["user_id"],
                row["user__username"],
                (row["user__email"] or "").lower(),
                row["user__full_name"],
                row["enrolled_here"],
            )
            if row["nip"]:
                found.by_nip[row["nip"]] = person
            if row["ni_pppk"]:
                found.by_ni_pppk[row["ni_pppk"]] = person
        accounts = User.objects.annotate(email_key=Lower("email")).filter(
            Q(email_key__in=emails) | Q(username__in=usernames)
        )
        for user in accounts.values_list("pk", "username", "email_key", "full_name", "participant"):
            pk, username, email, full_name, participant_id = user
            person = KnownPerson(participant_id, pk, username, email or "", full_name)
            if email:
                found.by_email.setdefault(email, person)
            found.by_username[username] = person
        return found
