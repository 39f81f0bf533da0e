"""Plan the demo innovations in memory: which projects, their maturity, targets and adopters, and the replay.

Every draw is made whether or not the rows exist already, so each run makes the same choices.
``replay_adoption`` moves an adoption through its stages by the rules of
rollout.services.change_adoption_stage and returns the history those moves write.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from people.models import User
from projects.models import ChangeProject
from regions.models import Agency, Region
from rollout.models import Adoption, AdoptionStageChange, Innovation
from rollout.services import ADOPTION_DATE_FIELD

from . import rollout_data as data
from .seminar_sessions import acronym

DAY = datetime.timedelta(days=1)
ELIGIBLE = {"approved", "in_implementation", "completed"}
Move = tuple[str, datetime.date, str]  # stage, day, reason (when going back)


@dataclass
class Planned:
    """One innovation as it will be stored: its fields, history, targets and adoptions."""

    project: ChangeProject
    name: str
    stage: str
    history: list[datetime.date]  # the day of each step: initiative, trial, applied
    form: str
    digital: bool
    regulation: str
    reference: str
    affairs: tuple[str, ...]
    note: str = ""
    told: bool = False  # one of the stories: every piece of evidence is kept
    origin: tuple[str, str] | None = None
    targets: list[Agency] = field(default_factory=list)
    governments: list[Region] = field(default_factory=list)
    adopters: list[tuple[Agency, list[Move], tuple[str, ...]]] = field(default_factory=list)
    contacts: list[tuple[str, str]] = field(default_factory=list)
    innovation: Innovation | None = None

    @property
    def key(self) -> tuple[str, str]:
        return acronym(self.project.title), self.project.agency.government.code

    @property
    def own(self) -> set[int]:
        """The agency that carries the project out and the participant's own (its parent for a unit)."""
        return {self.project.agency_id, self.project.enrolment.participant.agency_id}


class Planner:
    def __init__(self, rng: random.Random, today: datetime.date, design_seminar: datetime.date, pool: dict):
        self.rng, self.today, self.design_seminar = rng, today, design_seminar
        self.pool = pool  # every demo agency by (government code, name), in that order

    def chosen(self, projects: list[ChangeProject]) -> list[ChangeProject]:
        """The eligible projects of the host province and of the stories, then drawn ones; in cohort order."""
        stories = {(story.acronym, story.government) for story in data.STORIES}
        eligible = [project for project in projects if project.status in ELIGIBLE]
        fixed = [
            p
            for p in eligible
            if p.agency.government.province.code == data.PROVINCE
            or (acronym(p.title), p.agency.government.code) in stories
        ]
        others = [project for project in eligible if project not in fixed]
        drawn = self.rng.sample(others, max(0, min(len(others), data.INNOVATIONS - len(fixed))))
        return [project for project in projects if project in fixed or project in drawn]

    def plan(self, projects: list[ChangeProject]) -> list[Planned]:
        stories = {(story.acronym, story.government): story for story in data.STORIES}
        plans, names = [], set()
        for project in self.chosen(projects):
            short = acronym(project.title)
            name = short if short not in names else f"{short} {project.agency.government.name}"
            names.add(short)
            story = stories.get((short, project.agency.government.code))
            plans.append(self.from_story(project, name, story) if story else self.drawn(project, name))
        by_key = {plan.key: plan for plan in plans}
        for plan in plans:
            origin = by_key.get(plan.origin)
            plan.origin = origin and origin.key
            exclude = plan.own | (origin.own if origin else set())
            if not plan.adopters and plan.stage != "initiative":
                plan.adopters = self.drawn_adopters(plan, exclude)
            if not plan.targets and not plan.governments:
                self.drawn_targets(plan, exclude)
        return plans

    # --- one innovation ---------------------------------------------------------------------------

    @staticmethod
    def affairs_and_form(project: ChangeProject) -> tuple[tuple[str, ...], str]:
        home = project.enrolment.participant.agency.name
        for word, affairs, form in data.AFFAIRS:
            if word in home or word in project.agency.name:
                return affairs, form
        return data.DEFAULT_AFFAIRS

    @staticmethod
    def regulation(kind: str, project: ChangeProject, number: int, year: int) -> str:
        """ "Peraturan Gubernur Sulawesi Selatan Nomor 27 Tahun 2026": the regional head's regulation or decree."""
        if kind == "none":
            return ""
        government = project.agency.government
        if government.level == Region.Level.PROVINCE:
            head = f"Gubernur {government.name}"
        elif government.level == Region.Level.CITY:
            head = f"Wali Kota {government.name.removeprefix('Kota ')}"
        else:
            head = f"Bupati {government.name.removeprefix('Kabupaten ')}"
        title = "Peraturan" if kind == "perkada" else "Keputusan"
        return f"{title} {head} Nomor {number} Tahun {year}"

    @staticmethod
    def is_digital(project: ChangeProject) -> bool:
        return any(word in project.title for word in data.DIGITAL_WORDS)

    def from_story(self, project: ChangeProject, name: str, story: data.Story) -> Planned:
        affairs, form = self.affairs_and_form(project)
        history = [self.today - days * DAY for days in story.days]
        number = self.rng.randrange(20, 400)
        year = self.today.year - story.regulation_years_back
        plan = Planned(
            project,
            name,
            data.STAGES[len(history) - 1],
            history,
            story.form or form,
            self.is_digital(project) if story.digital is None else story.digital,
            story.regulation,
            self.regulation(story.regulation, project, story.regulation_number or number, year),
            story.affairs or affairs,
            note=story.origin_note,
            told=True,
            origin=story.derived_from,
            targets=[self.pool[key] for key in story.targets],
            governments=[self.region(code) for code in story.governments],
        )
        for adopter in story.adopters:
            path = [(stage, self.today - days * DAY, reason) for stage, days, reason in adopter.path]
            plan.adopters.append((self.pool[(adopter.government, adopter.agency)], path, adopter.uploads))
        return plan

    def region(self, code: str) -> Region:
        return next(agency.government for (government, _name), agency in self.pool.items() if government == code)

    def drawn(self, project: ChangeProject, name: str) -> Planned:
        """An innovation begun around the design seminar, tried out in the laboratory, applied by some."""
        rng = self.rng
        stage = {"completed": "applied", "approved": "initiative"}.get(project.status)
        stage = stage or rng.choice(["trial", "trial", "applied", "applied", "initiative"])
        initiative = self.design_seminar - rng.randrange(0, 12) * DAY
        trial = self.design_seminar + rng.randrange(4, 13) * DAY
        applied = trial + rng.randrange(12, 25) * DAY
        history = [min(day, self.today) for day in (initiative, trial, applied)][: data.STAGES.index(stage) + 1]
        regulations = {"applied": ["decree", "decree", "perkada", "none"], "trial": ["none", "decree"]}
        kind = rng.choice(regulations.get(stage, ["none"]))
        reference = self.regulation(kind, project, rng.randrange(20, 400), history[-1].year)
        affairs, form = self.affairs_and_form(project)
        return Planned(project, name, stage, history, form, self.is_digital(project), kind, reference, affairs)

    # --- its rollout --------------------------------------------------------------------------------

    def candidates(self, plan: Planned, exclude: set[int]) -> list[Agency]:
        """Peer OPDs of the same name elsewhere first, then other OPDs of the same province."""
        names = {plan.project.agency.name, plan.project.enrolment.participant.agency.name}
        province = plan.project.agency.government.province.code
        usable = [a for a in self.pool.values() if a.pk not in exclude and a.kind.code not in {"kecamatan", "uptd"}]
        peers = [agency for agency in usable if agency.name in names]
        local = [
            a for a in usable if a.government.province.code == province and a not in peers and a.kind.code != "setda"
        ]
        self.rng.shuffle(peers)
        self.rng.shuffle(local)
        return peers + local

    def drawn_adopters(self, plan: Planned, exclude: set[int]) -> list:
        rng = self.rng
        count = rng.choice([1, 2, 3, 4]) if plan.stage == "applied" else rng.choice([0, 1, 2])
        adopters = []
        for agency in self.candidates(plan, exclude)[:count]:
            reach = rng.choice(["planned", "piloting", "applied", "applied", "institutionalised"])
            if plan.stage == "trial":
                reach = rng.choice(["planned", "piloting"])
            days = [plan.history[1] + rng.randrange(0, 8) * DAY]
            days.append(days[-1] + rng.randrange(4, 12) * DAY)
            days.append(max(days[-1] + rng.randrange(5, 12) * DAY, plan.history[-1]))
            days.append(days[-1] + rng.randrange(7, 20) * DAY)
            path = [(stage, day, "") for stage, day in zip(Adoption.STAGE_ORDER, days, strict=True)]
            path = [move for move in path[: Adoption.STAGE_ORDER.index(reach) + 1] if move[1] <= self.today]
            if path:
                adopters.append((agency, path, ()))
        return adopters

    def drawn_targets(self, plan: Planned, exclude: set[int]) -> None:
        """The adopters (less one, now and then), one or two more OPDs, and one or two whole governments."""
        rng = self.rng
        adopters = [agency for agency, _path, _uploads in plan.adopters]
        others = [agency for agency in self.candidates(plan, exclude) if agency not in adopters]
        plan.targets = adopters[: max(1, len(adopters) - rng.randrange(0, 2))] + others[: rng.randrange(1, 3)]
        own = plan.project.agency.government
        governments = sorted(
            {a.government for a in self.pool.values() if a.government.province == own.province and a.government != own},
            key=lambda region: region.code,
        )
        plan.governments = rng.sample(governments, min(len(governments), rng.choice([1, 1, 2])))


def replay_adoption(adoption: Adoption, path: list[Move], actor: Callable[[str], User]) -> list[AdoptionStageChange]:
    """Set the adoption's stage and dates as record_adoption and change_adoption_stage would; return the history."""
    order = Adoption.STAGE_ORDER
    (first, day, _reason), moves = path[0], path[1:]
    if first != Adoption.Stage.PLANNED:
        raise ValueError(f"an adoption starts planned, not {first}")
    adoption.stage, adoption.planned_on = first, day
    changes = [AdoptionStageChange(from_stage="", to_stage=first, on=day, by=actor(first))]
    for stage, day, reason in moves:
        current = adoption.stage
        backwards = order.index(stage) < order.index(current)
        floor = max(
            d for d in (adoption.planned_on, getattr(adoption, ADOPTION_DATE_FIELD[current]), changes[-1].on) if d
        )
        if stage == current or (backwards and not reason) or day < floor:
            raise ValueError(f"{adoption}: the services refuse {current} → {stage} on {day}")
        for later in order[order.index(stage) + 1 :]:
            setattr(adoption, ADOPTION_DATE_FIELD[later], None)
        if not backwards:
            for passed in order[order.index(current) + 1 : order.index(stage) + 1]:
                setattr(adoption, ADOPTION_DATE_FIELD[passed], day)
        changes.append(AdoptionStageChange(from_stage=current, to_stage=stage, on=day, by=actor(stage), reason=reason))
        adoption.stage = stage
    return changes
