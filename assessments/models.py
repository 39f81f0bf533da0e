"""Seminars, rubrics and scores: built in the seminars issue."""
