import pytest

from postcodes.parsing import InvalidPostcode, OutsideUK, normalise, parse

VALID = [
    ("m11ae", "M1 1AE"),
    ("M1 1AE", "M1 1AE"),
    ("  sw1a   1aa ", "SW1A 1AA"),
    ("B338TH", "B33 8TH"),  # A99 9AA
    ("CR2 6XH", "CR2 6XH"),  # AA9 9AA
    ("DN551PT", "DN55 1PT"),  # AA99 9AA
    ("W1A 0AX", "W1A 0AX"),  # A9A 9AA
    ("ec1a1bb", "EC1A 1BB"),  # AA9A 9AA
    ("GIR 0AA", "GIR 0AA"),  # Girobank
    ("bt1 5gs", "BT1 5GS"),  # Northern Ireland
    ("EH1 1YZ", "EH1 1YZ"),
    ("CF10 1EP", "CF10 1EP"),
    ("M1", "M1"),  # outward codes alone
    ("sw1a", "SW1A"),
    ("ze1", "ZE1"),
]

INVALID = [
    "",
    "   ",
    "hello",
    "M1 1A",
    "12345",
    "QA1 1AA",  # Q never starts a postcode
    "M1 1CA",  # C is not used in the inward letters
    "SW1A 1AAA",
    "BFPO 1234",
    "BF1 3AA",
    "ASCN 1ZZ",  # Ascension Island
    "M1 1AE; DROP TABLE",
    "x" * 200,
]


@pytest.mark.parametrize(("raw", "expected"), VALID)
def test_it_normalises_every_uk_format(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", INVALID)
def test_it_rejects_what_is_not_a_uk_postcode_with_a_message(raw):
    with pytest.raises(InvalidPostcode) as error:
        parse(raw)
    assert str(error.value)


def test_bfpo_gets_its_own_message():
    with pytest.raises(InvalidPostcode, match="BFPO"):
        parse("BFPO 801")


@pytest.mark.parametrize(
    ("raw", "place"), [("GY1 1AA", "Guernsey"), ("JE2 3AB", "Jersey"), ("IM1 1AA", "Isle of Man")]
)
def test_crown_dependencies_are_outside_the_uk(raw, place):
    with pytest.raises(OutsideUK, match=place):
        parse(raw)


def test_outward_codes_can_be_refused():
    with pytest.raises(InvalidPostcode):
        parse("M1", allow_outward=False)
    assert parse("M1 1AE", allow_outward=False).is_full


def test_every_real_postcode_district_parses_as_itself():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "data" / "uk_postcode_districts.csv"
    with open(path, newline="") as f:
        outcodes = [row["outcode"] for row in csv.DictReader(f)]
    assert len(outcodes) == 2943
    assert [normalise(o) for o in outcodes] == outcodes


def test_every_postcode_of_the_four_city_sample_parses():
    import csv
    import gzip
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "data" / "uk_postcodes_sample_four_cities.csv.gz"
    with gzip.open(path, "rt", newline="") as f:
        postcodes = [row["postcode"] for row in csv.DictReader(f)]
    assert len(postcodes) == 42876
    assert [normalise(p) for p in postcodes] == postcodes
