"""The page of an official document: letterhead, QR code, tables and signature lines, on fpdf2.

fpdf2 is imported when the first document is drawn, never when the app starts. The core
Helvetica font needs no font file, so text is written in Latin-1 (Indonesian names are):
typographic marks become their plain forms and anything else a "?"; the stored data keeps the
original text.
"""

import datetime

PLAIN = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2192": "->",
    }
)
FONT = "helvetica"
BLANK_NIP = "NIP. " + "." * 36
MARGIN = 18


def latin1(text) -> str:
    """Text as the core font can write it."""
    return str(text or "").translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def score_text(value: str | None) -> str:
    """ "85.20" as an Indonesian reader writes it: 85,20; no result is a dash."""
    return "-" if value is None else value.replace(".", ",")


class Page:
    """One document being drawn; ``output()`` gives its bytes, the same bytes for the same data."""

    def __init__(self, data: dict):
        from fpdf import FPDF  # heavy: loaded on the first document, not at start-up

        self.data = data
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=22)
        # Fixed metadata: the PDF's date is the issue time recorded in the data, so the bytes are reproducible.
        pdf.set_creation_date(datetime.datetime.fromisoformat(data["issued_at"]))
        pdf.set_title(latin1(data["title"]))
        pdf.set_author(latin1(data["letterhead"]["organiser"]))
        pdf.set_subject(latin1(f"{data['title']} - v{data['version']} - {data['verification_code']}"))
        pdf.alias_nb_pages()
        pdf.footer = self.footer
        self.pdf = pdf
        pdf.add_page()

    @property
    def width(self) -> float:
        return self.pdf.epw

    def footer(self):
        pdf = self.pdf
        pdf.set_y(-15)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(80, 80, 80)
        text = (
            f"Versi {self.data['version']} - Kode verifikasi {self.data['verification_code']} - "
            f"periksa keasliannya di {self.data['verify_url']}"
        )
        pdf.cell(self.width - 20, 4, latin1(text))
        pdf.cell(20, 4, f"{pdf.page_no()}/{{nb}}", align="R")
        pdf.set_text_color(0, 0, 0)

    def letterhead(self):
        pdf, head = self.pdf, self.data["letterhead"]
        qr_size = self.qr(self.data["verify_url"], x=pdf.w - MARGIN - 24, y=MARGIN - 4, size=24)
        pdf.set_x(MARGIN)
        width = self.width - qr_size - 4
        if head["government"]:
            pdf.set_font(FONT, "B", 11)
            pdf.cell(width, 6, latin1(head["government"]), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(width, 6, latin1(head["name"]), align="C", new_x="LMARGIN", new_y="NEXT")
        if head["address"]:
            pdf.set_font(FONT, "", 8)
            pdf.cell(width, 5, latin1(head["address"]), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), MARGIN + qr_size - 2) + 2)
        pdf.set_line_width(0.6)
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.ln(1)
        pdf.set_font(FONT, "", 7)
        pdf.cell(0, 4, latin1(f"Kode verifikasi: {self.data['verification_code']}"), align="R")
        pdf.ln(6)

    def qr(self, text: str, *, x: float, y: float, size: float) -> float:
        """Draw the QR code as filled squares (vector, no image); return its size."""
        import segno  # heavy enough to load only when a document is drawn

        matrix = segno.make(text, error="m").matrix
        module = size / len(matrix)
        self.pdf.set_fill_color(0, 0, 0)
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                if dark:
                    self.pdf.rect(x + column * module, y + row * module, module, module, style="F")
        return size

    def title(self, title: str, subtitle: str = ""):
        pdf = self.pdf
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 7, latin1(title), align="C", new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5, latin1(subtitle), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    def heading(self, text: str):
        pdf = self.pdf
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, size: float = 10):
        self.pdf.set_font(FONT, "", size)
        self.pdf.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def facts(self, rows: list[tuple[str, str]]):
        pdf = self.pdf
        for label, value in rows:
            pdf.set_font(FONT, "", 10)
            pdf.cell(40, 5, latin1(label))
            pdf.multi_cell(0, 5, latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(self, headings: list[str], rows: list[list[str]], widths: list[float], *, line_height: float = 5):
        """A bordered table whose rows grow with their text; the heading repeats on each page."""
        pdf = self.pdf
        total = sum(widths)
        widths = [w * self.width / total for w in widths]
        pdf.set_font(FONT, "", 8.5)
        with pdf.table(
            col_widths=widths,
            line_height=line_height,
            text_align="LEFT",
            first_row_as_headings=True,
            repeat_headings=1,
            headings_style=_bold(),
        ) as table:
            table.row([latin1(h) for h in headings])
            for row in rows:
                table.row([latin1(cell) for cell in row])
        pdf.ln(2)

    def place_and_date(self, line: str, *, signers: int = 1):
        """The line above the signatures, kept on the page that holds them when they fit on one."""
        pdf = self.pdf
        needed = min(14 + 13 * signers, pdf.h - 2 * MARGIN - 30)
        if pdf.will_page_break(needed):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, "", 10)
        pdf.cell(0, 5, latin1(line), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def signatures(self, panel: list[dict]):
        """One row per person: name, NIP (or a line to write it on), role, and the space to sign."""
        rows = [
            [str(n), f"{p['name']}\n{'NIP. ' + p['nip'] if p['nip'] else BLANK_NIP}", p["role"], f"{n}.\n\n"]
            for n, p in enumerate(panel, start=1)
        ]
        self.table(["No.", "Nama / NIP", "Peran", "Tanda tangan"], rows, [8, 70, 40, 42], line_height=6)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _bold():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
