"""The organiser's workspace: one module per page family (cohorts, import, invitations, assignments,
seminars, overview)."""
