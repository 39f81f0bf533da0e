"""How amounts and identifiers are printed for Indonesian readers."""


def rupiah(amount: int | None) -> str:
    """Format whole rupiah with dots between thousands: 3800000 -> 'Rp 3.800.000'."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")


def roman(number: int) -> str:
    """A cohort's number as Indonesian documents write it: 22 → XXII."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)
