"""One negotiation from Python is `treatysim run`: the same JSON, text, CSV and SVG bytes; the
same messages for bad strategy choices; the DataFrames hold the trace's numbers."""

import io
import json
import math

import pandas as pd
import pytest

import treatysim as ts

CASES = [
    ("configs/sta-2024.toml", {}, 1, None),
    ("configs/sta-2024.toml", {"us": "hardliner", "cn": "conceder(e=3)"}, 7, None),
    ("configs/three-clauses.toml", {"us": "boulware(e=0.25)", "cn": "random(accept=0.2)"}, 11, None),
    ("configs/split-the-pie.toml", {}, 5, 20),
    ("configs/what-if-espionage.toml", {"cn": "pareto_follower"}, 2024, None),
]


def cli_args(path, agents, seed, deadline):
    args = ["run", path, "--seed", seed]
    for party, spec in agents.items():
        args += ["--agent", f"{party}={spec}"]
    if deadline is not None:
        args += ["--deadline", deadline]
    return args


@pytest.mark.parametrize("path,agents,seed,deadline", CASES)
def test_run_is_the_cli_byte_for_byte(cli, tmp_path, path, agents, seed, deadline):
    tr = ts.run(path, agents=agents, seed=seed, deadline=deadline)
    args = cli_args(path, agents, seed, deadline)
    assert tr.to_json() == cli(*args, "--format", "json").stdout
    assert tr.to_csv() == cli(*args, "--format", "csv").stdout
    assert str(tr) == cli(*args, "--svg", tmp_path / "run.svg").stdout
    assert tr.svg() == (tmp_path / "run.svg").read_text()


def test_a_scenario_object_and_a_path_give_the_same_trace(sta):
    assert ts.run(sta, seed=3).to_json() == ts.run("configs/sta-2024.toml", seed=3).to_json()


def test_result_and_events_hold_the_traces_numbers(sta):
    tr = ts.run(sta, seed=1)
    saved = json.loads(tr.to_json())
    assert tr.result == saved["result"]
    assert set(tr.result) >= {"agreement", "end", "offers", "utilities", "discounted_utilities"}
    events = tr.events
    issues = [i["id"] for i in sta.issues]
    assert list(events.columns) == ["offer", "party", "type"] + issues + ["utility_us", "utility_cn"]
    assert len(events) == len(saved["events"])
    offers = events[events["type"] == "offer"]
    assert len(offers) == tr.result["offers"]
    for (_, row), event in zip(events.iterrows(), saved["events"]):
        assert row["type"] == event["type"] and row["offer"] == event["offer"]
        if "outcome" in event:
            assert {i: row[i] for i in issues} == event["outcome"]
            assert row["utility_us"] == event["utilities"]["us"]
            # The utility is the scenario's: checked against the weighted sum.
            assert math.isclose(row["utility_cn"], sta.utility("cn", event["outcome"]),
                                abs_tol=1e-11)
        else:
            assert math.isnan(row["utility_us"])
    assert tr.agents == {"us": "boulware(e=0.2)", "cn": "pareto_follower(e=0.5)"}
    assert tr.seed == 1 and tr.scenario == sta


def test_offers_frame_is_the_csv(cli):
    tr = ts.run("configs/three-clauses.toml", seed=4)
    expected = pd.read_csv(io.StringIO(cli("run", "configs/three-clauses.toml", "--seed", 4,
                                           "--format", "csv").stdout))
    pd.testing.assert_frame_equal(tr.offers, expected)


def test_the_same_seed_replays_and_the_cli_accepts_the_trace(cli, tmp_path):
    a = ts.run("configs/sta-2024.toml", agents={"cn": "random"}, seed=99)
    b = ts.run("configs/sta-2024.toml", agents={"cn": "random"}, seed=99)
    assert a.to_json() == b.to_json()
    path = tmp_path / "trace.json"
    a.to_json(path)
    assert "identical" in cli("replay", path).stdout


def test_a_deadline_cuts_the_negotiation(sta):
    tr = ts.run(sta, agents={"us": "hardliner", "cn": "hardliner"}, deadline=6)
    assert tr.result["end"] == "deadline"
    assert tr.result["offers"] == 6
    assert tr.result["utilities"] == {"us": 0.4, "cn": 0.2}  # the reservation values


@pytest.mark.parametrize("agents,flags", [
    ({"us": "boulware(e=-1)"}, ["--us", "boulware(e=-1)"]),
    ({"us": "bulware"}, ["--us", "bulware"]),
    ({"xx": "linear"}, ["--agent", "xx=linear"]),
    ({"cn": "equilibrium"}, ["--cn", "equilibrium"]),
    ({"us": "boa(bidding=ac_next)"}, ["--us", "boa(bidding=ac_next)"]),
    ({"us": "linear(e=0.5"}, ["--us", "linear(e=0.5"]),
])
def test_bad_strategies_raise_the_clis_message(cli, sta, agents, flags):
    with pytest.raises(ts.SpecError) as caught:
        ts.run(sta, agents=agents)
    party = next(iter(agents))
    message = str(caught.value)
    assert message.startswith(f'agents["{party}"]: ')
    cli_message = cli.error("run", "configs/sta-2024.toml", *flags)
    # The same message, after the place where the user wrote the choice.
    assert message.split(": ", 1)[1] == cli_message.split(": ", 1)[1]


def test_bad_arguments():
    with pytest.raises(ts.TreatysimError, match="seed"):
        ts.run("configs/sta-2024.toml", seed=-1)
    with pytest.raises(ts.ScenarioError, match="protocol.deadline"):
        ts.run("configs/sta-2024.toml", deadline=0)
    with pytest.raises(ts.TreatysimError, match="agents: expected a dict"):
        ts.run("configs/sta-2024.toml", agents=["linear"])
    with pytest.raises(TypeError):
        ts.run(42)


def test_bench_measures_the_clis_loop(cli):
    figures = ts.bench("configs/three-clauses.toml", agents={"us": "boulware(e=0.25)",
                                                             "cn": "conceder(e=4)"},
                       negotiations=2000, seed=3, deadline=200)
    cli_json = json.loads(cli("bench", "configs/three-clauses.toml", "--us", "boulware(e=0.25)",
                              "--cn", "conceder(e=4)", "--negotiations", 2000, "--seed", 3,
                              "--deadline", 200, "--format", "json").stdout)
    expected = cli_json["scenarios"][0]
    assert list(figures) == list(expected)
    for key in ("scenario", "agents", "negotiations", "mean_offers", "agreement_rate",
                "mean_utilities"):
        assert figures[key] == expected[key]
    assert figures["offers_per_s"] > 0


def test_trace_shows_itself(sta):
    tr = ts.run(sta, seed=1)
    assert repr(tr) == "<Trace sta-2024 seed 1: agreement on offer 32 (33 offers)>"
    assert "<svg" in tr._repr_svg_()


def test_agents_is_the_clis_list(cli):
    table = ts.agents()
    expected = json.loads(cli("agents", "--format", "json").stdout)
    assert list(table.columns) == ["name", "kind", "description", "source", "traits",
                                   "parameters"]
    assert table.to_dict("records") == expected
