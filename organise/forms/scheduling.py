"""The seminar scheduling forms: a seminar, splitting its participants, a session's panel, order and moves."""

import datetime
import re
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.models import SeminarKind
from assessments.scheduling import Method
from diklat.models import Enrolment

from .setup import date_field


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class SeminarForm(forms.Form):
    """A seminar of the cohort not created yet, on a day and at a time of the host's clock."""

    kind = forms.ChoiceField(label=_("Seminar"), error_messages={"required": _("Choose the seminar.")})
    day = date_field(_("Day"))
    time = forms.TimeField(
        label=_("Starts at (the organiser's local time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Give the time it starts."), "invalid": _("Give a time such as 08:00.")},
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, max_length=200)

    def __init__(self, *args, missing_kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, SeminarKind(kind).label) for kind in missing_kinds]

    def starts_at(self, zone: str) -> datetime.datetime:
        data = self.cleaned_data
        return datetime.datetime.combine(data["day"], data["time"], tzinfo=ZoneInfo(zone))


MAX_ROOMS = 50
ROOM_LINE = re.compile(r"^(?P<name>.+?)(?:\s*[,;:]\s*(?P<seats>\d+))?$")


class SplitForm(forms.Form):
    """How the participants without a session go into new ones, and who chairs them at first."""

    method = forms.ChoiceField(
        label=_("Split"), choices=Method.choices, widget=forms.RadioSelect, initial=Method.EVENLY
    )
    count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Evenly: required. By theme: empty for one session per theme."),
        error_messages={"invalid": _("Give a whole number.")},
    )
    rooms = forms.CharField(
        label=_("Rooms"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("By room: one room a line, with its seats after a comma if they are limited (Ruang Kenari, 8)."),
    )
    chair = UserChoice(
        label=_("Chair of the new sessions"),
        queryset=None,
        help_text=_("Change it per session afterwards."),
        error_messages={"required": _("Choose the chair."), "invalid_choice": _("Choose someone from the list.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = candidates

    def clean_rooms(self) -> list[tuple[str, int | None]]:
        rooms = []
        for line in self.cleaned_data["rooms"].splitlines():
            line = line.strip()
            if not line:
                continue
            match = ROOM_LINE.match(line)
            name, seats = match["name"].strip(), match["seats"]
            if len(name) > 100:
                raise ValidationError(_("Keep each room's name to 100 characters."))
            if seats is not None and int(seats) < 1:
                raise ValidationError(_("A room seats at least one participant: %(room)s.") % {"room": name})
            rooms.append((name, int(seats) if seats is not None else None))
        if len(rooms) > MAX_ROOMS:
            raise ValidationError(_("At most %(count)s rooms at once.") % {"count": MAX_ROOMS})
        return rooms


class SessionDetailsForm(forms.Form):
    """A session's name, its own start (empty: the seminar's) and its room."""

    name = forms.CharField(label=_("Name"), max_length=100, error_messages={"required": _("Give the session a name.")})
    day = date_field(_("Day"), required=False, help_text=_("Empty: the session starts with the seminar."))
    time = forms.TimeField(
        label=_("Starts at (the organiser's local time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Give a time such as 08:00.")},
    )
    place = forms.CharField(label=_("Room"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("day") and not data.get("time") and "time" not in self.errors:
            self.add_error("time", _("Give the time it starts."))
        if data.get("time") and not data.get("day") and "day" not in self.errors:
            self.add_error("day", _("Give the day it starts."))
        return data

    def starts_at(self, zone: str) -> datetime.datetime | None:
        data = self.cleaned_data
        if not data.get("day"):
            return None
        return datetime.datetime.combine(data["day"], data["time"], tzinfo=ZoneInfo(zone))

    @staticmethod
    def initial_of(session, zone: str) -> dict:
        initial = {"name": session.name, "place": session.place}
        if session.starts_at:
            local = session.starts_at.astimezone(ZoneInfo(zone))
            initial.update(day=local.date(), time=local.strftime("%H:%M"))
        return initial


class PanelForm(forms.Form):
    """The session's chair and examiners."""

    chair = UserChoice(
        label=_("Chair"),
        queryset=None,
        error_messages={"required": _("Choose the chair."), "invalid_choice": _("Choose someone from the list.")},
    )
    examiners = UsersChoice(
        label=_("Examiners"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one examiner."),
            "invalid_choice": _("Choose examiners from the list."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = candidates
        self.fields["examiners"].queryset = candidates


class OrderForm(forms.Form):
    """A place for each presentation of the session: 1, 2, 3..., each once."""

    def __init__(self, *args, presentations, **kwargs):
        super().__init__(*args, **kwargs)
        self.presentations = list(presentations)
        count = len(self.presentations)
        for presentation in self.presentations:
            self.fields[f"order_{presentation.pk}"] = forms.IntegerField(
                label=str(presentation.enrolment.participant),
                min_value=1,
                max_value=count,
                initial=presentation.order,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "order-input"}),
                error_messages={
                    "required": _("Give a place."),
                    "invalid": _("Give a whole number."),
                    "min_value": _("From 1 to %(count)s.") % {"count": count},
                    "max_value": _("From 1 to %(count)s.") % {"count": count},
                },
            )

    def clean(self):
        places = [self.cleaned_data.get(f"order_{p.pk}") for p in self.presentations]
        if None not in places and len(set(places)) != len(places):
            raise ValidationError(_("Give each participant a different place."))
        return self.cleaned_data

    def ordered_ids(self) -> list[int]:
        return [p.pk for p in sorted(self.presentations, key=lambda p: self.cleaned_data[f"order_{p.pk}"])]


class MoveForm(forms.Form):
    """Move a participant of the cohort into one of the seminar's sessions."""

    enrolment = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=None,
        error_messages={"required": _("Choose the participant."), "invalid_choice": _("Choose someone from the list.")},
    )
    session = forms.ModelChoiceField(
        label=_("To session"),
        queryset=None,
        error_messages={"required": _("Choose the session."), "invalid_choice": _("Choose a session from the list.")},
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = Enrolment.objects.filter(
            cohort_id=seminar.cohort_id, status=Enrolment.Status.ACTIVE
        ).select_related("participant__user")
        self.fields["enrolment"].label_from_instance = lambda enrolment: str(enrolment.participant)
        self.fields["session"].queryset = seminar.sessions.all()
        self.fields["session"].label_from_instance = lambda session: session.name
