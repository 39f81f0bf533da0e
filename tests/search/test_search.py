"""The search page: what it finds of each kind, only what the user may see, paged, on both databases."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Participant, ProvincialStaff, User
from projects.models import ChangeProject
from regions.models import Agency, Region
from rollout.models import Innovation
from search.text import matching
from tests import factories
from tests.untranslated import recording_misses, untranslated_on

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


@pytest.fixture
def budi():
    """A participant with a project and an innovation, and his mentor."""
    participant = factories.ParticipantFactory(
        user__full_name="Budi Santoso", nip="197012181996031001", agency__name="Dinas Komunikasi dan Informatika"
    )
    project = factories.ChangeProjectFactory(
        enrolment__participant=participant, title="Layanan Aduan Cepat Terpadu", status="in_implementation"
    )
    Innovation.objects.create(project=project, name="SiCepat Aduan", form="public_service")
    mentor = factories.AssignmentFactory(enrolment=project.enrolment).user
    return project, mentor


def found(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_start_of_each_word_finds_a_participant_in_any_order(budi):
    project, mentor = budi
    client = factories.logged_in(mentor)
    for typed in ("budi", "Santo", "sant bud", "BUDI SANTOSO"):
        page = found(client, q=typed)
        assert "Budi Santoso" in page, typed
        assert "Layanan Aduan Cepat Terpadu" in page  # the participant's project is one tap away
    assert "Budi Santoso" not in found(client, q="budi hartono")  # every word must occur


def test_a_nip_typed_in_groups_or_its_start_finds_the_participant(budi):
    project, mentor = budi
    client = factories.logged_in(mentor)
    for typed in ("19701218 199603 1 001", "197012181996031001", "19701218"):
        assert "Budi Santoso" in found(client, q=typed, kind="participants"), typed
    assert "Budi Santoso" not in found(client, q="19801218", kind="participants")


def test_projects_by_title_agencies_by_name_and_innovations_by_name(budi):
    project, mentor = budi
    client = factories.logged_in(mentor)
    page = found(client, q="aduan cepat")
    assert reverse("projects:detail", args=[project.pk]) in page
    innovation_page = found(client, q="sicepat adu")
    assert "SiCepat Aduan" in innovation_page
    assert reverse("rollout:project", args=[project.pk]) in innovation_page
    agency_page = found(client, q="komunikasi informatika", kind="agencies")
    assert "Dinas Komunikasi dan Informatika" in agency_page
    assert f"agency={project.agency.pk}" in agency_page


def test_the_agency_link_lists_what_the_user_may_see_in_it(budi):
    project, mentor = budi
    client = factories.logged_in(mentor)
    page = found(client, agency=project.agency.pk)
    assert "Budi Santoso" in page and "Layanan Aduan Cepat Terpadu" in page
    other = factories.AgencyFactory()
    assert "Budi Santoso" not in found(client, agency=other.pk)


def test_nobody_finds_what_they_may_not_see(budi):
    project, _mentor = budi
    stranger = factories.ParticipantFactory().user
    page = found(factories.logged_in(stranger), q="budi")
    assert "Budi Santoso" not in page
    assert "Layanan Aduan" not in found(factories.logged_in(stranger), q="aduan")
    # the participant themself finds their own project, and nobody else's
    own = found(factories.logged_in(project.enrolment.participant.user), q="aduan")
    assert "Layanan Aduan Cepat Terpadu" in own


def test_provincial_staff_find_their_province_s_projects_and_open_them_where_they_may(budi):
    project, _mentor = budi
    reporter = factories.UserFactory()
    ProvincialStaff.objects.create(user=reporter, province=Region.objects.get(code="73"))
    page = found(factories.logged_in(reporter), q="layanan aduan", kind="projects")
    assert f'href="{reverse("rollout:project", args=[project.pk])}"' in page  # the rollout page they report on
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' not in page  # not the project's own page


def test_the_search_page_needs_a_login():
    response = Client().get(URL, {"q": "budi"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bad_input_is_answered_where_it_was_typed(budi):
    _project, mentor = budi
    client = factories.logged_in(mentor)
    short = client.get(URL, {"q": "b"})
    assert short.status_code == 400
    assert "at least 2 characters" in short.content.decode()
    for params in ({"agency": "abc"}, {"agency": "99999999999999999999999"}, {"kind": "secrets"}, {"q": "x" * 201}):
        assert client.get(URL, params).status_code == 400, params
    for odd in ("'; drop table x; --", "a & b | !c", "(budi:*)", "100%", "a\\b", "!!", "日本語"):
        assert client.get(URL, {"q": odd}).status_code == 200, odd  # never a tsquery syntax error
    signs_only = found(client, q="!!")
    assert "Nothing found" in signs_only and "Budi Santoso" not in signs_only  # not "everything"


def test_a_kind_is_paged_and_the_page_costs_the_same_at_two_sizes(django_assert_max_num_queries):
    staff = factories.UserFactory()
    cohort = factories.CohortFactory()
    cohort.organiser.staff.add(staff)
    client = factories.logged_in(staff)

    def add(count):
        for _ in range(count):
            factories.ChangeProjectFactory(
                enrolment__cohort=cohort, enrolment__participant__user__full_name="Ani Lestari"
            )

    add(3)
    found(client, q="ani")  # the session's first request settles its time zone and saves the session
    with CaptureQueriesContext(connection) as small:
        found(client, q="ani", kind="participants")
    budget = len(small.captured_queries)  # now: the next request clears the log it reads
    add(40)
    with django_assert_max_num_queries(budget):
        first = found(client, q="ani", kind="participants")
    assert first.count("Ani Lestari") == 20
    assert "Page 1 of 3" in first
    last = found(client, q="ani", kind="participants", page=3)
    assert last.count("Ani Lestari") == 3
    with django_assert_max_num_queries(budget + 3):  # 4 previews for 1 page
        everything = found(client, q="ani")
    assert everything.count("Ani Lestari") == 5  # the first five, and a link to all 43
    assert "?q=ani&amp;kind=participants" in everything


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    ("finder", "index"),
    [
        (lambda: matching(User.objects.all(), ("full_name",), ["budi"]), "user_name_search"),
        (lambda: matching(ChangeProject.objects.all(), ("title",), ["aduan"]), "project_title_search"),
        (lambda: matching(Agency.objects.all(), ("name", "short_name"), ["komunikasi"]), "agency_name_search"),
        (lambda: matching(Innovation.objects.all(), ("name",), ["sicepat"]), "innovation_name_search"),
        (lambda: Participant.objects.filter(nip__startswith="19701218"), "participant_nip_prefix"),
    ],
)
def test_postgresql_answers_from_the_search_indexes(budi, finder, index):
    """The query's expression is the index's (else the planner reads every row of a national table)."""
    with connection.cursor() as cursor:
        # A test table is small enough to read whole, or to walk in full along another index (its key, a
        # foreign key) filtering each row; with both off, only a bitmap scan on an index the condition
        # matches is left, and GIN is read only that way.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
    assert index in finder().order_by().explain()


def test_the_results_speak_indonesian(budi):
    project, mentor = budi
    client = factories.logged_in(mentor)
    client.cookies["django_language"] = "id"
    for params in ({"q": "aduan"}, {"q": "budi", "kind": "participants"}, {"agency": project.agency.pk}, {"q": "!!"}):
        with recording_misses() as misses:
            page = client.get(URL, params).content.decode()
        assert untranslated_on(page, misses) == set(), params
        assert "Cari" in page
    assert "Ketik paling sedikit 2 karakter" in client.get(URL, {"q": "b"}).content.decode()


def test_a_superuser_finds_every_kind_and_opens_the_projects_own_page(budi):
    """A superuser's scope is empty (everything): it must not reach a When(), which refuses it (a 500 before)."""
    project, _mentor = budi
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    page = found(factories.logged_in(admin), q="aduan")
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' in page
    assert "SiCepat Aduan" in page
