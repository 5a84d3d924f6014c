"""import_indicators: validation with line numbers, all or nothing, re-runnable."""

import gzip

import pytest
from django.core.management import CommandError, call_command

from wellbeing_index.models import Area, AreaScore, Edition, Indicator, IndicatorValue, Level
from wellbeing_index.services import ImportFailed, indicators_import

DEFINITIONS = """code,name,domain,level,unit,direction,ranking,source,licence,year
jobs,Jobs,economy,local_authority,%,higher,uk,Test survey,OGL v3,2024
poverty,Poverty,"Economy, Work & Employment",local_authority,%,lower,nation,Test survey,OGL v3,2025
life,Life satisfaction,,local_authority,rating,higher,,ONS,OGL v3,2021
"""
AREAS = """code,name,level,nation,parent_code
E08000001,Bolton,local_authority,England,
W06000001,Anglesey,local_authority,Wales,
E01000001,Bolton 001A,neighbourhood,England,E08000001
"""
VALUES = """area_code,indicator,value
E08000001,jobs,71.5
W06000001,jobs,65
E08000001,poverty,12
W06000001,poverty,
E08000001,life,7.4
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    return {
        "definitions_path": write(tmp_path, "definitions.csv", DEFINITIONS),
        "areas_path": write(tmp_path, "areas.csv", AREAS),
        "values_path": write(tmp_path, "values.csv", VALUES),
    }


def test_it_imports_definitions_areas_and_values(db, files):
    result = indicators_import(**files, compute=False)
    assert result.edition.year == 2025  # the latest year in the definitions
    assert (result.indicators_created, result.values, result.blank_values) == (3, 4, 1)
    jobs = Indicator.objects.get(code="jobs")
    assert (jobs.domain.slug, jobs.unit, jobs.direction, jobs.ranking) == (
        "economy",
        "%",
        "higher",
        "uk",
    )
    assert Indicator.objects.get(code="poverty").domain.slug == "economy"  # by name
    assert Indicator.objects.get(code="life").domain is None  # beside the domains
    neighbourhood = Area.objects.get(code="E01000001")
    assert neighbourhood.level == Level.NEIGHBOURHOOD
    assert neighbourhood.parent.name == "Bolton"
    assert IndicatorValue.objects.get(indicator=jobs, area__code="E08000001").value == 71.5


def test_running_it_again_changes_nothing(db, files):
    indicators_import(**files, compute=False)
    before = sorted(IndicatorValue.objects.values_list("indicator__code", "area__code", "value"))
    result = indicators_import(**files, compute=False)
    after = sorted(IndicatorValue.objects.values_list("indicator__code", "area__code", "value"))
    assert after == before
    assert (result.indicators_created, result.indicators_updated) == (0, 3)
    assert Area.objects.count() == 3
    assert Edition.objects.count() == 1


def test_a_new_values_file_replaces_the_values_of_its_indicators(db, files, tmp_path):
    indicators_import(**files, compute=False)
    files["values_path"] = write(
        tmp_path, "values2.csv", "area_code,indicator,value\nW06000001,jobs,80\n"
    )
    indicators_import(**files, compute=False)
    assert list(IndicatorValue.objects.filter(indicator__code="jobs").values_list("value")) == [
        (80.0,)
    ]
    # Indicators the new file does not mention keep their values.
    assert IndicatorValue.objects.filter(indicator__code="life").count() == 1


def test_it_computes_the_index_after_the_import_commits(
    db, files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        indicators_import(**files)
    assert callbacks  # the Celery task was queued on commit, and ran (eagerly)
    edition = Edition.objects.get(year=2025)
    assert edition.computed_at is not None
    assert AreaScore.objects.filter(edition=edition).count() == 2


def test_gzipped_files_with_a_byte_order_mark_are_read(db, files, tmp_path):
    path = tmp_path / "values.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8-sig") as f:
        f.write(VALUES)
    files["values_path"] = path
    assert indicators_import(**files, compute=False).values == 4


def problems(files) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        indicators_import(**files, compute=False)
    return caught.value.errors


def test_bad_values_are_reported_with_their_line_numbers(db, files, tmp_path):
    files["values_path"] = write(
        tmp_path,
        "values.csv",
        "area_code,indicator,value\n"
        "E08000001,jobs,71.5\n"  # line 2: fine
        "E09999999,jobs,50\n"  # line 3: unknown area
        "E08000001,wages,50\n"  # line 4: unknown indicator
        "W06000001,jobs,lots\n"  # line 5: not a number
        "E08000001,jobs,70\n"  # line 6: duplicate of line 2
        "W06000001,poverty,nan\n"  # line 7: not a number
        "E01000001,jobs,3\n",  # line 8: a neighbourhood, but jobs is a council indicator
    )
    assert problems(files) == [
        "values.csv, line 3: unknown area 'E09999999' (no council area with that code)",
        "values.csv, line 4: unknown indicator 'wages' (not in the definitions file)",
        "values.csv, line 5: value 'lots' is not a number",
        "values.csv, line 6: duplicate value for E08000001 and jobs (first on line 2)",
        "values.csv, line 7: value 'nan' is not a number",
        "values.csv, line 8: unknown area 'E01000001' (no council area with that code)",
    ]


def test_nothing_is_half_imported(db, files, tmp_path):
    indicators_import(**files, compute=False)
    before = sorted(IndicatorValue.objects.values_list("indicator__code", "area__code", "value"))
    files["values_path"] = write(
        tmp_path,
        "values.csv",
        "area_code,indicator,value\nE08000001,jobs,1\nW06000001,jobs,2\nW06000001,jobs,oops\n",
    )
    files["areas_path"] = write(
        tmp_path, "areas.csv", AREAS + "S12000001,New place,local_authority,Scotland,\n"
    )
    with pytest.raises(ImportFailed):
        indicators_import(**files, compute=False)
    after = sorted(IndicatorValue.objects.values_list("indicator__code", "area__code", "value"))
    assert after == before
    assert not Area.objects.filter(code="S12000001").exists()


def test_bad_definitions_are_reported_with_their_line_numbers(db, files, tmp_path):
    files["definitions_path"] = write(
        tmp_path,
        "definitions.csv",
        "code,name,domain,level,unit,direction,ranking,source,licence,year\n"
        "jobs,Jobs,economy,local_authority,%,higher,uk,Survey,OGL,2024\n"
        "Bad Code,X,wealth,parish,%,sideways,region,,OGL,soon\n"
        "jobs,Jobs again,economy,local_authority,%,higher,uk,Survey,OGL,2024\n",
    )
    errors = problems(files)
    line3 = [e for e in errors if "line 3" in e]
    assert "definitions.csv, line 3: code 'Bad Code' must be lower-case letters" in line3[0]
    assert any("unknown domain 'wealth'" in e for e in line3)
    assert any("unknown level 'parish'" in e for e in line3)
    assert any("direction 'sideways' must be 'higher' or 'lower'" in e for e in line3)
    assert any("ranking 'region' must be 'uk' or 'nation'" in e for e in line3)
    assert any("source is empty" in e for e in line3)
    assert any("year 'soon' is not a year" in e for e in line3)
    assert "definitions.csv, line 4: indicator 'jobs' is defined twice (first on line 2)" in errors


def test_bad_areas_are_reported_with_their_line_numbers(db, files, tmp_path):
    files["areas_path"] = write(
        tmp_path,
        "areas.csv",
        "code,name,level,nation,parent_code\n"
        "E08000001,Bolton,local_authority,England,\n"
        "W06000001,Anglesey,local_authority,Wales,\n"
        "E01000001,Bolton 001A,neighbourhood,England,E08000099\n"
        "X1,,district,Isle of Man,\n"
        "E08000001,Bolton again,local_authority,England,\n",
    )
    errors = problems(files)
    assert (
        "areas.csv, line 5: unknown level 'district' "
        "(use local_authority, neighbourhood, ward, region)" in errors
    )
    assert "areas.csv, line 5: name is empty" in errors
    assert (
        "areas.csv, line 5: nation 'Isle of Man' must be England, Scotland, Wales or "
        "Northern Ireland" in errors
    )
    assert (
        "areas.csv, line 6: area E08000001 (local_authority) is listed twice (first on line 2)"
        in errors
    )
    assert (
        "areas.csv, line 4: parent E08000099 (local_authority) is neither in this file nor "
        "already imported" in errors
    )


def test_a_file_without_the_right_columns_is_refused(db, files, tmp_path):
    files["values_path"] = write(tmp_path, "values.csv", "code,measure,amount\nE08000001,jobs,1\n")
    assert problems(files) == [
        "values.csv, line 1: the header lacks column(s): area_code, indicator, value"
    ]


def test_a_file_that_is_not_text_is_refused(db, files, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(b"\xff\xfe\x00\x00binary\x00")
    files["values_path"] = path
    errors = problems(files)
    assert errors and "values.csv" in errors[0]


def test_a_row_with_too_many_cells_is_reported(db, files, tmp_path):
    files["values_path"] = write(
        tmp_path, "values.csv", "area_code,indicator,value\nE08000001,jobs,1,2\n"
    )
    assert problems(files) == ["values.csv, line 2: has more cells than the header"]


def test_only_the_first_50_problems_are_listed_with_a_count(db, files, tmp_path):
    rows = "".join(f"E08000001,jobs,bad{n}\n" for n in range(120))
    files["values_path"] = write(tmp_path, "values.csv", "area_code,indicator,value\n" + rows)
    with pytest.raises(ImportFailed) as caught:
        indicators_import(**files, compute=False)
    assert caught.value.total == 120
    assert len(caught.value.errors) == 50
    assert "… and 70 more." in caught.value.summary()


def test_the_command_imports_and_reports(db, files, capsys):
    call_command(
        "import_indicators",
        str(files["values_path"]),
        "--definitions",
        str(files["definitions_path"]),
        "--areas",
        str(files["areas_path"]),
        "--edition",
        "2024",
        "--no-compute",
    )
    out = capsys.readouterr().out
    assert "Imported 4 values of 3 indicator(s) into the 2024 edition" in out
    assert "1 empty value(s) skipped as no data" in out
    assert Indicator.objects.filter(edition__year=2024).count() == 3


def test_the_command_lists_the_problems_and_imports_nothing(db, files, tmp_path):
    bad = write(tmp_path, "bad.csv", "area_code,indicator,value\nE08000001,jobs,many\n")
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_indicators",
            str(bad),
            "--definitions",
            str(files["definitions_path"]),
            "--areas",
            str(files["areas_path"]),
        )
    message = str(caught.value)
    assert "Nothing was imported: 1 problem(s) found." in message
    assert "bad.csv, line 2: value 'many' is not a number" in message
    assert not Indicator.objects.exists()


def test_the_command_says_when_a_file_is_missing(db, files, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "import_indicators",
            str(tmp_path / "nope.csv"),
            "--definitions",
            str(files["definitions_path"]),
        )


def test_a_new_edition_stays_hidden_until_published(
    db, files, hand_index, django_capture_on_commit_callbacks
):
    from wellbeing_index.services import edition_pick

    # The 2025 edition is on the site; a partial 2026 import must not replace it.
    files["definitions_path"] = write(
        files["definitions_path"].parent,
        "definitions2026.csv",
        DEFINITIONS.replace(",2024\n", ",2026\n").replace(",2025\n", ",2026\n"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = indicators_import(**files)
    assert result.edition.year == 2026
    assert result.edition.is_published is False
    assert Edition.objects.get(year=2026).computed_at is not None
    assert edition_pick().year == 2025
    with django_capture_on_commit_callbacks(execute=True):
        indicators_import(**files, publish=True)
    assert edition_pick().year == 2026


def test_the_command_publishes_on_request_and_says_when_it_did_not(db, files, capsys):
    args = [
        "import_indicators",
        str(files["values_path"]),
        "--definitions",
        str(files["definitions_path"]),
        "--areas",
        str(files["areas_path"]),
        "--no-compute",
    ]
    call_command(*args)
    assert "The 2025 edition is not published" in capsys.readouterr().out
    call_command(*args, "--publish")
    assert "not published" not in capsys.readouterr().out
    assert Edition.objects.get(year=2025).is_published
