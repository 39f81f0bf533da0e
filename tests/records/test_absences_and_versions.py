"""The records agree with the absences: who signs which sheet; a later version names the one it replaces and why."""

import pytest
from django.utils import timezone

from assessments import services
from assessments.absences import record_absence
from records.models import OfficialDocument
from tests.records.conftest import documents_of, flat, pdf_bytes, pdf_text
from tests.records.test_verify import upload

REASON = "Dipanggil pimpinan sebelum peserta kedua."


def signatures(document) -> str:
    text = flat(pdf_text(document))
    return text[text.index("Tanda tangan") :]


@pytest.fixture
def one_left_early(
    session,
    presentation,
    other_presentation,
    chair,
    examiner_one,
    examiner_two,
    full_scores,
    mentor,
    coach,
    letterhead,
):
    """The second examiner scores the first participant, then leaves: absent for the second, with a reason."""
    other_guides = [a.user for a in other_presentation.enrolment.assignments.all()]
    for scorer in (chair, examiner_one, examiner_two, mentor, coach):
        services.score_presentation(presentation, by=scorer, scores=full_scores(90, 90, 90, 90))
    record_absence(
        session, by=chair, kind="member", member=examiner_two, presentation=other_presentation, reason=REASON
    )
    for scorer in (chair, examiner_one, *other_guides):
        services.score_presentation(other_presentation, by=scorer, scores=full_scores(80, 80, 80, 80))
    services.finalise_session(session, by=chair)
    return session


def test_a_result_sheet_is_not_signed_by_a_member_absent_for_that_participant(
    one_left_early, other_presentation, examiner_one, examiner_two
):
    sheet = documents_of(one_left_early, "sheet").get(presentation=other_presentation)

    signed = signatures(sheet)
    assert examiner_two.get_full_name() not in signed
    assert examiner_one.get_full_name() in signed
    assert REASON in flat(pdf_text(sheet))  # the sheet says why he is missing


def test_the_member_signs_the_sheet_of_the_participant_they_scored(one_left_early, presentation, examiner_two):
    sheet = documents_of(one_left_early, "sheet").get(presentation=presentation)

    assert examiner_two.get_full_name() in signatures(sheet)


def test_the_minutes_still_list_the_whole_panel_and_the_absence_with_its_reason(one_left_early, examiner_two):
    minutes = documents_of(one_left_early, "minutes").get()
    text = flat(pdf_text(minutes))

    panel = text[text.index("Panel") : text.index("Peserta dan hasil penilaian")]
    assert examiner_two.get_full_name() in panel
    assert "Ketidakhadiran" in text and REASON in text
    assert examiner_two.get_full_name() in signatures(minutes)  # present for the rest of the session


def test_a_member_absent_from_the_whole_session_is_listed_but_signs_nothing(
    session,
    presentation,
    other_presentation,
    chair,
    examiner_one,
    examiner_two,
    full_scores,
    mentor,
    coach,
    letterhead,
):
    record_absence(session, by=chair, kind="member", member=examiner_two, reason="Sakit, surat dokter terlampir.")
    other_guides = [a.user for a in other_presentation.enrolment.assignments.all()]
    for target, guides in ((presentation, (mentor, coach)), (other_presentation, other_guides)):
        for scorer in (chair, examiner_one, *guides):
            services.score_presentation(target, by=scorer, scores=full_scores(85, 85, 85, 85))
    services.finalise_session(session, by=chair)

    minutes = documents_of(session, "minutes").get()
    text = flat(pdf_text(minutes))
    assert examiner_two.get_full_name() in text[: text.index("Peserta dan hasil penilaian")]
    for document in documents_of(session):
        assert examiner_two.get_full_name() not in signatures(document), document.kind


# --- a later version -----------------------------------------------------------------------------

REOPEN_REASON = "Nilai anggaran peserta pertama dikoreksi."


@pytest.fixture
def two_versions(finalised, chair, presentation, examiner_one, full_scores):
    services.reopen_session(finalised, by=chair, reason=REOPEN_REASON)
    services.score_presentation(presentation, by=examiner_one, scores=full_scores(85, 85, 85, 85), reason="Koreksi.")
    services.finalise_session(finalised, by=chair)
    return finalised


def test_each_version_2_document_names_the_version_it_replaces_by_its_code_and_why(two_versions):
    for new in documents_of(two_versions, version=2):
        old = OfficialDocument.objects.get(kind=new.kind, session=new.session, presentation=new.presentation, version=1)
        text = flat(pdf_text(new))

        assert f"Versi 2, menggantikan versi 1 (kode {old.verification_code})." in text, new.kind
        assert f"Alasan sesi dibuka kembali: {REOPEN_REASON}" in text
        assert new.data["supersedes"] == {"version": 1, "code": old.verification_code, "reopened_reason": REOPEN_REASON}


def test_a_first_version_replaces_nothing(finalised):
    for document in documents_of(finalised):
        assert "menggantikan" not in pdf_text(document)
        assert document.data["supersedes"] is None


def test_an_older_version_uploaded_on_the_newer_ones_page_is_named_as_such(client, two_versions):
    old = documents_of(two_versions, "minutes", 1).get()
    new = documents_of(two_versions, "minutes", 2).get()

    page = upload(client, new, pdf_bytes(old)).content.decode()

    assert "Another version of this document." in page
    superseded = timezone.localtime(old.superseded_at)  # as the page shows it, in the site's zone
    assert f"The file is version 1 of this same document, superseded on {superseded:%d-%m-%Y}:" in page
    assert f'href="{old.get_verify_url()}"' in page
    assert "a different one" not in page


def test_the_valid_version_uploaded_on_the_superseded_ones_page_says_it_replaces_it(client, two_versions):
    old = documents_of(two_versions, "minutes", 1).get()
    new = documents_of(two_versions, "minutes", 2).get()

    page = upload(client, old, pdf_bytes(new)).content.decode()

    assert "The file is version 2 of this same document, the valid one, which replaces this version:" in page
    assert f'href="{new.get_verify_url()}"' in page


def test_another_kind_of_document_is_still_a_different_document(client, two_versions):
    minutes = documents_of(two_versions, "minutes", 2).get()
    recap = documents_of(two_versions, "recap", 1).get()

    page = upload(client, minutes, pdf_bytes(recap)).content.decode()

    assert "a different one" in page and "Another version" not in page
