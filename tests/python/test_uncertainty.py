"""Uncertainty from Python (issue 16): reservation values drawn for every negotiation — what a
strategy written in Python sees of them, how a scenario shows and edits their distribution, the
traces' "reservations", `run --model-report`, and tournaments ranked by advantage with the
models' accuracy — each the engine's, compared with the CLI's output for the same input."""

import json
import os

import numpy as np
import pandas as pd
import pytest

import treatysim as ts

from conftest import ROOT
from replicas import PyTimeDependent

UNCERTAIN = "configs/three-clauses-uncertain.toml"
BAYESIAN = ("boa(bidding=om_bidding(target=time_dependent(e=0.2)), acceptance=ac_combi, "
            "model=bayesian)")


@pytest.fixture(scope="module")
def uncertain():
    return ts.load_scenario(ROOT / UNCERTAIN)


class Recorder(ts.Agent):
    """Records the reservation values its context shows; always asks for its best outcome."""

    def __init__(self):
        self.seen = []

    def reset(self, context):
        self.context = context
        opponent = context.opponent.reservation_value if context.opponent else None
        self.seen.append((context.own.reservation_value, opponent))

    def propose(self, state):
        return self.context.own.best()

    def respond(self, state, offer):
        return "reject"


# [SECTION] What a strategy written in Python sees ------------------------------------------------


def test_a_python_strategy_sees_the_value_drawn_for_its_negotiation(cli, uncertain):
    seen, drawn = [], []
    for seed in range(1, 13):
        agent = Recorder()
        trace = ts.run(uncertain, agents={"us": agent}, seed=seed)
        (own, opponent), = agent.seen
        assert opponent is None  # private information: no view of the other side
        seen.append(own)
        drawn.append(trace.reservations["us"])
    assert seen == drawn
    # The CLI's traces draw the same values (three seeds checked).
    for seed in (1, 6, 7):
        saved = json.loads(cli("run", UNCERTAIN, "--seed", seed, "--format", "json").stdout)
        assert saved["result"]["reservations"]["us"] == seen[seed - 1]
    # us is a dove (0.25) three times in four, a hawk (0.85) otherwise — never the mean 0.4.
    assert set(seen) == {0.25, 0.85} and uncertain.parties[0]["reservation_mean"] == 0.4
    assert seen[:8] == [0.25, 0.25, 0.25, 0.25, 0.25, 0.85, 0.85, 0.85]


def test_a_kept_context_keeps_its_negotiations_value(uncertain):
    hawk, dove = Recorder(), Recorder()
    ts.run(uncertain, agents={"us": hawk}, seed=6)
    ts.run(uncertain, agents={"us": dove}, seed=1)
    assert hawk.context.own.reservation_value == 0.85
    assert dove.context.own.reservation_value == 0.25
    # The rest of the view is the party's.
    assert hawk.context.own.weights == uncertain.parties[0]["weights"]
    assert hawk.context.own.utility(hawk.context.own.best()) == hawk.context.own.max_utility


def test_complete_information_shows_both_drawn_values(uncertain):
    complete = uncertain.replace(information="complete")
    for seed in (2, 7, 9):
        us, cn = Recorder(), Recorder()
        r = ts.run(complete, agents={"us": us, "cn": cn}, seed=seed).reservations
        assert us.seen == [(r["us"], r["cn"])] and cn.seen == [(r["cn"], r["us"])]


def test_a_fixed_reservation_value_is_the_scenarios(three):
    agent = Recorder()
    trace = ts.run(three, agents={"us": agent}, seed=1)
    assert agent.seen == [(three.parties[0]["reservation"], None)]
    assert trace.reservations is None and "reservations" not in trace.result


@pytest.mark.parametrize("seed", [1, 6, 7, 9])
def test_a_python_replica_plays_the_engines_negotiation_under_drawn_values(uncertain, seed):
    # The replica concedes down to max(own reservation value, worst utility), as the engine's
    # Boulware does: it plays the same negotiation only if it sees the same drawn value.
    python = ts.run(uncertain, agents={"us": PyTimeDependent(e=0.2), "cn": "conceder"}, seed=seed)
    engine = ts.run(uncertain, agents={"us": "boulware", "cn": "conceder"}, seed=seed)
    assert json.loads(python.to_json())["events"] == json.loads(engine.to_json())["events"]
    assert python.result == engine.result


# [SECTION] Scenarios: reading and editing the distribution ---------------------------------------


def test_a_scenario_shows_the_distribution_as_the_file_writes_it(uncertain, three):
    us, cn = uncertain.parties
    assert us["reservation"] == {"choices": [0.25, 0.85], "weights": [3, 1]}
    assert cn["reservation"] == {"choices": [0.1, 0.25, 0.6]}
    # Means by hand: 0.25·3/4 + 0.85·1/4 = 0.4; (0.1 + 0.25 + 0.6)/3.
    assert us["reservation_mean"] == pytest.approx(0.4, abs=1e-15)
    assert cn["reservation_mean"] == pytest.approx(0.95 / 3, abs=1e-15)
    fixed = three.parties[0]
    assert isinstance(fixed["reservation"], float)
    assert fixed["reservation"] == fixed["reservation_mean"]
    assert "drawn per negotiation" in uncertain._repr_html_()
    # Given back, the distributions change nothing.
    same = uncertain.replace(reservation={p["id"]: p["reservation"] for p in uncertain.parties})
    assert same == uncertain


@pytest.mark.parametrize("distribution,toml", [
    ({"uniform": [0.2, 0.5]}, "{ uniform = [0.2, 0.5] }"),
    ({"beta": [2, 5], "range": [0, 0.6]}, "{ beta = [2, 5], range = [0, 0.6] }"),
    ({"choices": [0.1, 0.7], "weights": [1, 3]}, "{ choices = [0.1, 0.7], weights = [1, 3] }"),
    ({"choices": [0.3]}, "{ choices = [0.3] }"),
])
def test_a_distribution_set_in_python_is_the_files(cli, tmp_path, three, distribution, toml):
    edited = three.replace(reservation={"cn": distribution})
    assert edited.parties[1]["reservation"] == distribution
    assert f"reservation = {toml}\n" in edited.to_toml()
    # The same scenario written as a file: equal, and the CLI draws what Python draws.
    text = three.to_toml().replace(f'reservation = {three.parties[1]["reservation"]}\n',
                                   f"reservation = {toml}\n", 1)
    assert text.count(toml) == 1
    assert ts.Scenario.from_toml(text) == edited
    path = tmp_path / "edited.toml"
    edited.save(path)
    for seed in (1, 2, 3):
        trace = ts.run(edited, seed=seed)
        assert trace.to_json() == cli("run", path, "--seed", seed, "--format", "json").stdout
        assert trace.reservations["us"] == three.parties[0]["reservation"]
        low, high = {"uniform": (0.2, 0.5), "beta": (0, 0.6)}.get(
            next(iter(distribution)), (min(distribution.get("choices", [0])),
                                       max(distribution.get("choices", [1]))))
        assert low <= trace.reservations["cn"] <= high


def test_a_number_makes_the_value_fixed_again(uncertain):
    edited = uncertain.replace(reservation={"us": 0.3})
    assert edited.parties[0]["reservation"] == 0.3
    assert edited.parties[1]["reservation"] == {"choices": [0.1, 0.25, 0.6]}
    agent = Recorder()
    trace = ts.run(edited, agents={"us": agent}, seed=6)
    assert agent.seen == [(0.3, None)] and trace.reservations["us"] == 0.3
    both = edited.replace(reservation={"cn": 0.2})
    assert ts.run(both, seed=6).reservations is None


def file_message(cli, tmp_path, three, toml):
    """The CLI's message (after the key) for a scenario file whose cn reservation is `toml`."""
    text = three.to_toml().replace(f'reservation = {three.parties[1]["reservation"]}\n',
                                   f"reservation = {toml}\n", 1)
    path = tmp_path / "bad.toml"
    path.write_text(text)
    message = cli.error("validate", path)
    return message.split(": ", 2)[2] if message.count(": ") >= 2 else message


@pytest.mark.parametrize("distribution,toml,key", [
    ({"uniform": [0.2, 0.5, 0.6]}, "{ uniform = [0.2, 0.5, 0.6] }", ".uniform"),
    ({"uniform": [0.6, 0.5]}, "{ uniform = [0.6, 0.5] }", ".uniform"),
    ({"uniform": [0.2, 1.5]}, "{ uniform = [0.2, 1.5] }", ".uniform[1]"),
    ({"normal": [0.2, 0.1]}, "{ normal = [0.2, 0.1] }", ".normal"),
    ({"beta": [2, 3]}, "{ beta = [2, 3] }", ".range"),
    ({"beta": [0, 3], "range": [0, 1]}, "{ beta = [0, 3], range = [0, 1] }", ".beta[0]"),
    ({"choices": [0.1, "x"]}, '{ choices = [0.1, "x"] }', ".choices[1]"),
    ({"choices": [0.1], "weights": [-1]}, "{ choices = [0.1], weights = [-1] }", ".weights[0]"),
    ({"uniform": [0.1, 0.2], "choices": [0.3]}, "{ uniform = [0.1, 0.2], choices = [0.3] }", ""),
])
def test_a_bad_distribution_gets_the_files_message_at_its_key(cli, tmp_path, three, distribution,
                                                              toml, key):
    with pytest.raises(ts.ScenarioError) as caught:
        three.replace(reservation={"cn": distribution})
    error = caught.value
    assert error.key == "reservation['cn']" + key
    assert str(error) == f"{error.key}: {error.message}"
    # What the scenario file's reader says of the same value (there at parties[1].reservation…).
    cli_message = file_message(cli, tmp_path, three, toml)
    assert cli_message.endswith(error.message), (cli_message, error.message)


def test_values_that_are_no_reservation_are_refused(three):
    with pytest.raises(ts.ScenarioError, match=r"reservation\['cn'\]: expected a number or a "
                                               r"distribution .*got 'high'"):
        three.replace(reservation={"cn": "high"})
    with pytest.raises(ts.ScenarioError, match=r"reservation\['cn'\]: expected numbers in the "
                                               r"distribution"):
        three.replace(reservation={"cn": {"choices": [0.1, None]}})
    with pytest.raises(ts.ScenarioError, match=r"reservation\['cn'\]: expected a number"):
        three.replace(reservation={"cn": True})


# [SECTION] run --model-report ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [6, 9])
def test_the_model_report_is_the_clis(cli, seed):
    trace = ts.run(UNCERTAIN, agents={"us": BAYESIAN}, seed=seed, model_report=True)
    args = ["run", UNCERTAIN, "--agent", f"us={BAYESIAN}", "--seed", seed, "--model-report"]
    assert trace.to_json() == cli(*args, "--format", "json").stdout
    assert str(trace) == cli(*args).stdout
    report = trace.model_report
    assert report == json.loads(trace.to_json())["model_report"]
    assert report["us"]["models"] == "cn" and "cn" not in report  # conceder has no model
    assert report["outcomes"] == 100 and not report["sampled"]
    assert set(report["us"]["final"]) == {"pearson", "kendall", "mae", "pareto",
                                          "estimated_reservation", "reservation_error"}
    assert report["us"]["curve"][-1]["pearson"] == report["us"]["final"]["pearson"]
    # The negotiation is the one played without the report.
    plain = ts.run(UNCERTAIN, agents={"us": BAYESIAN}, seed=seed)
    assert plain.model_report is None and plain.result == trace.result
    assert "model_report" not in plain.json


# [SECTION] Tournaments ranked by advantage, with the models' accuracy -----------------------------

MODELS = ["model_pearson", "model_kendall", "model_mae", "model_pareto", "model_reservation_error"]


def small_tournament(scenario):
    return {
        "tournament": {"name": "uncertain-small", "repetitions": 3, "seed": 2024,
                       "rank_by": "advantage", "metrics": ["agreement", "advantage", *MODELS]},
        "competitors": [
            {"label": "boulware", "strategy": "boulware"},
            {"label": "om_frequency", "strategy": BAYESIAN.replace("bayesian", "frequency")},
            {"label": "om_zeng_sycara",
             "strategy": BAYESIAN.replace("model=bayesian", "model=zeng_sycara(model=bayesian)")},
        ],
        "scenarios": [{"file": scenario}],
    }


@pytest.fixture(scope="module")
def by_advantage(tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("uncertain")
    document = small_tournament(os.fspath(ROOT / UNCERTAIN))
    t = ts.tournament(document, jobs=2, out=folder / "python", progress=False)
    (folder / "small.toml").write_text(ts._toml.dumps(document))
    cli("tournament", folder / "small.toml", "--jobs", 1, "--out", folder / "cli")
    return t, folder


def test_the_files_are_the_clis(by_advantage):
    t, folder = by_advantage
    for name in ("negotiations.csv", "summary.json"):
        assert (folder / "python" / name).read_bytes() == (folder / "cli" / name).read_bytes()
    pd.testing.assert_frame_equal(t.negotiations,
                                  pd.read_csv(folder / "cli" / "negotiations.csv"))
    assert t.summary == json.loads((folder / "cli" / "summary.json").read_text())


def test_negotiations_have_the_drawn_values_and_the_models_accuracy(by_advantage, uncertain):
    t, _ = by_advantage
    rows = t.negotiations
    columns = ["reservation_a", "reservation_b"] + [f"{m}_{s}" for s in "ab" for m in MODELS]
    assert list(rows.columns[-len(columns):]) == columns
    assert all(pd.api.types.is_float_dtype(rows[c]) for c in columns)
    # Each row's values are those its negotiation draws (run with the row's seed).
    specs = {c["label"]: c["strategy"] for c in small_tournament("")["competitors"]}
    for _, row in rows.iloc[::4].iterrows():
        trace = ts.run(uncertain, agents={row.party_a: specs[row.competitor_a],
                                          row.party_b: specs[row.competitor_b]}, seed=row.seed)
        assert trace.reservations == {row.party_a: row.reservation_a,
                                      row.party_b: row.reservation_b}
    # Boulware has no model: its columns are empty; Zeng & Sycara estimates a reservation value.
    assert rows.loc[rows.competitor_a == "boulware", "model_pearson_a"].isna().all()
    assert rows.loc[rows.competitor_a == "om_frequency", "model_pearson_a"].notna().all()
    assert rows.loc[rows.competitor_a == "om_frequency", "model_reservation_error_a"].isna().all()
    assert rows.loc[rows.competitor_a == "om_zeng_sycara",
                    "model_reservation_error_a"].notna().all()


def test_the_ranking_is_by_advantage_the_mean_of_the_rows(by_advantage):
    t, _ = by_advantage
    rows, ranking = t.negotiations, t.ranking
    assert t.summary["rank_by"] == "advantage"
    assert list(ranking["mean_advantage"]) == sorted(ranking["mean_advantage"], reverse=True)
    for _, entry in ranking.iterrows():
        values = []
        for side in "ab":
            mine = rows[rows[f"competitor_{side}"] == entry.competitor]
            # The ANL score: utility above one's own drawn reservation value, 0 without a deal.
            values += list(np.where(mine.agreement == 1,
                                    mine[f"utility_{side}"] - mine[f"reservation_{side}"], 0.0))
        assert entry.mean_advantage == pytest.approx(np.mean(values), abs=1e-11)
    for metric in MODELS:
        assert pd.api.types.is_float_dtype(ranking[f"mean_{metric}"])
        assert pd.api.types.is_integer_dtype(ranking[f"{metric}_n"])
    assert "mean advantage" in t._repr_html_()


def test_model_columns_keep_their_dtypes_when_no_one_has_a_model(three):
    t = ts.tournament({
        "tournament": {"name": "no-models", "repetitions": 1, "seed": 3,
                       "metrics": ["advantage", *MODELS]},
        "competitors": [{"label": "boulware", "strategy": "boulware"},
                        {"label": "conceder", "strategy": "conceder"}],
        "scenarios": [three],
    }, jobs=1, progress=False)
    for metric in MODELS:
        assert t.ranking[f"mean_{metric}"].isna().all()
        assert pd.api.types.is_float_dtype(t.ranking[f"mean_{metric}"])
        assert list(t.ranking[f"{metric}_n"]) == [0, 0]
        assert pd.api.types.is_float_dtype(t.negotiations[f"{metric}_a"])
    assert pd.api.types.is_float_dtype(t.ranking["mean_advantage"])


# [SECTION] The worked example of docs/python.md ("Uncertainty") -----------------------------------


class Sees(ts.Agent):
    def reset(self, context):
        self.value = context.own.reservation_value
        self.own = context.own

    def propose(self, state):
        return self.own.best()

    def respond(self, state, offer):
        return "accept" if self.own.utility(offer) >= max(self.value, 0.7) else "reject"


def test_the_worked_example_of_the_docs(uncertain):
    assert uncertain.parties[0]["reservation"] == {"choices": [0.25, 0.85], "weights": [3.0, 1.0]}
    table = {5: (0.25, {"us": 0.25, "cn": 0.25}, True, 4, {"us": 0.8, "cn": 0.54}),
             6: (0.85, {"us": 0.85, "cn": 0.1}, True, 12, {"us": 0.885, "cn": 0.25}),
             7: (0.85, {"us": 0.85, "cn": 0.6}, False, 20, {"us": 0.85, "cn": 0.6}),
             9: (0.25, {"us": 0.25, "cn": 0.6}, True, 8, {"us": 0.71, "cn": 0.69})}
    for seed, (value, drawn, agreement, offers, utilities) in table.items():
        agent = Sees()
        trace = ts.run(uncertain, agents={"us": agent}, seed=seed)
        assert (agent.value, trace.reservations, trace.result["agreement"],
                trace.result["offers"], trace.result["utilities"]) == \
            (value, drawn, agreement, offers, utilities)
    text = (ROOT / "docs" / "python.md").read_text()
    assert "| 7 | 0.85 | us 0.85, cn 0.6 | no (deadline, 20 offers) | us 0.85, cn 0.6 |" in text
