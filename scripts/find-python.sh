#!/usr/bin/env bash
# Print the path of the first Python >= 3.12 (Django 6.1 needs it), or explain what to install.
# pyenv's python3.12 shims can fail while the interpreter itself works, so its versions are
# looked up by path as well.
set -u
for c in python3.14 python3.13 python3.12 python3; do
  p=$(command -v "$c" 2>/dev/null) && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$p"; exit 0; }
done
for root in "${PYENV_ROOT:-}" "$HOME/.pyenv"; do
  [ -n "$root" ] || continue
  for p in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    "$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$p"; exit 0; }
  done
done
echo "Python 3.12 or newer is required (Django 6.1). Install it, e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.12', then run this again." >&2
exit 1
