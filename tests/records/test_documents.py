"""What finalising issues, and what the PDFs say when read back."""

import hashlib

from assessments import services
from assessments.absences import record_absence
from records.models import OfficialDocument
from records.pdf_documents import render
from tests.assessments.factories import PresentationFactory
from tests.records.conftest import documents_of, flat, pdf_bytes, pdf_text


def test_finalising_issues_the_minutes_the_recap_and_one_result_sheet_per_participant(finalised, scored):
    documents = documents_of(finalised)

    assert sorted(documents.values_list("kind", flat=True)) == ["minutes", "recap", "sheet", "sheet"]
    assert {d.presentation_id for d in documents.filter(kind="sheet")} == {p.pk for p in scored}
    assert set(documents.values_list("version", flat=True)) == {1}
    assert all(d.is_current for d in documents)


def test_the_stored_hash_is_the_hash_of_the_stored_file_read_after_read(finalised):
    for document in documents_of(finalised):
        first, second = pdf_bytes(document), pdf_bytes(document)
        assert first.startswith(b"%PDF-")
        assert hashlib.sha256(first).hexdigest() == document.sha256 == hashlib.sha256(second).hexdigest()
        assert document.size == len(first)


def test_the_verification_codes_are_unique_and_twelve_unambiguous_characters(finalised):
    codes = list(documents_of(finalised).values_list("verification_code", flat=True))

    assert len(set(codes)) == len(codes)
    assert all(len(code) == 12 and not set(code) & set("01OIL") for code in codes)


def test_the_minutes_carry_the_letterhead_and_the_place_and_date_line(finalised):
    text = pdf_text(documents_of(finalised, "minutes").get())

    assert "PEMERINTAH PROVINSI SULAWESI SELATAN" in text
    assert "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA" in text
    assert "BERITA ACARA" in text
    assert "Makassar, 2 Desember 2026" in text
    assert "Rabu, 2 Desember 2026, pukul 09:00 WITA" in text


def test_the_minutes_name_each_panel_member_with_nip_or_a_blank_line_and_role(finalised, examiner_two, mentor):
    text = pdf_text(documents_of(finalised, "minutes").get())

    assert "Penguji Satu\nNIP. 19701218 200003 1 001" in text
    assert "Penguji Dua\nNIP. ....." in text
    assert "Ketua, Penguji" in text
    assert mentor.get_full_name() in text and "Mentor" in text


def test_the_chair_who_also_examines_signs_once(finalised, chair):
    text = pdf_text(documents_of(finalised, "minutes").get())
    signatures = text[text.index("Tanda tangan") :]

    assert signatures.count(chair.get_full_name()) == 1


def test_the_minutes_list_participants_with_totals_predicates_and_verdicts(finalised, scored):
    text = flat(pdf_text(documents_of(finalised, "minutes").get()))
    first, second = (p.enrolment.participant.user.get_full_name() for p in scored)

    assert first in text and second in text
    assert "92,50" in text and "Sangat Memuaskan" in text  # 95·.3 + 95·.2 + 90·.4 + 90·.1
    assert "72,50" in text and "Cukup Memuaskan" in text  # 75·.3 + 70·.2 + 70·.4 + 80·.1
    assert "Inovasi (Penguji Satu)" in text
    assert "Rutinitas (Penguji Dua)" in text


def test_the_minutes_hold_the_feedback_given_in_the_session(finalised):
    text = pdf_text(documents_of(finalised, "minutes").get())

    assert "Anggaran harus masuk DPA tahun 2027." in text
    assert "30 Juni 2027" in text


def test_the_recap_lists_each_scorers_total(finalised, examiner_two):
    text = pdf_text(documents_of(finalised, "recap").get())

    assert "REKAPITULASI NILAI" in text
    assert "Penguji Dua (Penguji): 92,50" in text
    assert "Penguji Dua (Penguji): 72,50" in text


def test_a_result_sheet_shows_only_its_participant_and_their_feedback(finalised, scored):
    first, second = scored
    text = pdf_text(documents_of(finalised, "sheet").get(presentation=first))

    assert "LEMBAR HASIL PENILAIAN" in text
    assert first.enrolment.participant.user.get_full_name() in text
    assert first.enrolment.participant.nip_formatted in text
    assert second.enrolment.participant.user.get_full_name() not in text
    assert "92,50" in text and "Lulus" in text
    assert "Terobosan nyata." in text
    assert "Anggaran harus masuk DPA tahun 2027." in text
    other_text = pdf_text(documents_of(finalised, "sheet").get(presentation=second))
    assert "Anggaran harus masuk DPA" not in other_text


def test_a_result_sheet_is_signed_by_the_participants_own_mentor_not_another(finalised, scored, mentor, other_mentor):
    text = pdf_text(documents_of(finalised, "sheet").get(presentation=scored[0]))

    assert mentor.get_full_name() in text
    assert other_mentor.get_full_name() not in text


def test_each_pdf_prints_its_verification_code_and_address(finalised):
    for document in documents_of(finalised):
        text = pdf_text(document)
        assert document.verification_code in text
        assert f"/verify/{document.verification_code}/" in text.replace("\n", "")


def test_the_stored_data_renders_the_same_bytes_again(finalised):
    document = documents_of(finalised, "minutes").get()

    assert render(document.data) == pdf_bytes(document)


def test_the_title_names_no_participant(finalised, scored):
    names = [p.enrolment.participant.user.get_full_name() for p in scored]

    for document in OfficialDocument.objects.all():
        assert not any(name in document.title for name in names)


def test_finalising_through_the_api_issues_the_documents(api_client, scored, session, chair, letterhead):
    api_client.force_authenticate(chair)

    response = api_client.post(f"/api/sessions/{session.pk}/finalise/", {"acknowledge_flags": False}, format="json")

    assert response.status_code == 200
    assert documents_of(session).count() == 4


def test_finalising_through_the_session_page_issues_the_documents(client, scored, session, chair, letterhead):
    client.force_login(chair)

    response = client.post(f"/seminars/sessions/{session.pk}/finalise/")

    assert response.status_code == 302
    assert documents_of(session).count() == 4


def test_a_refused_finalising_issues_nothing(client, presentation, session, chair):
    client.force_login(chair)

    response = client.post(f"/seminars/sessions/{session.pk}/finalise/")

    assert response.status_code == 400
    assert not documents_of(session).exists()


def test_without_a_letterhead_the_heading_comes_from_the_organisers_region_and_name(scored, session, chair):
    services.finalise_session(session, by=chair)

    text = pdf_text(documents_of(session, "minutes").get())
    assert "PEMERINTAH PROVINSI SULAWESI SELATAN" in text
    assert session.seminar.cohort.organiser.name.upper() in text
    assert "Sulawesi Selatan, 2 Desember 2026" in text


def test_the_minutes_name_each_recorded_absence_with_its_reason(scored, session, chair, examiner_two, letterhead):
    extra = PresentationFactory(session=session, order=3)
    record_absence(
        session, by=chair, kind="participant", presentation=extra, reason="Sakit, surat keterangan dokter terlampir."
    )
    services.finalise_session(session, by=chair)
    minutes = documents_of(session, kind=OfficialDocument.Kind.MINUTES).get()
    text = flat(pdf_text(minutes))
    assert "Ketidakhadiran" in text
    assert extra.enrolment.participant.user.get_full_name() in text
    assert "Sakit, surat keterangan dokter terlampir." in text
    assert minutes.data["absences"][0]["presentation_id"] == extra.pk
