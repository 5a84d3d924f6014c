"""The support schemes directory: public browsing by postcode, and CSV import and export."""

import csv
import io

import pytest

from matching.models import Coverage, SupportScheme
from matching.services.schemes import CSV_COLUMNS, schemes_export_rows, schemes_import_csv
from postcodes.models import District, LocalAuthority

from .factories import SchemeFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(kinds):
    manchester = LocalAuthority.objects.get(name="Manchester")
    return {
        "uk": SchemeFactory(name="A UK food line", kinds=[kinds["shopping"]]),
        "scotland": SchemeFactory(
            name="Scottish meds",
            kinds=[kinds["medication"]],
            coverage=Coverage.NATION,
            nation="Scotland",
        ),
        "manchester": SchemeFactory(
            name="Manchester cares",
            kinds=[kinds["shopping"]],
            coverage=Coverage.LOCAL_AUTHORITIES,
            local_authorities=[manchester],
        ),
        "m14": SchemeFactory(
            name="Rusholme helpers",
            kinds=[kinds["chat"]],
            coverage=Coverage.DISTRICTS,
            districts=[District.objects.get(outcode="M14")],
        ),
        "hidden": SchemeFactory(name="Closed scheme", kinds=[kinds["shopping"]], is_active=False),
    }


def names(response):
    return [s.name for s in response.context["page"]]


def test_browsing_by_postcode_lists_local_schemes_first(client, directory):
    response = client.get("/help/schemes/", {"postcode": "m14 5ll"})
    assert response.status_code == 200
    assert names(response) == ["Rusholme helpers", "Manchester cares", "A UK food line"]
    assert "3 schemes cover M14 5LL" in page_text(response)


def test_another_nation_sees_its_own(client, directory):
    response = client.get("/help/schemes/", {"postcode": "EH1 1YZ"})
    assert names(response) == ["Scottish meds", "A UK food line"]
    assert "NHS 24" in page_text(response)


def test_filtering_by_kind(client, directory, kinds):
    response = client.get("/help/schemes/", {"postcode": "M14", "kind": kinds["shopping"].pk})
    assert names(response) == ["Manchester cares", "A UK food line"]


def test_a_postcode_outside_the_uk_is_a_clear_error(client, directory):
    response = client.get("/help/schemes/", {"postcode": "JE2 3AB"})
    assert response.status_code == 400
    assert "Jersey" in page_text(response)
    assert 'value="JE2 3AB"' in page_text(response)


def test_without_a_postcode_it_lists_every_active_scheme(
    client, directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/help/schemes/")
    assert "Closed scheme" not in names(response)
    assert len(names(response)) == 4


def test_the_list_takes_constant_queries(client, kinds, django_assert_max_num_queries):
    for _ in range(3):
        SchemeFactory(kinds=[kinds["shopping"]])
    with django_assert_max_num_queries(10) as small:
        client.get("/help/schemes/", {"postcode": "M14"})
    for _ in range(17):
        SchemeFactory(kinds=[kinds["shopping"]])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/help/schemes/", {"postcode": "M14"})
    assert len(names(response)) == 20


def test_the_next_page_link_keeps_the_postcode_and_the_kind(client, kinds):
    SchemeFactory.create_batch(21, kinds=[kinds["shopping"]])
    kind = kinds["shopping"].pk
    response = client.get("/help/schemes/", {"postcode": "M14", "kind": kind})
    assert f'href="?postcode=M14&amp;kind={kind}&amp;page=2">Next</a>' in response.content.decode()


def test_the_results_have_a_heading_under_the_page_heading(client, directory):
    html = client.get("/help/schemes/").content.decode()
    assert html.index('<h2 id="schemes-heading">') < html.index("<h3>")


def test_a_scheme_page_shows_its_contacts(client, directory):
    response = client.get(f"/help/schemes/{directory['manchester'].slug}/")
    content = page_text(response)
    assert "Manchester cares" in content
    assert "0800 000 0000" in content
    assert "Covers" in content and "Manchester" in content
    assert client.get(f"/help/schemes/{directory['hidden'].slug}/").status_code == 404


# CSV ---------------------------------------------------------------------------------


def csv_bytes(rows, columns=CSV_COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_export_then_import_round_trips(directory):
    rows = list(schemes_export_rows(SupportScheme.objects.order_by("name")))
    SupportScheme.objects.all().delete()
    result = schemes_import_csv(data=csv_bytes(rows))
    assert result.ok, result.errors
    assert result.created == 5
    manchester = SupportScheme.objects.get(name="Manchester cares")
    assert manchester.coverage == Coverage.LOCAL_AUTHORITIES
    assert [la.name for la in manchester.local_authorities.all()] == ["Manchester"]
    assert not SupportScheme.objects.get(name="Closed scheme").is_active
    assert [
        d.outcode for d in SupportScheme.objects.get(name="Rusholme helpers").districts.all()
    ] == ["M14"]


def test_import_updates_by_slug_and_accepts_names(kinds, directory):
    data = csv_bytes(
        [
            [
                "Manchester cares",
                directory["manchester"].slug,
                "New summary",
                "Collecting medication; shopping",
                "",
                "",
                "0161 000 0000",
                "",
                "",
                "local authorities",
                "",
                "Manchester; Salford",
                "",
                "yes",
            ],
            [
                "Leith larder",
                "",
                "Food for Leith",
                "shopping",
                "",
                "https://leith.example.org",
                "",
                "",
                "",
                "districts",
                "",
                "",
                "eh6; EH7",
                "",
            ],
        ]
    )
    result = schemes_import_csv(data=data)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    updated = SupportScheme.objects.get(pk=directory["manchester"].pk)
    assert updated.summary == "New summary"
    assert {la.name for la in updated.local_authorities.all()} == {"Manchester", "Salford"}
    leith = SupportScheme.objects.get(slug="leith-larder")
    assert {d.outcode for d in leith.districts.all()} == {"EH6", "EH7"}


def test_a_bad_file_changes_nothing_and_says_which_line(kinds, directory):
    before = SupportScheme.objects.count()
    data = csv_bytes(
        [
            ["Good one", "", "Fine", "shopping", "", "", "0800 1", "", "", "uk", "", "", "", ""],
            ["No contact", "", "Oops", "shopping", "", "", "", "", "", "uk", "", "", "", ""],
            [
                "Bad nation",
                "",
                "Oops",
                "shopping",
                "",
                "",
                "0800 1",
                "",
                "",
                "nation",
                "Narnia",
                "",
                "",
                "",
            ],
            [
                "Bad kind",
                "",
                "Oops",
                "juggling",
                "",
                "",
                "0800 1",
                "",
                "",
                "planet",
                "",
                "",
                "ZZ99",
                "maybe",
            ],
        ]
    )
    result = schemes_import_csv(data=data)
    assert not result.ok
    text = "\n".join(result.errors)
    assert "Line 3: give at least one way to contact it" in text
    assert "Line 4: a one-nation scheme needs its nation" in text
    assert "Line 5:" in text and "unknown help kind “juggling”" in text
    assert "unknown postcode district “ZZ99”" in text
    assert "coverage “planet”" in text
    assert "active “maybe”" in text
    assert SupportScheme.objects.count() == before


def test_files_that_are_not_csv_are_explained(db):
    assert "isn't UTF-8" in schemes_import_csv(data=b"\xff\xfe\x00bad").errors[0]
    assert "missing: coverage, summary" in schemes_import_csv(data=b"name,phone\nx,1\n").errors[0]
    assert "larger than 2 MB" in schemes_import_csv(data=b"x" * (2 * 1024 * 1024 + 1)).errors[0]


def test_staff_import_and_export_in_admin(staff_client, directory, kinds):
    listing = page_text(staff_client.get("/admin/matching/supportscheme/"))
    assert "Import CSV" in listing and "Export all as CSV" in listing
    export = staff_client.get("/admin/matching/supportscheme/export/")
    assert export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode()
    assert body.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "Manchester cares" in body

    upload = io.BytesIO(
        csv_bytes([["Bad", "", "x", "shopping", "", "", "", "", "", "uk", "", "", "", ""]])
    )
    upload.name = "schemes.csv"
    response = staff_client.post("/admin/matching/supportscheme/import/", {"file": upload})
    assert response.status_code == 400
    assert "Nothing was imported" in page_text(response)

    upload = io.BytesIO(body.encode())
    upload.name = "schemes.csv"
    response = staff_client.post("/admin/matching/supportscheme/import/", {"file": upload})
    assert response.status_code == 302
    assert SupportScheme.objects.count() == 5


def test_members_cannot_reach_the_import(member_client):
    response = member_client.get("/admin/matching/supportscheme/import/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_form_checks_coverage(staff_client, kinds):
    response = staff_client.post(
        "/admin/matching/supportscheme/add/",
        {
            "name": "Local",
            "slug": "local",
            "summary": "x",
            "kinds": [kinds["shopping"].pk],
            "phone": "0800 1",
            "coverage": "local_authorities",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "A local authority scheme needs at least one local authority" in page_text(response)
    assert not SupportScheme.objects.exists()


@pytest.mark.parametrize(
    "query", [{"kind": "abc"}, {"topic": "99999"}, {"postcode": "x" * 500}, {"page": "nope"}]
)
def test_odd_queries_get_an_answer_not_a_crash(client, directory, query):
    response = client.get("/help/schemes/", query)
    assert response.status_code in (200, 400)
