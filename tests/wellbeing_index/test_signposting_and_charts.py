"""Support lines by nation, and the server-rendered charts."""

import pytest

from core.signposting import support_lines_for
from wellbeing_index.charts import Bar, bar_chart, compare_chart


@pytest.mark.parametrize(
    ("nation", "name", "phone"),
    [
        ("England", "Mind", "0300 123 3393"),
        ("Wales", "Mind", "0300 123 3393"),
        ("Scotland", "SAMH", "0344 800 0550"),
        ("Northern Ireland", "Inspire", "028 9032 8474"),
    ],
)
def test_each_nation_has_its_support_line(nation, name, phone):
    (line,) = support_lines_for(nations=[nation])
    assert (line.name, line.phone) == (name, phone)
    assert line.tel == "tel:" + phone.replace(" ", "")


def test_without_a_nation_all_lines_are_given_once():
    assert [line.name for line in support_lines_for(nations=[])] == ["Mind", "SAMH", "Inspire"]
    assert [line.name for line in support_lines_for(nations=["Wales", "England"])] == ["Mind"]


def test_a_bar_chart_draws_scores_averages_and_no_data():
    svg = bar_chart(
        bars=[Bar("Health <&>", 80, 50, 40), Bar("Equality", None, None, None)],
        title="Scores for Place <1>",
        chart_id="c",
        nation="Wales",
    )
    assert svg.startswith('<svg class="wellbeing-chart"')
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Scores for Place &lt;1&gt;</title>' in svg
    assert "Health &lt;&amp;&gt;" in svg  # labels are escaped
    assert 'width="248.0"' in svg  # 80% of the 310-wide track
    assert "no data" in svg
    assert 'stroke-dasharray="3 2"' in svg  # the Wales average marker
    assert "Wales average" in svg


def test_a_compare_chart_draws_pairs():
    svg = compare_chart(rows=[("Health", 100, None)], names=("M1 1AD", "EH1 1YZ"), chart_id="x")
    assert "M1 1AD" in svg and "EH1 1YZ" in svg
    assert 'width="310.0"' in svg
    assert "no data" in svg
