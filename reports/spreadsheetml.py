"""The few SpreadsheetML parts of a one-sheet workbook, written as text: the fixed parts whole, the sheet row by row.

Only what an export needs: inline strings (no shared-string table, which would have to be
complete before the sheet could be sent), a style per number format, a bold header, a frozen
first row and column widths. Dates are serial days of the 1900 system with a date format.
"""

import datetime
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from .cells import FORMULA_STARTS, as_text, local
from .tables import Column, Kind

XLSX_MAX_TEXT = 32767
# Characters XML 1.0 cannot carry (control characters but tab, LF and CR; lone surrogates; U+FFFE/F).
ILLEGAL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = f"""{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""

ROOT_RELS = f"""{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">\
<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>"""

WORKBOOK_RELS = f"""{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">\
<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>\
</Relationships>"""

# Number formats: built-in ids where Excel has the format (1 = "0", 2 = "0.00"), custom ones from 164.
# [$-421] is Indonesian: a month column reads "Januari 2026" whatever language Excel itself speaks.
CUSTOM_FORMATS = {164: '"Rp "#,##0', 165: "0.0", 166: "dd-mm-yyyy", 167: "dd-mm-yyyy hh:mm", 168: "[$-421]mmmm yyyy"}
# Cell styles (cellXfs), in order: (number format id, bold font, quote prefix).
STYLES = [(0, False, False), (0, True, False), (1, False, False), (164, False, False), (165, False, False)]
STYLES += [(2, False, False), (166, False, False), (167, False, False), (0, False, True), (168, False, False)]
HEADER, TEXT_QUOTED, DATE, DATETIME, MONTH = 1, 8, 6, 7, 9
NUMBER_STYLES = {Kind.INTEGER: 2, Kind.RUPIAH: 3, Kind.PERCENT: 4, Kind.DECIMAL: 5}
WHOLE = (Kind.INTEGER, Kind.RUPIAH)


def styles_xml() -> str:
    formats = "".join(f'<numFmt numFmtId="{n}" formatCode={quoteattr(code)}/>' for n, code in CUSTOM_FORMATS.items())
    xfs = "".join(
        f'<xf numFmtId="{number}" fontId="{int(bold)}" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"' if number else "")
        + (' applyFont="1"' if bold else "")
        + (' quotePrefix="1"' if quoted else "")
        + "/>"
        for number, bold, quoted in STYLES
    )
    return (
        f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="{len(CUSTOM_FORMATS)}">{formats}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(STYLES)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def workbook_xml(title: str) -> str:
    return (
        f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def column_letter(index: int) -> str:
    """A, B, …, Z, AA, … for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sheet_head(widths: list[int]) -> str:
    """The sheet up to its data: a frozen first row and the column widths."""
    cols = "".join(
        f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
        for index, width in enumerate(widths, start=1)
    )
    return (
        f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
    )


SHEET_TAIL = "</sheetData></worksheet>"
EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's 1900 system (with its phantom 29 February 1900)
ORDINAL_EPOCH = EPOCH.toordinal()


def text_cell(ref: str, value: str, style: int = 0) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_TEXT]
    if not text:
        return ""
    if style == 0 and text.startswith(FORMULA_STARTS):
        style = TEXT_QUOTED  # a string with a quote prefix: it stays text when the cell is edited
    text = escape(text)
    if "\r" in text:
        text = text.replace("\r", "&#13;")  # a literal CR would be read back as LF
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def cell(ref: str, kind: Kind, value) -> str:
    """One ``<c>``: a number with its column's format, a date as a serial day, or inline text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return text_cell(ref, value)
    if isinstance(value, bool):
        return text_cell(ref, as_text(value))
    if isinstance(value, int | float | Decimal):
        if not isinstance(value, int) and not math.isfinite(value):
            return ""  # NaN and infinities have no cell value
        if isinstance(value, int) or kind in WHOLE:
            number = str(int(value))
        else:
            number = format(value, "f") if isinstance(value, Decimal) else repr(float(value))
        style = NUMBER_STYLES.get(kind)
        return f'<c r="{ref}" s="{style}"><v>{number}</v></c>' if style else f'<c r="{ref}"><v>{number}</v></c>'
    if isinstance(value, datetime.datetime):
        value = local(value)
        if kind == Kind.DATE:
            return f'<c r="{ref}" s="{DATE}"><v>{value.toordinal() - ORDINAL_EPOCH}</v></c>'
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        serial = value.toordinal() - ORDINAL_EPOCH + seconds / 86400
        return f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>'
    if isinstance(value, datetime.date):
        style = MONTH if kind == Kind.MONTH else DATE
        return f'<c r="{ref}" s="{style}"><v>{value.toordinal() - ORDINAL_EPOCH}</v></c>'
    return text_cell(ref, as_text(value))


def sheet_rows(columns: list[Column], rows: Iterable[dict], *, batch: int = 200) -> Iterator[str]:
    """The header row and then the data rows, ``batch`` rows to a string."""
    letters = [column_letter(index) for index in range(len(columns))]
    header = "".join(text_cell(f"{letter}1", str(c.header), HEADER) for letter, c in zip(letters, columns, strict=True))
    yield f'<row r="1">{header}</row>'
    plan = [(letter, column.key, column.kind) for letter, column in zip(letters, columns, strict=True)]
    lines = []
    for number, row in enumerate(rows, start=2):
        get = row.get
        cells = "".join([cell(f"{letter}{number}", kind, get(key)) for letter, key, kind in plan])
        lines.append(f'<row r="{number}">{cells}</row>')
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)
