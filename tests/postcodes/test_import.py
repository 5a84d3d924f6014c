import gzip
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from postcodes.models import Postcode
from postcodes.services import Precision, lookup

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def write_csv_gz(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def test_it_imports_the_compact_uk_csv_and_lookups_use_it(db, tmp_path):
    path = write_csv_gz(
        tmp_path / "uk.csv.gz",
        [
            "postcode,latitude,longitude,country,lad_code,small_area_code,positional_quality",
            "AB10 1AB,57.149606,-2.096916,Scotland,S12000033,S01006646,10",
            "SW1A 1AA,51.501009,-0.141588,England,E09000033,E01004736,10",
            "BT1 5GS,54.596639,-5.930077,Northern Ireland,N09000003,95GG39S1,",
            "not a postcode,1,1,England,E09000033,,10",
        ],
    )
    call_command("import_postcodes", str(path), "--quiet")
    assert Postcode.objects.count() == 3
    location = lookup("SW1A 1AA")
    assert location.precision == Precision.POSTCODE
    assert (location.point.lat, location.point.lon) == (51.501009, -0.141588)
    assert location.small_area_code == "E01004736"


def test_a_re_run_updates_rows_instead_of_duplicating_them(db, tmp_path):
    header = "postcode,latitude,longitude,country,lad_code,small_area_code,positional_quality"
    path = write_csv_gz(tmp_path / "a.csv.gz", [header, "M1 1AE,53.0,-2.0,England,E08000003,,10"])
    call_command("import_postcodes", str(path), "--quiet")
    path = write_csv_gz(
        tmp_path / "a.csv.gz",
        [
            header,
            "M1 1AE,53.483471,-2.231184,England,E08000003,E01033659,10",
            "M1 1AE,53.483471,-2.231184,England,E08000003,E01033659,10",
        ],
    )
    call_command("import_postcodes", str(path), "--quiet", "--batch-size", "1")
    row = Postcode.objects.get()
    assert (row.latitude, row.small_area_code) == (53.483471, "E01033659")


def test_it_imports_os_code_point_open_as_distributed(db, tmp_path):
    # The real file's Shetland member, headerless, in British National Grid metres.
    archive = tmp_path / "codepo_gb.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Doc/Code-Point_Open_Column_Headers.csv", "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n")
        z.writestr(
            "Data/CSV/sw.csv",
            '"SW1A1AA",10,529090,179645,"E92000001","E19000003","E18000007","","E09000033",'
            '"E05013806"\n'
            '"SW1A0PW",90,0,0,"E92000001","","","","",""\n',
        )
    call_command("import_postcodes", str(archive), "--quiet")
    row = Postcode.objects.get()
    assert row.postcode == "SW1A 1AA"
    # ONS publishes 51.501009, -0.141588 for SW1A 1AA.
    assert row.latitude == pytest.approx(51.501009, abs=0.0002)
    assert row.longitude == pytest.approx(-0.141588, abs=0.0002)
    assert row.lad_code == "E09000033"


@pytest.mark.skipif(not (SHARED / "codepo_gb.zip").exists(), reason="shared data not present")
def test_the_real_code_point_file_reads_and_converts(db):
    from itertools import islice

    from postcodes.importing import read_codepoint_zip

    rows = list(islice(read_codepoint_zip(SHARED / "codepo_gb.zip", batch_size=500), 500))
    assert len(rows) == 500
    postcode, outcode, lat, lon, lad, _small, quality = rows[0]
    assert postcode.startswith("AB") and outcode.startswith("AB")
    assert 56.5 < lat < 58 and -3.5 < lon < -1.5
    assert lad.startswith("S12")


def test_a_missing_file_or_wrong_columns_are_clear_errors(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_postcodes", str(tmp_path / "nope.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("pc,lat\nM1 1AE,53\n")
    with pytest.raises(CommandError, match="no column"):
        call_command("import_postcodes", str(bad), "--quiet")
