"""Admin for change projects, their plan, progress and budget.

The submodules register their model admins with the admin site on import.
"""

from . import budget, change_projects, design, progress  # noqa: F401
