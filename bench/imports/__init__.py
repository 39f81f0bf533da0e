"""The participant import at the size of a large cohort file (500 rows), against a floor that reads the
same file and stores its rows unchecked: how much the checks cost, and that they cost a fixed number of
queries whatever the size. `make bench-imports` (BENCH_ARGS="--rows 2000 --repeat 9")."""
