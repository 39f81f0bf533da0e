"""Shapes of innovations, rollout targets, adoptions and their evidence in the REST API.

They validate types and shape output only: every rule and every write is in rollout.services.
"""
