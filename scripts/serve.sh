#!/usr/bin/env bash
# `make serve`: the app as production runs it, under gunicorn (deploy/gunicorn.conf.py), on PostgreSQL.
# Needs DATABASE_URL=postgres://…, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; sets DJANGO_DEBUG=0.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

refuse() { echo "make serve: $*" >&2; exit 2; }

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  "") refuse "DATABASE_URL is not set. Production runs on PostgreSQL: DATABASE_URL=postgres://user:pass@host:5432/db (for SQLite and the demo data, use make run)." ;;
  *) refuse "DATABASE_URL is not PostgreSQL (${DATABASE_URL%%:*}). Production runs on PostgreSQL; for SQLite, use make run." ;;
esac
[ -n "${DJANGO_SECRET_KEY:-}" ] \
  || refuse "DJANGO_SECRET_KEY is not set. Generate one: $PY -c 'import secrets; print(secrets.token_urlsafe(50))'"
if [ "${DJANGO_DEBUG:-0}" != 0 ]; then
  refuse "DJANGO_DEBUG=${DJANGO_DEBUG} would serve debug pages to the public; unset it or set it to 0."
fi
[ -n "${DJANGO_ALLOWED_HOSTS:-}" ] \
  || refuse "DJANGO_ALLOWED_HOSTS is not set: with debug off Django answers 400 to every host it is not told about (e.g. DJANGO_ALLOWED_HOSTS=tracker.example.go.id)."
export DJANGO_DEBUG=0

"$PY" manage.py prepare_serve
exec "$(dirname "$PY")/gunicorn" -c deploy/gunicorn.conf.py diklat.wsgi:application
