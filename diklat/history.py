"""Who made a change and why, handed to the change history (django-simple-history) by the services.

Every service knows who acts (its ``by=``) whether the call comes from a page, the API, the admin or
a command, so it names that user explicitly; the request middleware only covers what no service
wrote (the admin's inline rows).
"""

from collections.abc import Iterable, Sequence

from simple_history.utils import bulk_update_with_history


def attribute(instance, *, by, reason: str | None = None):
    """Attribute the next history row of ``instance`` to ``by``, with the reason the change required."""
    instance._history_user = by
    instance._change_reason = reason or None
    return instance


def attribute_all(instances: Iterable, *, by, reason: str | None = None) -> list:
    """Attribute the next history row of each instance."""
    return [attribute(instance, by=by, reason=reason) for instance in instances]


def save_all(instances: Sequence, fields: list[str], *, by, reason: str | None = None) -> None:
    """Save ``fields`` of many rows of one model in one UPDATE, with a history row each (no QuerySet.update)."""
    if instances:
        model = type(instances[0])
        bulk_update_with_history(instances, model, fields, default_user=by, default_change_reason=reason or None)
