"""Reading the uploaded file: what is not a spreadsheet, or lacks columns, is refused with the reason."""

import pytest

from organise.imports.reading import FileProblem, read_spreadsheet
from tests.organise.import_fixtures import HEADINGS, as_list, csv_file, person, xlsx_file


def problem(content: bytes) -> str:
    with pytest.raises(FileProblem) as refused:
        read_spreadsheet("peserta.csv", content)
    return str(refused.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
        (b"PK\x03\x04" + b"\x00" * 100, "not a spreadsheet"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(content, message):
    assert message in problem(content)


def test_a_zip_that_is_not_a_workbook_is_refused():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a spreadsheet" in problem(out.getvalue())


def test_missing_and_unknown_columns_are_named():
    message = problem(b"Nama;NIP;Jabatn;Email\nA;1;x;a@b.id\n")
    assert "“Jenis Jabatan”" in message and "“Instansi”" in message and "“Pemerintah Daerah”" in message
    assert "“Jabatan”" in message
    assert "Columns not recognised: “Jabatn”" in message


def test_a_column_given_twice_is_named():
    assert "appear twice: “E-mail”" in problem(csv_file([person(1)], headings=[*HEADINGS, "E-mail"]))


def test_headings_are_read_without_case_spacing_or_the_usual_other_names():
    headings = [f" {h.upper()} " for h in HEADINGS]
    headings[HEADINGS.index("Telepon")] = "No. HP"
    headings[HEADINGS.index("Email")] = "E-mail:"
    content = ";".join(headings) + "\n" + ";".join(as_list(person(1))) + "\n"
    rows = read_spreadsheet("p.csv", content.encode()).rows
    assert rows[0][1]["name"].text == "Peserta Impor 1"
    assert rows[0][1]["phone"].text == "0812 3456 7890"
    assert rows[0][1]["email"].text == "peserta1@gowa.example.go.id"


def test_an_extra_column_is_left_out_with_a_notice():
    row = {**person(1), "Catatan": "x"}
    read = read_spreadsheet("p.csv", csv_file([row], headings=[*HEADINGS, "Catatan"]))
    assert read.notices == ["Columns not recognised, left out: “Catatan”."]


def test_ten_thousand_rows_are_refused_with_the_count():
    assert "10,000 rows" in problem(csv_file([person(n % 50) for n in range(10_000)]))


def test_headings_without_rows_are_refused():
    assert "no rows of data" in problem(csv_file([]))


def test_an_excel_ansi_csv_is_read():
    content = csv_file([person(1, Nama="Andi Mappanyukki")]).decode("utf-8-sig").encode("cp1252")
    assert read_spreadsheet("p.csv", content.replace(b"Andi", b"\xc9di")).rows[0][1]["name"].text == "Édi Mappanyukki"


def test_an_xlsx_is_read_with_the_kinds_of_its_cells():
    row = as_list(person(1))
    row[HEADINGS.index("Telepon")] = 81234567890
    read = read_spreadsheet("p.xlsx", xlsx_file([row]))
    ((line, cells),) = read.rows
    assert line == 2
    assert cells["phone"].kind == "number" and cells["phone"].text == "81234567890"
    assert cells["nip"].kind == "text"
