"""The REST API of seminars, scoring and feedback, and their admin."""
