"""Run the import benchmark in a database of its own; see bench.imports."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.standalone import configure

configure("bench-imports-")

from bench.imports.measure import main  # noqa: E402  (models can be imported only once Django is set up)

main()
