"""Who may download an official document: the panel, organiser staff, the participant their own sheet."""

import pytest

from tests import factories
from tests.records.conftest import documents_of, pdf_bytes


def get(client, user, document):
    client.force_login(user)
    return client.get(document.get_absolute_url())


@pytest.mark.parametrize("who", ["chair", "examiner_one", "examiner_two", "organiser_staff"])
def test_the_panel_and_organiser_staff_download_the_minutes(client, request, finalised, who):
    minutes = documents_of(finalised, "minutes").get()

    response = get(client, request.getfixturevalue(who), minutes)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes(minutes)


def test_a_participant_downloads_their_own_result_sheet(client, finalised, presentation, participant):
    sheet = documents_of(finalised, "sheet").get(presentation=presentation)

    assert get(client, participant.user, sheet).status_code == 200


def test_a_participant_cannot_download_another_participants_sheet_nor_the_minutes(
    client, finalised, other_presentation, participant
):
    other_sheet = documents_of(finalised, "sheet").get(presentation=other_presentation)

    assert get(client, participant.user, other_sheet).status_code == 404
    assert get(client, participant.user, documents_of(finalised, "minutes").get()).status_code == 404


def test_a_mentor_downloads_their_participants_sheet_but_not_the_whole_sessions_minutes(
    client, finalised, presentation, other_presentation, mentor
):
    own = documents_of(finalised, "sheet").get(presentation=presentation)
    other = documents_of(finalised, "sheet").get(presentation=other_presentation)

    assert get(client, mentor, own).status_code == 200
    assert get(client, mentor, other).status_code == 404
    assert get(client, mentor, documents_of(finalised, "minutes").get()).status_code == 404


def test_a_stranger_and_another_organisers_staff_get_a_404(client, finalised, stranger):
    other_staff = factories.UserFactory()
    factories.OrganiserFactory().staff.add(other_staff)
    minutes = documents_of(finalised, "minutes").get()

    assert get(client, stranger, minutes).status_code == 404
    assert get(client, other_staff, minutes).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, finalised):
    response = client.get(documents_of(finalised, "minutes").get().get_absolute_url())

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_document_whose_file_is_gone_is_a_404(client, finalised, chair):
    minutes = documents_of(finalised, "minutes").get()
    minutes.file.storage.delete(minutes.file.name)

    assert get(client, chair, minutes).status_code == 404


def test_the_session_page_links_the_current_documents_once_finalised(client, finalised, chair):
    client.force_login(chair)

    page = client.get(finalised.get_absolute_url()).content.decode()

    for document in documents_of(finalised):
        assert document.get_absolute_url() in page


def test_each_participant_s_sheet_is_folded_and_the_session_s_own_documents_are_in_view(client, finalised, chair):
    client.force_login(chair)
    page = client.get(finalised.get_absolute_url()).content.decode()
    folded = page.split('<details class="participant-documents">', 1)[1].split("</details>", 1)[0]
    for document in documents_of(finalised):
        assert (document.get_absolute_url() in folded) == (document.presentation_id is not None), document.kind
    sheets = documents_of(finalised).filter(presentation__isnull=False).count()
    summary = (
        f"The result sheet of {sheets} participant" if sheets == 1 else f"The result sheets of {sheets} participants"
    )
    assert sheets and summary in page


def test_the_live_minutes_page_points_to_the_pdf_as_the_record(client, finalised, chair):
    client.force_login(chair)
    minutes = documents_of(finalised, "minutes").get()

    page = client.get(f"/seminars/sessions/{finalised.pk}/minutes/").content.decode()

    assert minutes.get_absolute_url() in page and "the official record is the PDF" in page


def test_the_session_page_of_an_open_session_says_the_pdfs_come_at_finalising(client, session, chair):
    client.force_login(chair)

    page = client.get(session.get_absolute_url()).content.decode()

    assert "issued when the chair finalises the session" in page


def test_the_admin_shows_a_document_but_offers_no_way_to_change_or_delete_it(client, finalised, admin_user):
    minutes = documents_of(finalised, "minutes").get()
    client.force_login(admin_user)

    page = client.get(f"/admin/records/officialdocument/{minutes.pk}/change/")
    listing = client.get("/admin/records/officialdocument/")
    posted = client.post(f"/admin/records/officialdocument/{minutes.pk}/change/", {"title": "Palsu"})
    deleting = client.get(f"/admin/records/officialdocument/{minutes.pk}/delete/")

    assert page.status_code == 200 and minutes.sha256 in page.content.decode()
    assert listing.status_code == 200
    assert posted.status_code == 403
    assert deleting.status_code == 403
    minutes.refresh_from_db()
    assert minutes.title != "Palsu"
