"""simulate, analyze, sweep, tune and evolve from Python are the CLI's commands: the same JSON,
CSV, text and SVG for the same input, DataFrames equal to the CLI's files."""

import io
import json

import pandas as pd
import pytest

import treatysim as ts

from conftest import ROOT


def frame(text):
    return pd.read_csv(io.StringIO(text))


# [SECTION] analyze --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["configs/sta-2024.toml", "configs/split-the-pie.toml",
                                  "configs/three-clauses.toml"])
def test_analyze_is_the_cli(cli, tmp_path, path):
    an = ts.analyze(path)
    assert an.to_json() == cli("analyze", path, "--format", "json").stdout
    assert str(an) == cli("analyze", path, "--svg", tmp_path / "a.svg").stdout
    assert an.svg() == (tmp_path / "a.svg").read_text()


def test_analyze_with_an_outcome(cli, sta):
    an = ts.analyze(sta)
    outcome = "S0/IP1/D1/G1/T2"
    assert an.to_json(outcome) == cli("analyze", "configs/sta-2024.toml", "--format", "json",
                                      "--outcome", outcome).stdout
    assert an.text(outcome) == cli("analyze", "configs/sta-2024.toml", "--outcome", outcome).stdout
    metrics = an.metrics(outcome)
    assert metrics == json.loads(an.to_json(outcome))["outcome"]["metrics"]
    u = sta.utilities(outcome)
    assert abs(metrics["social_welfare"] - (u["us"] + u["cn"])) < 1e-11


def test_analysis_frames(sta):
    an = ts.analyze(sta)
    frontier = an.frontier
    assert list(frontier.columns) == ["scope", "ip", "data", "guardrails", "term", "utility_us",
                                      "utility_cn"]
    assert len(frontier) == len(an.json["pareto"])
    # No frontier point dominates another.
    points = list(zip(frontier.utility_us, frontier.utility_cn))
    for a in points:
        assert not any(b[0] > a[0] + 1e-9 and b[1] > a[1] + 1e-9 for b in points)
    # The Nash point maximises the Nash product over the outcomes (THEORY: brute force).
    d = an.disagreement
    table = sta.outcomes()
    product = (table.utility_us - d["us"]) * (table.utility_cn - d["cn"])
    rational = (table.utility_us >= d["us"] - 1e-9) & (table.utility_cn >= d["cn"] - 1e-9)
    nash = an.solutions["nash"]["utilities"]
    assert abs((nash["us"] - d["us"]) * (nash["cn"] - d["cn"]) - product[rational].max()) < 1e-9
    assert an.equilibrium["agreement"] in (True, False)
    assert an.zopa["counted"] and an.zopa["count"] == int(rational.sum())


# [SECTION] simulate -------------------------------------------------------------------------------


def test_simulate_is_the_cli(cli, sta):
    life = ts.simulate(sta)
    assert life.to_json() == cli("simulate", "configs/sta-2024.toml", "--format", "json").stdout
    assert str(life) == cli("simulate", "configs/sta-2024.toml").stdout
    assert life.path == "in_force > extended > extended > lapsed > amended"
    months_csv = cli("simulate", "configs/sta-2024.toml", "--format", "csv", "--years", 4,
                     "--seed", 9).stdout
    short = ts.simulate(sta, years=4, seed=9)
    assert short.to_csv() == months_csv
    pd.testing.assert_frame_equal(short.months, frame(months_csv))


def test_lifecycle_frames(sta):
    life = ts.simulate(sta)
    saved = json.loads(life.to_json())
    assert list(life.timeline["state"]) == [e["state"] for e in saved["timeline"]]
    assert len(life.negotiations) == len(saved["negotiations"]) == len(life.traces)
    assert life.traces[0].to_json().startswith("{")
    assert list(life.compliance.columns)[:3] == ["date", "move_us", "move_cn"]
    assert life.final_state == saved["final_state"]


def test_simulate_runs_is_the_cli_for_any_number_of_threads(cli, sta):
    expected = cli("simulate", "configs/sta-2024.toml", "--runs", 40, "--format", "json").stdout
    for jobs in (1, 2):
        d = ts.simulate(sta, runs=40, jobs=jobs)
        assert d.to_json() == expected
    d = ts.simulate("configs/what-if-espionage.toml", runs=30, seed=5)
    assert d.to_csv() == cli("simulate", "configs/what-if-espionage.toml", "--runs", 30,
                             "--seed", 5, "--format", "csv").stdout
    assert str(d) == cli("simulate", "configs/what-if-espionage.toml", "--runs", 30, "--seed",
                         5).stdout
    assert d.paths["count"].sum() == 30
    assert abs(d.paths["share"].sum() - 1) < 1e-12


def test_simulate_errors(three):
    with pytest.raises(ts.ScenarioError, match="has no \\[treaty\\] section"):
        ts.simulate(three)
    with pytest.raises(ts.TreatysimError, match="years: expected 1 to 100"):
        ts.simulate("configs/sta-2024.toml", years=0)
    with pytest.raises(ts.TreatysimError, match="runs: expected at least 1"):
        ts.simulate("configs/sta-2024.toml", runs=0)


def test_simulate_with_other_negotiators(sta):
    life = ts.simulate(sta, agents={"us": "conceder"})
    assert life.json["negotiations"][0]["trace"]["agents"]["us"] == "conceder"


# [SECTION] sweep and tune --------------------------------------------------------------------------


def test_sweep_is_the_cli(cli, tmp_path):
    path = ROOT / "configs" / "tournaments" / "boulware-e-sweep.toml"
    table = ts.sweep(path, jobs=2)
    cli("sweep", path, "--csv", tmp_path / "e.csv", "--svg", tmp_path / "e.svg", "--jobs", 1)
    pd.testing.assert_frame_equal(pd.DataFrame(table), pd.read_csv(tmp_path / "e.csv"))
    assert table.chart_svg == (tmp_path / "e.svg").read_text()
    assert isinstance(table, pd.DataFrame)
    assert table.metric == "utility"
    assert table.iloc[table.best]["utility"] == table["utility"].max()
    assert table.parameters == ["e"]
    assert "<svg" in table._repr_html_()


def test_a_two_axis_sweep_dict(cli, tmp_path):
    path = ROOT / "configs" / "tournaments" / "boulware-heatmap-sweep.toml"
    import tomllib

    document = tomllib.loads(path.read_text())
    document["sweep"]["scenarios"] = [str(ROOT / "configs" / s.removeprefix("../"))
                                      for s in document["sweep"]["scenarios"]]
    table = ts.sweep(document)
    cli("sweep", path, "--csv", tmp_path / "h.csv", "--svg", tmp_path / "h.svg")
    pd.testing.assert_frame_equal(pd.DataFrame(table), pd.read_csv(tmp_path / "h.csv"))


def test_sweep_errors(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[sweep]\nstrategy = "boulware"\nopponents = ["linear"]\n'
                   'scenarios = ["x.toml"]\n')
    with pytest.raises(ts.StudyError) as caught:
        ts.sweep(bad)
    assert str(caught.value) == cli.error("sweep", bad, "--csv", tmp_path / "x.csv",
                                          "--svg", tmp_path / "x.svg")


def test_tune_finds_what_the_cli_finds(cli):
    path = "configs/tournaments/time-dependent-tune.toml"
    result = ts.tune(path, jobs=2)
    text = cli("tune", path, "--jobs", 1).stdout
    assert f"best after {result.evaluations} evaluations: {result.best_spec}  utility " \
           f"{result.best_score:.4f} on the tuning seeds (defaults {result.default_score:.4f})" in text
    assert len(result) == result.evaluations
    assert list(result.columns) == ["evaluation", "e", "k", "spec", "score", "best_score",
                                    "improved"]
    assert result["best_score"].iloc[-1] == result.best_score
    assert result.best_values == {"e": 0.05733, "k": 0.05}
    assert f"{result.best_validation['mean']:.4f}" in text


# [SECTION] evolve ----------------------------------------------------------------------------------


@pytest.mark.parametrize("game", ["hawk-dove", "rock-paper-scissors", "stag-hunt"])
def test_evolve_is_the_cli(cli, tmp_path, game):
    path = f"configs/tournaments/{game}.toml"
    ev = ts.evolve(path, runs=60, seed=3, generations=30)
    args = ["evolve", path, "--runs", 60, "--seed", 3, "--generations", 30]
    assert ev.to_json() == cli(*args, "--format", "json").stdout
    assert str(ev) == cli(*args).stdout
    cli(*args, "--out", tmp_path / "shares.csv")
    assert ev.to_csv() == (tmp_path / "shares.csv").read_text()
    pd.testing.assert_frame_equal(ev.shares, pd.read_csv(tmp_path / "shares.csv"))


def test_evolve_from_a_tournament_a_dict_and_a_dataframe():
    t = ts.tournament("configs/tournaments/classroom-self-play.toml")
    ev = ts.evolve(t, runs=20)
    assert ev.strategies == t.summary["payoff_matrix"]["competitors"]
    again = ts.evolve(t.summary, runs=20)
    assert again.json["replicator"] == ev.json["replicator"]
    hawk_dove = ts.evolve({"payoff_matrix": {"name": "hd", "strategies": ["hawk", "dove"],
                                             "payoffs": [[-1.0, 4.0], [0.0, 2.0]]}}, runs=50)
    frame_version = ts.evolve(hawk_dove.payoffs, runs=50)
    assert frame_version.json["metagame"] == hawk_dove.json["metagame"]
    # Hawk-dove's mixed equilibrium: hawks at (4−2)/(4−2+0−(−1)) = 2/3.
    mixed = [e for e in hawk_dove.json["metagame"]["equilibria"] if 0 < e["mix"][0] < 1][0]
    assert abs(mixed["mix"][0] - 2 / 3) < 1e-9


def test_evolve_errors(cli):
    with pytest.raises(ts.TreatysimError, match="population"):
        ts.evolve("configs/tournaments/hawk-dove.toml", population=1)
    with pytest.raises(ts.PayoffMatrixError) as caught:
        ts.evolve("configs/tournaments/classroom.toml")
    assert str(caught.value) == cli.error("evolve", "configs/tournaments/classroom.toml")
    # A dict is text the user never saw: the message names the key, not a line of it.
    with pytest.raises(ts.PayoffMatrixError) as caught:
        ts.evolve({"payoff_matrix": {"strategies": ["a"], "payoffs": [[1, 2]]}})
    assert str(caught.value) == ('<payoff matrix dict>: payoff_matrix.payoffs[0]: expected an '
                                 'array of 1 numbers ("a" against each strategy)')
    assert (caught.value.line, caught.value.key) == (None, "payoff_matrix.payoffs[0]")
