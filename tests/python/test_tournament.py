"""Tournaments from Python are `treatysim tournament`: the same files, the DataFrames equal to
those files, dicts equal to files, the CLI's messages, resumable folders."""

import json

import numpy as np
import pandas as pd
import pytest

import treatysim as ts

from conftest import ROOT

CLASSROOM = "configs/tournaments/classroom.toml"


@pytest.fixture(scope="module")
def classroom(tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("classroom")
    t = ts.tournament(ROOT / CLASSROOM, jobs=2, out=folder / "python")
    cli_out = cli("tournament", ROOT / CLASSROOM, "--jobs", 1, "--out", folder / "cli")
    return t, folder, cli_out


def test_files_are_the_clis(classroom):
    t, folder, _ = classroom
    for name in ("negotiations.csv", "summary.json"):
        assert (folder / "python" / name).read_bytes() == (folder / "cli" / name).read_bytes()


def test_negotiations_equal_the_csv_read_by_pandas(classroom):
    t, folder, _ = classroom
    expected = pd.read_csv(folder / "cli" / "negotiations.csv")
    pd.testing.assert_frame_equal(t.negotiations, expected)
    assert list(t.negotiations.columns) == [
        "index", "scenario", "repetition", "seed", "competitor_a", "party_a", "competitor_b",
        "party_b", "end", "agreement", "offers", "utility_a", "utility_b", "social_welfare",
        "distance_to_pareto", "distance_to_nash"]
    assert len(t.negotiations) == 1980


def test_summary_ranking_and_matrix_come_from_summary_json(classroom):
    t, folder, cli_out = classroom
    summary = json.loads((folder / "cli" / "summary.json").read_text())
    assert t.summary == summary
    assert t.ranking.to_dict("records") == summary["ranking"]
    assert list(t.payoff_matrix.index) == summary["payoff_matrix"]["competitors"]
    assert t.payoff_matrix.loc["boulware", "linear"] == \
        summary["payoff_matrix"]["mean_utility"][0][1]
    # print(t) is the CLI's tables.
    assert str(t) in cli_out.stdout
    assert t.complete and t.done == t.total == 1980
    html = t._repr_html_()
    assert "pareto_follower" in html and "<table>" in html


def test_the_mean_utility_is_the_mean_of_the_rows(classroom):
    t, _, _ = classroom
    rows = t.negotiations
    for entry in t.summary["ranking"][:3]:
        label = entry["competitor"]
        values = pd.concat([rows.loc[rows.competitor_a == label, "utility_a"],
                            rows.loc[rows.competitor_b == label, "utility_b"]])
        assert abs(values.mean() - entry["mean_utility"]) < 1e-9


def test_a_dict_is_a_file(tmp_path):
    document = {
        "tournament": {"name": "small", "repetitions": 4, "seed": 9,
                       "metrics": ["agreement", "offers", "social_welfare"]},
        "competitors": [{"label": "boulware", "strategy": "boulware"},
                        {"label": "conceder", "strategy": "conceder(e=3)"},
                        {"label": "random", "strategy": "random(accept=0.2)"}],
        "scenarios": [{"file": str(ROOT / "configs" / "three-clauses.toml")},
                      {"file": str(ROOT / "configs" / "sta-2024.toml")}],
    }
    text = ts._toml.dumps(document)
    path = tmp_path / "small.toml"
    path.write_text(text)
    from_dict = ts.tournament(document, jobs=1)
    from_file = ts.tournament(path, jobs=2)
    pd.testing.assert_frame_equal(from_dict.negotiations, from_file.negotiations)
    assert from_dict.summary["ranking"] == from_file.summary["ranking"]
    assert from_dict.out is None
    # Numbers taken from pandas or numpy (numpy.int64, numpy.float64) are plain numbers in a dict.
    document["tournament"]["repetitions"] = np.int64(4)
    document["tournament"]["seed"] = pd.Series([9]).iloc[0]
    from_numpy = ts.tournament(document, jobs=1)
    pd.testing.assert_frame_equal(from_numpy.negotiations, from_file.negotiations)


def test_scenario_objects_and_edited_scenarios_play(sta):
    harder = sta.replace(id="sta-harder", reservation={"us": 0.6})
    t = ts.tournament({
        "tournament": {"name": "edited", "repetitions": 2},
        "competitors": [{"label": "a", "strategy": "boulware"}, {"label": "b", "strategy": "linear"}],
        "scenarios": [sta, harder],
    })
    assert set(t.negotiations["scenario"]) == {"sta-2024", "sta-harder"}


def test_errors_are_the_clis(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[tournament]\nname = "x"\nrepetitions = 0\n')
    with pytest.raises(ts.TournamentError) as caught:
        ts.tournament(bad)
    assert str(caught.value) == cli.error("tournament", bad, "--out", tmp_path / "o")
    assert caught.value.line == 3 and caught.value.key == "tournament.repetitions"
    # A dict names the key but no line of text the user never saw.
    with pytest.raises(ts.TournamentError) as caught:
        ts.tournament({"tournament": {"name": "x", "repetitions": 0}})
    assert str(caught.value) == ("<tournament dict>: tournament.repetitions: expected a number of "
                                 "repetitions from 1 to 1000000, got 0")
    with pytest.raises(ts.TournamentError, match="cannot play scenario"):
        ts.tournament({"tournament": {"name": "x"},
                       "competitors": [{"label": "eq", "strategy": "equilibrium"},
                                       {"label": "l", "strategy": "linear"}],
                       "scenarios": [{"file": "configs/three-clauses.toml"}]})
    with pytest.raises(ts.TournamentError, match="traces"):
        ts.tournament(CLASSROOM, traces=True)
    with pytest.raises(ts.TournamentError, match="resume: give out="):
        ts.tournament(CLASSROOM, resume=True)


def test_resume_finishes_a_shard_and_refuses_a_mismatch(tmp_path, cli):
    folder = tmp_path / "part"
    first = ts.tournament(CLASSROOM, out=folder, shard="1/2")
    assert first.complete and first.total == 990
    with pytest.raises(ts.TournamentError, match="holds|shard"):
        ts.tournament(CLASSROOM, out=folder, resume=True)  # another shard than the folder's
    cli("tournament", CLASSROOM, "--shard", "2/2", "--out", tmp_path / "part2")
    cli("merge", folder, tmp_path / "part2", "--out", tmp_path / "whole")
    whole = ts.tournament(CLASSROOM, out=tmp_path / "python-whole")
    assert (tmp_path / "whole" / "negotiations.csv").read_bytes() == \
        (tmp_path / "python-whole" / "negotiations.csv").read_bytes()
    assert whole.summary["complete"]


def test_progress_callback_counts_every_negotiation():
    seen = []
    ts.tournament(CLASSROOM, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (1980, 1980)
    assert all(total == 1980 for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
