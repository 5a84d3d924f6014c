"""Scoring on a small hand-computed data set (see the ``hand_index`` fixture).

jobs (economy, higher better, UK-wide): E1 10, E2 20, E3 20, W1 40, W2 none
    ranks 1, 2.5, 2.5, 4 of 4 → 0, 50, 50, 100
poverty (economy, lower better, within nation): England 5, 15, 25 → 100, 50, 0;
    Wales W1 30, W2 10 → 0, 100
clinics (health): everyone 1 → all tied → 50
crime (relationships & trust, lower better): E1 3, E3 1 → 0, 100
life (beside the domains): E1 7, W1 8 → 0, 100
"""

import pytest

from wellbeing_index.models import AreaScore, Benchmark, Level
from wellbeing_index.services import index_compute, percentile_scores

from .factories import EditionFactory, IndicatorFactory, values_set


def scores_of(hand_index, key):
    return AreaScore.objects.get(edition=hand_index.edition, area=hand_index.areas[key]).scores


def test_percentile_rank_runs_from_worst_0_to_best_100():
    assert list(percentile_scores([3, 1, 2])) == [100.0, 0.0, 50.0]


def test_lower_is_better_reverses_the_order():
    assert list(percentile_scores([3, 1, 2], higher_is_better=False)) == [0.0, 100.0, 50.0]


def test_tied_values_share_the_mean_of_their_ranks():
    assert list(percentile_scores([10, 20, 20, 40])) == [0.0, 50.0, 50.0, 100.0]
    assert list(percentile_scores([1, 2, 2, 2, 3])) == [0.0, 50.0, 50.0, 50.0, 100.0]


def test_a_lone_value_or_all_equal_values_score_50():
    assert list(percentile_scores([7])) == [50.0]
    assert list(percentile_scores([4, 4, 4])) == [50.0, 50.0, 50.0]


def test_indicator_scores_respect_direction_and_ties(hand_index):
    assert scores_of(hand_index, "E1")["i"]["jobs"] == [10.0, 0.0]
    assert scores_of(hand_index, "E2")["i"]["jobs"] == [20.0, 50.0]
    assert scores_of(hand_index, "E3")["i"]["jobs"] == [20.0, 50.0]
    assert scores_of(hand_index, "W1")["i"]["jobs"] == [40.0, 100.0]
    assert "jobs" not in scores_of(hand_index, "W2")["i"]  # no value: no score, not 0
    assert scores_of(hand_index, "E3")["i"]["crime"] == [1.0, 100.0]
    assert scores_of(hand_index, "E1")["i"]["crime"] == [3.0, 0.0]


def test_nation_scaled_indicators_are_ranked_within_each_nation(hand_index):
    poverty = {key: scores_of(hand_index, key)["i"]["poverty"][1] for key in hand_index.areas}
    assert poverty == {"E1": 100.0, "E2": 50.0, "E3": 0.0, "W1": 0.0, "W2": 100.0}


def test_domain_is_the_mean_of_its_indicators(hand_index):
    economy = {key: scores_of(hand_index, key)["d"]["economy"] for key in hand_index.areas}
    assert economy == {"E1": 50.0, "E2": 50.0, "E3": 25.0, "W1": 50.0, "W2": 100.0}
    assert all(scores_of(hand_index, k)["d"]["health"] == 50.0 for k in hand_index.areas)


def test_pillar_is_the_mean_of_its_domains_and_missing_domains_are_left_out(hand_index):
    e3 = scores_of(hand_index, "E3")
    assert e3["p"]["people"] == 37.5  # mean of health 50 and economy 25; no education data
    assert e3["p"]["relationships"] == 100.0
    assert "place" not in e3["p"]  # no data, never 0
    assert "relationships" not in scores_of(hand_index, "E2")["p"]


def test_overall_is_the_mean_of_the_pillars(hand_index):
    overall = {key: scores_of(hand_index, key)["o"] for key in hand_index.areas}
    assert overall == {"E1": 25.0, "E2": 50.0, "E3": 68.75, "W1": 50.0, "W2": 75.0}
    row = AreaScore.objects.get(edition=hand_index.edition, area=hand_index.areas["E3"])
    assert row.overall == 68.75


def test_indicators_beside_the_domains_are_scored_but_not_counted(hand_index):
    e1 = scores_of(hand_index, "E1")
    assert e1["i"]["life"] == [7.0, 0.0]
    assert e1["o"] == 25.0  # people 50, relationships 0: life satisfaction plays no part


def test_uk_and_nation_averages_are_stored(hand_index):
    uk = Benchmark.objects.get(edition=hand_index.edition, level=Level.LOCAL_AUTHORITY, nation="")
    england = Benchmark.objects.get(
        edition=hand_index.edition, level=Level.LOCAL_AUTHORITY, nation="England"
    )
    wales = Benchmark.objects.get(
        edition=hand_index.edition, level=Level.LOCAL_AUTHORITY, nation="Wales"
    )
    assert uk.area_count == 5
    assert uk.averages["o"] == 53.75  # (25 + 50 + 68.75 + 50 + 75) / 5
    assert england.averages["o"] == 47.92  # (25 + 50 + 68.75) / 3
    assert wales.averages["o"] == 62.5
    assert uk.averages["d"]["economy"] == 55.0
    assert uk.averages["p"]["relationships"] == 50.0  # only areas that have it
    assert uk.averages["i"]["jobs"] == [22.5, 50.0]  # raw mean, score mean
    # Measures on each nation's own scale have no UK raw mean, only a nation one.
    assert uk.averages["i"]["poverty"][0] is None
    assert england.averages["i"]["poverty"] == [15.0, 50.0]


def test_recomputing_gives_the_same_scores(hand_index):
    before = {s.area_id: s.scores for s in AreaScore.objects.all()}
    result = index_compute(edition=hand_index.edition)
    assert result.areas == 5
    assert {s.area_id: s.scores for s in AreaScore.objects.all()} == before


def test_scores_are_kept_per_data_year(hand_index):
    later = EditionFactory(year=2026)
    jobs = IndicatorFactory(edition=later, code="jobs")
    values_set(jobs, {hand_index.areas["E1"]: 50, hand_index.areas["E2"]: 10})
    index_compute(edition=later)
    e1 = hand_index.areas["E1"]
    assert AreaScore.objects.get(edition=later, area=e1).scores["i"]["jobs"] == [50.0, 100.0]
    # The 2025 edition is untouched.
    assert AreaScore.objects.get(edition=hand_index.edition, area=e1).scores["i"]["jobs"] == [
        10.0,
        0.0,
    ]


@pytest.mark.parametrize("command_args", [[], ["--edition", "2025"]])
def test_compute_index_command_recomputes(hand_index, command_args, capsys):
    from django.core.management import call_command

    AreaScore.objects.all().delete()
    call_command("compute_index", *command_args)
    assert AreaScore.objects.filter(edition=hand_index.edition).count() == 5
    assert "2025 edition: scored 5 areas" in capsys.readouterr().out


def test_compute_index_command_explains_an_unknown_edition(hand_index):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="There is no 1999 edition"):
        call_command("compute_index", "--edition", "1999")
