"""Invitations: an account made without a password gets a one-time, expiring link to set it."""
