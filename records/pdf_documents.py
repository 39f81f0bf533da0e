"""The three official documents of a session, drawn from their stored data alone."""

import datetime

from .dates import day_and_date, long_date, place_and_date
from .pdf_page import Page, score_text

VERDICTS = {"innovation": "Inovasi", "routine": "Rutinitas"}
PASSING = {True: "Lulus", False: "Tidak lulus", None: "-"}


def render(data: dict) -> bytes:
    """The PDF of one document (``data["kind"]``: minutes, recap or sheet)."""
    page = Page(data)
    page.letterhead()
    DRAWERS[data["kind"]](page, data)
    signers = data["panel"] if data["kind"] != "recap" else _signers(data)
    away = _absent_from_session(data)
    signers = [p for p in signers if p["user_id"] not in away]
    page.place_and_date(place_and_date(data["letterhead"]["city"], _date(data)), signers=len(signers))
    page.signatures(signers)
    return page.output()


def _date(data) -> datetime.date:
    return datetime.date.fromisoformat(data["document_date"])


def _absent_from_session(data) -> set[int]:
    """Members recorded absent from the whole session: listed in the panel, with no signature line."""
    return {a["member_id"] for a in data.get("absences") or [] if a.get("member_id") and a["presentation_id"] is None}


def _replaces(page: Page, data: dict):
    """A later version says which one it replaces, by its code, and why the session was reopened."""
    replaced = data.get("supersedes")
    if not replaced:
        return
    text = f"Versi {data['version']}"
    if replaced.get("code"):
        text += f", menggantikan versi {replaced['version']} (kode {replaced['code']})"
    text += "."
    if replaced.get("reopened_reason"):
        text += f" Alasan sesi dibuka kembali: {replaced['reopened_reason']}"
    page.paragraph(text)


def _signers(data) -> list[dict]:
    return [p for p in data["panel"] if {"chair", "examiner"} & set(p["roles"])]


def _who(person: dict) -> str:
    return f"{person['name']}\nNIP. {person['nip']}" if person["nip"] else person["name"]


def _verdicts(row: dict, *, reasons: bool = False) -> str:
    if not row["verdicts"]:
        return "-"
    return "\n".join(
        f"{VERDICTS.get(v['verdict'], v['verdict'])} ({v['examiner']}{': ' + v['reason'] if reasons else ''})"
        for v in row["verdicts"]
    )


def _results_table(page: Page, data: dict):
    rows = [
        [
            str(row["order"]),
            _who(row),
            row["project"] or "-",
            score_text(row["final"]),
            row["predicate"] or "-",
            _verdicts(row),
        ]
        for row in data["participants"]
    ]
    page.table(
        ["No.", "Peserta", "Judul proyek", "Nilai akhir", "Predikat", "Inovasi / rutinitas"],
        rows,
        [8, 48, 40, 16, 29, 33],
    )


def _absences(page: Page, data: dict):
    absences = data.get("absences") or []
    if absences:
        page.heading("Ketidakhadiran")
        page.table(
            ["Nama", "Sebagai", "Alasan"],
            [[a.get("name", ""), a.get("role", ""), a.get("reason", "")] for a in absences],
            [50, 30, 80],
        )


def _feedback(page: Page, data: dict, *, with_participant: bool = True):
    page.heading("Masukan panel")
    if not data["feedback"]:
        page.paragraph("Tidak ada masukan yang dicatat dalam sesi ini.")
        return
    rows = []
    for item in data["feedback"]:
        text = item["text"]
        if item["budget"]:
            text += f"\nAnggaran: {item['budget']}"
        if item["milestone"]:
            text += f"\nTonggak: {item['milestone']}"
        due = long_date(datetime.date.fromisoformat(item["due_date"]))
        row = [item["category"], text, f"{item['owner']}\n{due}", item["given_by"]]
        rows.append([item["participant"], *row] if with_participant else row)
    headings = ["Kategori", "Masukan", "Penanggung jawab / tenggat", "Dari"]
    widths = [20, 70, 34, 30]
    if with_participant:
        headings, widths = ["Peserta", *headings], [30, *widths]
    page.table(headings, rows, widths)


def _opening(data: dict) -> str:
    session = data["session"]
    day = day_and_date(datetime.date.fromisoformat(session["date"]))
    return (
        f"Pada hari {day}, pukul {session['time']}, bertempat di {session['place'] or '-'}, telah dilaksanakan "
        f"{data['seminar']} {data['cohort']}, {session['name']}, oleh panel yang tersebut di bawah ini. "
        f"Peserta memaparkan proyek perubahannya menurut urutan, dan panel menilainya dengan rubrik {data['rubric']}."
    )


def minutes(page: Page, data: dict):
    page.title("BERITA ACARA", f"{data['seminar']}\n{data['cohort']} - {data['session']['name']}")
    _replaces(page, data)
    page.paragraph(_opening(data))
    page.heading("Panel")
    page.table(
        ["No.", "Nama / NIP", "Peran"],
        [[str(n), _who(p), p["role"]] for n, p in enumerate(data["panel"], 1)],
        [8, 100, 52],
    )
    page.heading("Peserta dan hasil penilaian")
    _results_table(page, data)
    _absences(page, data)
    _feedback(page, data)
    page.paragraph(
        f"Sesi ditetapkan dan hasilnya diumumkan pada {data['finalised_at']} oleh {data['finalised_by'] or '-'}. "
        "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya."
    )


def recap(page: Page, data: dict):
    page.title("REKAPITULASI NILAI", f"{data['seminar']}\n{data['cohort']} - {data['session']['name']}")
    _replaces(page, data)
    rows = []
    for row in data["participants"]:
        scorers = "\n".join(f"{s['name']} ({s['role']}): {score_text(s['total'])}" for s in row["scorers"]) or "-"
        rows.append(
            [str(row["order"]), _who(row), scorers, score_text(row["final"]), row["predicate"] or "-", _verdicts(row)]
        )
    page.table(
        ["No.", "Peserta", "Nilai per penilai", "Nilai akhir", "Predikat", "Inovasi / rutinitas"],
        rows,
        [8, 46, 50, 16, 29, 27],
    )
    _absences(page, data)
    page.paragraph(f"Rubrik: {data['rubric']}. Ditetapkan pada {data['finalised_at']}.", size=9)


def sheet(page: Page, data: dict):
    row = data["participants"][0]
    page.title("LEMBAR HASIL PENILAIAN", f"{data['seminar']}\n{data['cohort']} - {data['session']['name']}")
    _replaces(page, data)
    page.facts(
        [
            ("Nama", row["name"]),
            ("NIP", row["nip"] or "-"),
            ("Judul proyek", row["project"] or "-"),
            ("Tanggal seminar", long_date(datetime.date.fromisoformat(data["session"]["date"]))),
        ]
    )
    page.heading("Nilai")
    page.table(
        ["Penilai", "Peran", "Nilai"],
        [[s["name"], s["role"], score_text(s["total"])] for s in row["scorers"]],
        [80, 40, 40],
    )
    page.facts(
        [
            ("Nilai akhir", score_text(row["final"])),
            ("Predikat", row["predicate"] or "-"),
            ("Keterangan", PASSING[row["passing"]]),
        ]
    )
    page.heading("Inovasi atau rutinitas")
    page.paragraph(_verdicts(row, reasons=True))
    _absences(page, data)
    _feedback(page, data, with_participant=False)


DRAWERS = {"minutes": minutes, "recap": recap, "sheet": sheet}
