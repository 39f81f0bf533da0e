"""What the demo panel writes: remarks on indicators, innovation verdicts, feedback and its follow-up notes.

``{acronym}``, ``{agency}`` and ``{government}`` are filled in per project.
"""

# Remarks by the position of the indicator in the design rubric: (for a strong score, for a weak one).
INDICATOR_REMARKS = [
    ("Area perubahan tepat sasaran pada isu strategis daerah.", "Kaitkan area perubahan dengan isu strategis RPJMD."),
    ("Kondisi awal didukung data yang jelas.", "Data kondisi awal belum ada; tambahkan angka dasar."),
    ("Terobosan baru dan dapat direplikasi.", "Terobosan belum tampak berbeda dari kegiatan rutin."),
    ("Manfaat langsung dirasakan masyarakat.", "Manfaat bagi masyarakat belum diukur."),
    ("Milestone terukur per horizon.", "Milestone jangka menengah belum terukur; tambahkan target triwulan."),
    ("Selaras dengan Renstra instansi.", "Belum terlihat di Renstra dan Renja instansi."),
    ("Pemetaan stakeholder lengkap dengan strateginya.", "Stakeholder yang berpengaruh negatif belum dipetakan."),
    ("Sumber anggaran sudah teridentifikasi.", "Anggaran belum tercermin dalam DPA; pastikan masuk tahun depan."),
    ("Rencana pengembangan kompetensi tim konkret.", "Rencana pelatihan tim masih umum."),
]
GENERIC_REMARKS = ("Baik, pertahankan.", "Perlu diperdalam sebelum seminar hasil.")

INNOVATION_REASONS = [
    "Terobosan baru bagi {agency}: mengubah cara layanan diberikan dan dapat direplikasi ke OPD lain.",
    "{acronym} menyelesaikan masalah nyata dengan cara baru; dampaknya terukur dan berkelanjutan.",
    "Inovasi layak dipercepat ke seluruh OPD; sesuai dengan sistem yang sudah ada.",
]
ROUTINE_REASONS = [
    "Yang diusulkan sudah menjadi tugas pokok unit; belum ada perubahan cara kerja yang berarti (proyek rutinitas).",
    "Kegiatan ini pengadaan dan sosialisasi biasa; terobosannya belum terlihat.",
]

EXAMINER_LEFT_REASON = (
    "Penguji meninggalkan ruang sebelum paparan peserta ini karena dipanggil rapat mendadak oleh "
    "Sekretaris Daerah; hasil peserta dihitung dari penguji yang hadir."
)
REOPEN_REASON = (
    "Koreksi nilai: satu nilai penguji salah dimasukkan dari lembar penilaian manual; "
    "dibuka kembali atas permintaan penguji."
)
SCORE_CORRECTION_REASON = "Salah input dari lembar penilaian manual; nilai yang benar {value}."
SCORE_FIX_BEFORE_RELEASE = "Dikoreksi setelah tanya jawab."

# Feedback texts by category; examiners and mentors say the same kinds of things.
FEEDBACK = {
    "scope": [
        "Jangan berhenti di rencana: harus ada implementasi nyata di setiap unit layanan {agency}.",
        "Batasi uji coba {acronym} pada satu unit percontohan, lalu ukur hasilnya sebelum diperluas.",
    ],
    "stakeholders": [
        "Libatkan Bappeda dan BPKAD sejak awal; mereka menentukan anggaran {acronym} tahun depan.",
        "Petakan pihak yang menolak {acronym} dan siapkan strategi komunikasi untuk mereka.",
    ],
    "sustainability": [
        "Tetapkan {acronym} dengan Keputusan Kepala Daerah agar tidak bergantung pada orang tertentu.",
        "Masukkan indikator {acronym} ke dalam sasaran kinerja pegawai agar keberlanjutannya terjaga.",
    ],
    "rollout": [
        "Percepat {acronym} ke seluruh OPD {government}.",
        "Siapkan paket replikasi {acronym} (SOP, modul, aplikasi) untuk kabupaten/kota lain.",
    ],
    "other": [
        "Buat pengendalian setiap proyek perubahan: dasbor capaian bulanan yang dilaporkan ke mentor.",
        "Dokumentasikan pembelajaran tim {acronym} dan bagikan dalam forum berbagi pengetahuan.",
    ],
}
BUDGET_FEEDBACK = {
    "next_year": "Biaya penerapan {acronym} di seluruh unit harus masuk DPA {year} agar benar-benar dapat berjalan.",
    "this_year": "Anggarkan uji coba {acronym} dalam DPPA {year} (APBD Perubahan); jangan menunggu tahun depan.",
}
OWNERS = {
    "budget": "Peserta bersama Subbagian Perencanaan dan Keuangan",
    "stakeholders": "Peserta dan tim efektif",
    "sustainability": "Peserta, disetujui mentor",
}
OWNER_DEFAULT = "Peserta (project leader)"

NOTES = {
    "accepted": "Diterima; masuk rencana kerja tim.",
    "in_progress": "Sedang dikerjakan bersama tim efektif.",
    "implemented": "Sudah dilaksanakan; bukti terlampir.",
    "verified": "Sudah diperiksa: sesuai dengan yang diminta.",
    "rejected": "Bukti belum menunjukkan pelaksanaan di semua unit; lengkapi dan laporkan kembali.",
    "resumed": "Dilengkapi sesuai catatan penguji.",
    "budget_rejected": "DPA yang dilampirkan masih rancangan dan belum ada realisasi; laporkan setelah ditetapkan.",
}
