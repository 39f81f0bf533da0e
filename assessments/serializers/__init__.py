"""Shapes of assessments in the REST API: types and output only; who may do what, and every write, is in services."""
