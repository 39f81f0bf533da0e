"""Documents never change: reopening supersedes them, finalising again issues version 2."""

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from records import services as records_services
from records.models import OfficialDocument
from tests.records.conftest import documents_of, pdf_text


@pytest.fixture
def refinalised(finalised, chair, presentation, examiner_one, full_scores):
    services.reopen_session(finalised, by=chair, reason="Nilai anggaran dikoreksi.")
    services.score_presentation(
        presentation, by=examiner_one, scores=full_scores(85, 85, 85, 85), reason="Koreksi setelah rilis."
    )
    services.finalise_session(finalised, by=chair)
    return finalised


def test_reopening_marks_every_current_document_superseded_with_who_and_why(finalised, chair):
    services.reopen_session(finalised, by=chair, reason="Nilai anggaran dikoreksi.")

    documents = documents_of(finalised)
    assert documents.count() == 4
    assert not documents.current().exists()
    assert {(d.superseded_by, d.superseded_reason) for d in documents} == {(chair, "Nilai anggaran dikoreksi.")}


def test_finalising_again_issues_version_2_and_keeps_version_1(refinalised):
    first, second = documents_of(refinalised, version=1), documents_of(refinalised, version=2)

    assert first.count() == second.count() == 4
    assert not first.current().exists()
    assert second.current().count() == 4
    assert set(first.values_list("sha256", flat=True)).isdisjoint(second.values_list("sha256", flat=True))


def test_version_1_still_shows_the_old_result_and_version_2_the_corrected_one(refinalised, presentation):
    old = pdf_text(documents_of(refinalised, "sheet", 1).get(presentation=presentation))
    new = pdf_text(documents_of(refinalised, "sheet", 2).get(presentation=presentation))

    assert "Versi 1" in old and "Versi 2" in new
    # The examiners' mean: (92.50 + 92.50 + 92.50) / 3 before, (92.50 + 85.00 + 92.50) / 3 after.
    assert "Nilai akhir : 92,50" in old
    assert "Nilai akhir : 90,00" in new


def test_a_stored_document_cannot_be_saved_again(finalised):
    document = documents_of(finalised, "minutes").get()
    document.title = "Berita acara palsu"

    with pytest.raises(ValidationError):
        document.save()

    document.refresh_from_db()
    assert document.title != "Berita acara palsu"


def test_a_stored_document_cannot_be_updated_in_bulk_nor_deleted(finalised):
    with pytest.raises(ValidationError):
        OfficialDocument.objects.filter(session=finalised).update(sha256="0" * 64)
    with pytest.raises(ValidationError):
        OfficialDocument.objects.filter(session=finalised).delete()
    with pytest.raises(ValidationError):
        documents_of(finalised, "minutes").get().delete()

    assert documents_of(finalised).count() == 4


def test_documents_are_not_issued_twice_for_the_same_finalising(finalised, chair):
    with pytest.raises(ValidationError):
        records_services.freeze_session(finalised, by=chair)

    assert documents_of(finalised).count() == 4


def test_an_open_session_has_no_documents_to_issue(session, chair):
    with pytest.raises(ValidationError):
        records_services.freeze_session(session, by=chair)

    assert not documents_of(session).exists()


def test_a_failure_while_issuing_leaves_the_session_open(scored, session, chair, letterhead, monkeypatch):
    def broken(data):
        raise RuntimeError("the PDF could not be drawn")

    monkeypatch.setattr(records_services, "render", broken)

    with pytest.raises(RuntimeError):
        services.finalise_session(session, by=chair)

    session.refresh_from_db()
    assert session.is_open
    assert not documents_of(session).exists()
