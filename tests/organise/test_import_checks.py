"""Every kind of row error of a participant import, named on its row and column, with the reason."""

import pytest

from diklat.models import Programme
from organise.imports.batches import create_batch
from tests import factories
from tests.organise.import_fixtures import as_list, csv_file, import_cohort, person, xlsx_file

pytestmark = pytest.mark.django_db
__all__ = ["import_cohort"]


def errors_of(cohort, rows, **options):
    batch = create_batch(cohort, "peserta.csv", csv_file(rows, **options))
    return {row.line: row.errors for row in batch.rows.all()}


def test_a_clean_file_has_no_errors_and_finds_the_agency_by_its_short_name(import_cohort):
    errors = errors_of(import_cohort, [person(1), person(2)])
    assert errors == {2: {}, 3: {}}


def test_a_file_read_with_commas_finds_the_same_rows(import_cohort):
    assert errors_of(import_cohort, [person(1)], delimiter=",") == {2: {}}


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("1978041220031210", "has 18 digits; this one has 16"),
        ("19781312 200312 1 004", "is not a date"),
        ("19780412 200312 3 004", "Digit 15"),
        ("1.97804E+17", "stored this NIP as a number"),
        ("197804122003121000", "Excel may have rounded it"),
    ],
)
def test_an_invalid_nip_says_why(import_cohort, nip, reason):
    errors = errors_of(import_cohort, [person(1, NIP=nip)])
    assert list(errors[2]) == ["nip"]
    assert reason in errors[2]["nip"][0]


def test_a_nip_that_excel_holds_as_a_number_is_recognised_in_an_xlsx(import_cohort):
    row = as_list(person(1))
    row[1] = 197804122003121004  # the cell typed as a number: Excel keeps 15 significant digits
    batch = create_batch(import_cohort, "peserta.xlsx", xlsx_file([row]))
    assert "stored this NIP as a number" in batch.rows.get().errors["nip"][0]


def test_a_formula_cell_is_refused_on_its_column(import_cohort):
    row = as_list(person(1))
    row[7] = '=CONCATENATE("Bapp";"eda")'
    batch = create_batch(import_cohort, "peserta.xlsx", xlsx_file([row]))
    assert "holds a formula" in batch.rows.get().errors["agency"][0]


def test_an_unknown_agency_offers_the_closest_known_ones(import_cohort):
    errors = errors_of(import_cohort, [person(1, Instansi="Dinas Pendidkan", **{"Pemerintah Daerah": "Kota Makassar"})])
    assert "Closest: Dinas Pendidikan" in errors[2]["agency"][0]
    batch = import_cohort.import_batches.get()
    assert [match["name"] for match in batch.rows.get().agency_matches][0] == "Dinas Pendidikan"


def test_an_unknown_government_offers_the_closest_names(import_cohort):
    errors = errors_of(import_cohort, [person(1, **{"Pemerintah Daerah": "Kabupaten Gowaa"})])
    assert "Closest: Kabupaten Gowa" in errors[2]["government"][0]


def test_a_bare_name_that_two_governments_share_is_not_guessed(import_cohort):
    errors = errors_of(import_cohort, [person(1, **{"Pemerintah Daerah": "Bogor"})])
    assert "is not a known regional government" in errors[2]["government"][0]


def test_the_same_nip_or_email_twice_in_the_file_names_the_other_row(import_cohort):
    twin = person(2, NIP=person(1)["NIP"], Email=person(1)["Email"])
    errors = errors_of(import_cohort, [person(1), twin, person(3)])
    assert errors[2]["nip"] == ["The same value is also on row 3."]
    assert errors[3]["email"] == ["The same value is also on row 2."]
    assert errors[4] == {}


def test_a_participant_already_enrolled_in_the_cohort_is_refused(import_cohort):
    enrolled = factories.EnrolmentFactory(cohort=import_cohort).participant
    errors = errors_of(import_cohort, [person(1, NIP=enrolled.nip)])
    assert "already enrolled in this cohort" in errors[2]["nip"][0]


def test_a_participant_registered_before_is_enrolled_as_they_are(import_cohort):
    known = factories.ParticipantFactory(user__email="lama@example.go.id")
    batch = create_batch(import_cohort, "p.csv", csv_file([person(1, NIP=known.nip, Email="lama@example.go.id")]))
    row = batch.rows.get()
    assert row.errors == {}
    assert "Already registered" in row.notes[0]


def test_an_email_of_another_account_is_refused(import_cohort):
    factories.UserFactory(username="orang-lain", email="Peserta1@gowa.example.go.id")
    errors = errors_of(import_cohort, [person(1)])
    assert "orang-lain" in errors[2]["email"][0]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"Jenis Jabatan": "Pengawas", "Eselon": "IV.a"}, "position_type", "PKA is for Administrator"),
        ({"Eselon": "II.a"}, "echelon", "does not go with"),
        ({"Pangkat/Golongan": "III/a"}, "rank", "below the lowest for echelon III.b (III/d)"),
        ({"Pangkat/Golongan": "V/z"}, "rank", "is not a rank"),
        ({"Eselon": "VI"}, "echelon", "is not an echelon"),
        ({"Jenis Jabatan": "Direktur"}, "position_type", "is not a position type"),
        ({"Email": "bukan-email"}, "email", "is not an e-mail address"),
        ({"Telepon": "021 555 1234"}, "phone", "is not an Indonesian mobile number"),
        ({"Nama": ""}, "name", "Name is required"),
        ({"NIP": "", "Pangkat/Golongan": ""}, "nip", "A NIP, or for contract staff"),
        ({"Email Mentor": "", "NIP Mentor": ""}, "mentor_email", "Give the mentor's e-mail or NIP"),
        ({"Email Mentor": "peserta1@gowa.example.go.id"}, "mentor_name", "cannot be their own mentor"),
    ],
)
def test_each_cell_rule_names_its_column(import_cohort, cells, column, message):
    errors = errors_of(import_cohort, [person(1, **cells)])
    assert column in errors[2], errors[2]
    assert message in " ".join(errors[2][column])


def test_contract_staff_give_an_ni_pppk_and_no_rank(import_cohort):
    row = person(1, NIP="", **{"NI PPPK": "198501012023211001", "Pangkat/Golongan": ""})
    assert errors_of(import_cohort, [row]) == {2: {}}
    with_rank = person(2, NIP="", **{"NI PPPK": "198501012023211002"})
    assert "no civil-service rank" in errors_of(import_cohort, [with_rank])[2]["rank"][0]


def test_the_programme_decides_the_expected_position_type(import_cohort):
    import_cohort.programme = Programme.objects.get(code="pkp")
    errors = errors_of(import_cohort, [person(1, **{"Jenis Jabatan": "Pengawas", "Eselon": "IV.a"})])
    assert errors == {2: {}}


def test_blank_rows_are_left_out_and_the_line_numbers_are_the_files(import_cohort):
    blank = dict.fromkeys(person(1), "")
    errors = errors_of(import_cohort, [person(1), blank, blank, person(2)])
    assert list(errors) == [2, 5]


def test_checking_costs_the_same_queries_for_five_rows_as_for_a_hundred(import_cohort, django_assert_max_num_queries):
    rows = [person(n) for n in range(100)]
    with django_assert_max_num_queries(12):
        create_batch(import_cohort, "p.csv", csv_file(rows[:5]))
    with django_assert_max_num_queries(12):
        create_batch(import_cohort, "p.csv", csv_file(rows))
