"""Who gets what where: each recipient's channels for a kind, digest, quiet hours, addresses and zone."""

import datetime
import zoneinfo
from dataclasses import dataclass

from diklat.middleware import zones_of
from people.models import User

from .kinds import Channel
from .models import ChannelChoice, NotificationSettings


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    mobile: str
    zone: str
    digest: bool
    quiet_from: datetime.time | None
    quiet_until: datetime.time | None
    # (kind, channel) pairs the user turned off
    turned_off: frozenset[tuple[str, str]]

    def wants(self, kind: str, channel: str) -> bool:
        return (kind, channel) not in self.turned_off

    def address(self, channel: str) -> str:
        return self.email if channel == Channel.EMAIL else self.mobile

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(zoneinfo.ZoneInfo(self.zone))

    def quiet_end(self, moment: datetime.datetime) -> datetime.datetime | None:
        """When the quiet hours around this moment end, in UTC; None when the moment is not in them."""
        if self.quiet_from is None or self.quiet_until is None or self.quiet_from == self.quiet_until:
            return None
        local = self.local(moment)
        now, start, end = local.time(), self.quiet_from, self.quiet_until
        inside = start <= now < end if start < end else now >= start or now < end
        if not inside:
            return None
        day = local.date() if now < end else local.date() + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, end, tzinfo=local.tzinfo)


def recipients(user_ids) -> dict[int, Recipient]:
    """The recipients' choices, in four queries however many there are."""
    user_ids = set(user_ids)
    off: dict[int, set] = {}
    for choice in ChannelChoice.objects.filter(user__in=user_ids):
        if not choice.email:
            off.setdefault(choice.user_id, set()).add((choice.kind, Channel.EMAIL.value))
        if not choice.whatsapp:
            off.setdefault(choice.user_id, set()).add((choice.kind, Channel.WHATSAPP.value))
    chosen = {row.user_id: row for row in NotificationSettings.objects.filter(user__in=user_ids)}
    zones = zones_of(user_ids)
    found = {}
    for pk, email, mobile, active in User.objects.filter(pk__in=user_ids).values_list(
        "pk", "email", "mobile_phone", "is_active"
    ):
        if not active:
            continue
        own = chosen.get(pk)
        found[pk] = Recipient(
            user_id=pk,
            email=email,
            mobile=mobile,
            zone=zones.get(pk, "Asia/Jakarta"),
            digest=bool(own and own.digest),
            quiet_from=own.quiet_from if own else None,
            quiet_until=own.quiet_until if own else None,
            turned_off=frozenset(off.get(pk, ())),
        )
    return found
