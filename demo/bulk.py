"""get_or_create for many rows at once: find them by natural key, insert only the missing ones."""

from collections.abc import Iterable, Sequence

from django.db.models import Model


def ensure_all(model: type[Model], keys: Sequence[str], rows: Iterable[Model]) -> dict[tuple, Model]:
    """Return the stored row for each natural key, creating the missing ones in one insert.

    ``keys`` are attribute names (``user_id``, ``role``…); existing rows are left untouched.
    """

    def key(obj: Model) -> tuple:
        return tuple(getattr(obj, name) for name in keys)

    wanted = {key(obj): obj for obj in rows}
    if not wanted:
        return {}
    first_values = {k[0] for k in wanted}

    def stored() -> dict[tuple, Model]:
        found = model._default_manager.filter(**{f"{keys[0]}__in": first_values})
        return {key(obj): obj for obj in found if key(obj) in wanted}

    existing = stored()
    missing = [obj for k, obj in wanted.items() if k not in existing]
    if not missing:
        return existing
    model._default_manager.bulk_create(missing)
    return stored()
