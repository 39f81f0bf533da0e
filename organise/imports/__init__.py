"""Bulk import of a cohort's participants from a spreadsheet: read, check, commit, revert."""
