"""Backup and restore: the database and the evidence files in one verified tar.gz (manage.py backup / restore)."""
