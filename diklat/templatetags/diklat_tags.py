"""Template filters shared by every page."""

from django import template
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats

from diklat import quarters
from diklat.formatting import rupiah as format_rupiah
from diklat.models import Organiser
from events.models import Event, Invitee
from mentors.models import Assignment
from notifications.models import Notification
from people.models import Participant, ProvincialStaff, User

register = template.Library()


@register.filter
def rupiah(amount):
    """{{ line.planned|rupiah }} -> Rp 3.800.000"""
    return format_rupiah(amount)


@register.filter
def due(day, date_format="j M Y"):
    """{{ item.due_date|due }} -> "30 Jun 2027 (TW II 2027)": the quarter it was likely given as, too."""
    if not day:
        return ""
    text = formats.date_format(day, date_format)
    quarter = quarters.label_if_quarter_end(day)
    return f"{text} ({quarter})" if quarter else text


@register.filter
def pct(value):
    """A percentage as a whole number for bar widths and <progress> values: 45.5 -> '46', None -> '0'."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return str(round(min(max(number, 0.0), 100.0)))


@register.simple_tag
def user_nav(user):
    """Which sections the header links to, read in one query: project, participants, reports, admin."""
    if not user.is_authenticated:
        return {}
    unread_count = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    flags = (
        User.objects.filter(pk=user.pk)
        .annotate(
            is_participant=Exists(Participant.objects.filter(user=OuterRef("pk"))),
            is_panel=Exists(Assignment.objects.filter(user=OuterRef("pk"))),
            reports_on_province=Exists(ProvincialStaff.objects.filter(user=OuterRef("pk"))),
            organises=Exists(Organiser.staff.through.objects.filter(user=OuterRef("pk"))),
            attends_events=Exists(Invitee.objects.filter(user=OuterRef("pk"))),
            judges_events=Exists(Event.judges.through.objects.filter(user=OuterRef("pk"))),
            # The bell's count, in the same query: the partial index of unread notifications serves it.
            unread=Coalesce(Subquery(unread_count), 0),
        )
        .values(
            "is_participant",
            "is_panel",
            "reports_on_province",
            "organises",
            "attends_events",
            "judges_events",
            "unread",
        )
        .get()
    )
    return {
        "participant": flags["is_participant"],
        "panel": flags["is_panel"],
        "organises": user.is_superuser or flags["organises"],
        "reports": user.is_superuser or flags["is_panel"] or flags["reports_on_province"] or flags["organises"],
        "admin": user.is_staff,
        "events": user.is_superuser or flags["organises"] or flags["attends_events"] or flags["judges_events"],
        "unread": flags["unread"],
    }
