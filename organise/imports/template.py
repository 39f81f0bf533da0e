"""The spreadsheet template staff hand to the agencies: the headings, lists to pick from, NIP columns kept as text."""

import io

from django.utils.translation import gettext as _

from people.models import Rank

from .columns import COLUMNS

TEXT_COLUMNS = {"nip", "ni_pppk", "phone", "mentor_nip"}  # Excel would round an 18-digit number
ROWS_PREPARED = 500
POSITION_TYPE_LIST = ["JPT Madya", "JPT Pratama", "Administrator", "Pengawas", "Fungsional", "Pelaksana"]


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append([column.heading for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet.cell(row=1, column=index).font = Font(bold=True)
        if column.key in TEXT_COLUMNS:
            for row in range(2, ROWS_PREPARED + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    lists = {"rank": Rank.values, "position_type": POSITION_TYPE_LIST}
    for index, column in enumerate(COLUMNS, start=1):
        if column.key in lists:
            letter = get_column_letter(index)
            choices = workbook.create_sheet(f"Daftar {column.heading}".replace("/", " ")[:31])  # "/" is not allowed
            for value in lists[column.key]:
                choices.append([value])
            choices.sheet_state = "hidden"
            rule = DataValidation(
                type="list", formula1=f"'{choices.title}'!$A$1:$A${len(lists[column.key])}", allow_blank=True
            )
            rule.error, rule.errorTitle = _("Choose a value from the list."), column.heading
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{ROWS_PREPARED + 1}")
    example = workbook.create_sheet("Contoh")
    example.append([column.heading for column in COLUMNS])
    example.append([column.example for column in COLUMNS])
    guide = workbook.create_sheet("Petunjuk")
    for line in GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# Written in Indonesian whatever the interface language: the file goes to the agencies.
GUIDE = [
    "Petunjuk pengisian data peserta",
    "1. Satu baris untuk satu peserta; jangan mengubah judul kolom pada baris pertama.",
    "2. Kolom wajib: Nama, NIP (atau NI PPPK bagi PPPK), Jabatan, Jenis Jabatan, Instansi, Pemerintah Daerah, Email.",
    "3. NIP ditulis 18 digit sebagai teks (kolom sudah berformat Teks), boleh dengan spasi: 19780412 200312 1 004.",
    "4. Pangkat/Golongan seperti III/a atau IV/b; Eselon seperti II.a atau III.b.",
    "5. Pemerintah Daerah seperti 'Kabupaten Gowa', 'Kota Makassar' atau 'Provinsi Sulawesi Selatan'.",
    "6. Kolom mentor boleh dikosongkan; bila diisi, isi nama dan email atau NIP mentor.",
    "7. Lembar 'Contoh' menunjukkan satu baris terisi; hanya lembar pertama yang dibaca. Jangan gunakan rumus (=...).",
]
