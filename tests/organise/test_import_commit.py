"""An import batch commits as a whole or not at all, and reverts as a whole while nothing is built on it."""

import pytest
from django.core.exceptions import ValidationError

from diklat.models import Enrolment
from mentors.models import Assignment
from organise.imports.batches import choose_agency, create_agency, create_batch, replace_file, set_skipped
from organise.imports.commit import commit_batch, revert_batch
from organise.models import ImportBatch
from people.models import Participant, User
from regions.models import AgencyKind, Region
from tests import factories
from tests.organise.import_fixtures import csv_file, import_cohort, person

pytestmark = pytest.mark.django_db
__all__ = ["import_cohort"]


def committed(cohort, rows):
    batch = create_batch(cohort, "p.csv", csv_file(rows), by=cohort.staff_member)
    return batch, commit_batch(batch, by=cohort.staff_member)


def test_a_commit_enrols_every_row_with_an_account_and_the_mentor(import_cohort):
    batch, result = committed(import_cohort, [person(1), person(2)])
    assert result.enrolled == 2
    enrolled = Participant.objects.filter(enrolments__cohort=import_cohort)
    assert {p.user.email for p in enrolled} == {"peserta1@gowa.example.go.id", "peserta2@gowa.example.go.id"}
    first = enrolled.get(user__email="peserta1@gowa.example.go.id")
    assert first.user.username == first.nip
    assert not first.user.has_usable_password()
    assert first.agency.short_name == "Bappeda"
    assert first.phone == "081234567890"
    assert first.user.mobile_phone == "+6281234567890"  # the WhatsApp number of the new account
    mentor = User.objects.get(email="hasanuddin@gowa.example.go.id")
    assert Assignment.objects.filter(user=mentor, role="mentor").count() == 2  # one account for both
    assert Assignment.history.filter(user=mentor).count() == 2
    assert len(result.new_accounts) == 3
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    assert batch.committed_by == import_cohort.staff_member


def test_a_row_with_an_error_stops_the_whole_commit(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1), person(2, Email="salah")]))
    with pytest.raises(ValidationError, match="Rows with errors: 1"):
        commit_batch(batch, by=None)
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()
    assert not User.objects.filter(email="peserta1@gowa.example.go.id").exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED


def test_a_skipped_row_is_left_out_of_the_commit(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1), person(2, Email="salah")]))
    set_skipped(batch, [3], True)
    assert commit_batch(batch, by=None).enrolled == 1


def test_the_commit_checks_again_against_the_database_as_it_is_then(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1)]))
    factories.UserFactory(username="penyusup", email="peserta1@gowa.example.go.id")
    with pytest.raises(ValidationError):
        commit_batch(batch, by=None)
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()


def test_a_batch_commits_once(import_cohort):
    batch, _ = committed(import_cohort, [person(1)])
    with pytest.raises(ValidationError, match="already been committed"):
        commit_batch(batch, by=None)
    assert Enrolment.objects.filter(cohort=import_cohort).count() == 1


def test_a_corrected_file_replaces_the_rows_and_keeps_what_was_skipped(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1, Email="salah"), person(2), person(3)]))
    set_skipped(batch, [4], True)
    replace_file(batch, "p2.csv", csv_file([person(1), person(2), person(3)]))
    rows = {row.line: row for row in batch.rows.all()}
    assert rows[2].errors == {} and rows[4].skipped and not rows[3].skipped
    batch.refresh_from_db()
    assert batch.file_name == "p2.csv"


def test_an_offered_agency_can_be_chosen_for_a_row(import_cohort):
    row = person(
        1, Instansi="Dinas Pendidkan", **{"Pemerintah Daerah": "Kota Makassar", "Jenis Jabatan": "Administrator"}
    )
    batch = create_batch(import_cohort, "p.csv", csv_file([row]))
    offered = batch.rows.get().agency_matches[0]["id"]
    choose_agency(batch, 2, offered)
    assert batch.rows.get().errors == {}
    with pytest.raises(ValidationError):
        choose_agency(batch, 2, factories.AgencyFactory().pk)  # not one offered


def test_staff_create_an_agency_the_file_names_and_the_rows_pass(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1, Instansi="Dinas Pariwisata")]))
    assert "agency" in batch.rows.get().errors
    create_agency(
        batch,
        name="Dinas Pariwisata",
        government=Region.objects.get(code="73.06"),
        kind=AgencyKind.objects.get(code="dinas"),
    )
    assert batch.rows.get().errors == {}


def test_revert_undoes_the_enrolments_accounts_and_mentors(import_cohort):
    kept_mentor = factories.UserFactory(email="hasanuddin@gowa.example.go.id")
    batch, _ = committed(import_cohort, [person(1), person(2, **{"Email Mentor": "baru@gowa.example.go.id"})])
    assert revert_batch(batch, by=import_cohort.staff_member) == 2
    assert not Enrolment.objects.filter(cohort=import_cohort).exists()
    assert not Participant.objects.filter(user__email__startswith="peserta").exists()
    assert not User.objects.filter(email="baru@gowa.example.go.id").exists()
    assert User.objects.filter(pk=kept_mentor.pk).exists()  # an account the batch found, not made
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REVERTED and batch.rows.count() == 2


def test_a_registered_participant_keeps_their_profile_when_reverted(import_cohort):
    known = factories.ParticipantFactory()
    batch, _ = committed(import_cohort, [person(1, NIP=known.nip, Email=known.user.email or "lama@x.go.id")])
    revert_batch(batch, by=None)
    assert Participant.objects.filter(pk=known.pk).exists()
    assert not known.enrolments.filter(cohort=import_cohort).exists()


@pytest.mark.parametrize("what", ["project", "coach", "login"])
def test_a_batch_that_has_been_built_on_cannot_be_reverted(import_cohort, what):
    batch, _ = committed(import_cohort, [person(1)])
    enrolment = Enrolment.objects.get(cohort=import_cohort)
    if what == "project":
        factories.ChangeProjectFactory(enrolment=enrolment)
    elif what == "coach":
        factories.AssignmentFactory(enrolment=enrolment, role="coach")
    else:
        User.objects.filter(pk=enrolment.participant.user_id).update(last_login="2026-12-01T08:00Z")
    with pytest.raises(ValidationError, match="can no longer be reverted"):
        revert_batch(batch, by=None)
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED


def test_an_unchecked_batch_cannot_be_reverted(import_cohort):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1)]))
    with pytest.raises(ValidationError):
        revert_batch(batch, by=None)


def test_committing_five_hundred_rows_takes_a_bounded_number_of_queries(import_cohort, django_assert_max_num_queries):
    batch = create_batch(import_cohort, "p.csv", csv_file([person(n) for n in range(500)]))
    with django_assert_max_num_queries(40):
        assert commit_batch(batch, by=None).enrolled == 500
