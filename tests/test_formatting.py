import pytest

from diklat.formatting import rupiah


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(3_800_000, "Rp 3.800.000"), (0, "Rp 0"), (999, "Rp 999"), (1_000, "Rp 1.000"), (None, "—"), (-5000, "-Rp 5.000")],
)
def test_rupiah_uses_dots_between_thousands(amount, shown):
    assert rupiah(amount) == shown
