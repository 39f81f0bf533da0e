"""Admin for innovations, their rollout targets and adoptions, and government affairs.

Stages are read-only here: actions move them through rollout.services, which checks who may do it and
keeps the dated history. Non-superusers see only what they may report on, and change only what
``services.can_manage_rollout`` lets them. The submodules register their model admins with the
admin site on import.
"""

from . import adoptions, affairs, innovations  # noqa: F401
