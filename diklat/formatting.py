"""How amounts and identifiers are printed for Indonesian readers."""


def rupiah(amount: int | None) -> str:
    """Format whole rupiah with dots between thousands: 3800000 -> 'Rp 3.800.000'."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
