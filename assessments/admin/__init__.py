"""Admin for rubrics, predicate bands, seminars, scores and feedback.

Scores, their audit trail and feedback statuses change only through the services (the pages
and the API), so they are read-only here. Non-superusers see only the seminars, sessions,
scores and feedback of their scope (the ``visible_to`` querysets). The submodules register
their model admins with the admin site on import.
"""

from . import bands, feedback, rubrics, scores, seminars  # noqa: F401
