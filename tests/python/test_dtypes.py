"""Every DataFrame of the package has the dtypes its columns mean: counts int64, utilities and
shares float64, flags bool, names and option ids text (object of str) — also when an id looks
like a number ("0", "007") or like pandas' missing values ("NA", "None"), and when a table has
no rows. The CLI's CSV files read by the package keep their values exactly."""

import re

import numpy as np
import pandas as pd
import pytest

import treatysim as ts

from conftest import ROOT

# The three-clauses scenario with option ids a CSV reader would take for numbers or missing
# values: IP0..IP4 → 0, 007, 2, NA, None; D0..D3 → 1.0, nan, D2, D3; the scenario id "2024".
RENAMES = {"IP0": "0", "IP1": "007", "IP3": "NA", "IP4": "None", "D0": "1.0", "D1": "nan"}


@pytest.fixture(scope="module")
def numeric_ids():
    text = (ROOT / "configs" / "three-clauses.toml").read_text()
    text = text.replace('id = "three-clauses"', 'id = "2024"')
    for old, new in RENAMES.items():
        text = re.sub(rf'"{old}"', f'"{new}"', text)
    return ts.Scenario.from_toml(text)


def kinds(frame):
    """{column: "int" | "float" | "bool" | "text"}; text columns must hold only str or None."""
    out = {}
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            out[column] = "bool"
        elif pd.api.types.is_integer_dtype(dtype):
            out[column] = "int"
        elif pd.api.types.is_float_dtype(dtype):
            out[column] = "float"
        else:
            values = frame[column].dropna()
            assert all(isinstance(v, str) for v in values), (column, values.map(type).unique())
            out[column] = "text"
    return out


def test_trace_frames_keep_option_ids_as_text(numeric_ids):
    trace = ts.run(numeric_ids, agents={"us": "boulware(e=0.2)", "cn": "random(accept=0.0)"},
                   seed=3, deadline=30)
    issues = ["ip", "data", "dual_use"]
    assert kinds(trace.events) == {"offer": "int", "party": "text", "type": "text",
                                   **{i: "text" for i in issues},
                                   "utility_us": "float", "utility_cn": "float"}
    assert kinds(trace.offers) == {"offer": "int", "proposer": "text", **{i: "text" for i in issues},
                                   "utility_us": "float", "utility_cn": "float",
                                   "response": "text"}
    # The ids are the scenario's, in both tables, and the same offer by offer.
    ids = {o["id"] for o in numeric_ids.issues[0]["options"]}
    assert set(trace.offers["ip"]) <= ids
    assert {"0", "007", "NA", "None"} & set(trace.offers["ip"])
    offers = trace.events[trace.events["type"] == "offer"].reset_index(drop=True)
    assert offers["ip"].tolist() == trace.offers["ip"].tolist()
    assert offers["data"].tolist() == trace.offers["data"].tolist()


def test_analysis_and_outcome_frames(numeric_ids):
    frontier = ts.analyze(numeric_ids).frontier
    assert kinds(frontier) == {"ip": "text", "data": "text", "dual_use": "text",
                               "utility_us": "float", "utility_cn": "float"}
    outcomes = numeric_ids.outcomes()
    assert kinds(outcomes)["ip"] == "text" and len(outcomes) == 100
    assert set(outcomes["ip"]) == {"0", "007", "IP2", "NA", "None"}


def test_tournament_frames_keep_labels_and_scenario_ids_as_text(numeric_ids):
    t = ts.tournament({
        "tournament": {"name": "numbers", "repetitions": 2, "seed": 5},
        "competitors": [{"label": "1", "strategy": "boulware"},
                        {"label": "2", "strategy": "conceder"},
                        {"label": "NA", "strategy": "hardliner"}],
        "scenarios": [numeric_ids],
    }, jobs=1, progress=False)
    k = kinds(t.negotiations)
    for column in ("scenario", "competitor_a", "party_a", "competitor_b", "party_b", "end"):
        assert k[column] == "text"
    for column in ("index", "repetition", "seed", "agreement", "offers"):
        assert k[column] == "int"
    for column in ("utility_a", "utility_b", "social_welfare", "distance_to_pareto",
                   "distance_to_nash"):
        assert k[column] == "float"
    assert set(t.negotiations["scenario"]) == {"2024"}
    assert set(t.negotiations["competitor_a"]) == {"1", "2", "NA"}
    assert kinds(t.ranking)["competitor"] == "text"
    assert {kinds(t.ranking)[c] for c in ("rank", "n")} == {"int"}
    assert kinds(t.adjacent_tests) == {
        "higher": "text", "lower": "text", "n": "int", "mean_difference": "float", "t": "float",
        "degrees_of_freedom": "float", "p_value": "float", "holm_p_value": "float",
        "significant": "bool"}
    assert set(kinds(t.payoff_matrix).values()) == {"float"}


def test_lifecycle_frames(sta):
    life = ts.simulate(sta, seed=1)
    assert kinds(life.negotiations) == {
        "phase": "text", "opened": "text", "agreed": "text", "superseded": "bool",
        "ratified_us": "bool", "ratified_cn": "bool", "end": "text", "offers": "int",
        "outcome": "text"}
    assert kinds(life.compliance) == {
        "date": "text", "move_us": "text", "move_cn": "text", "detected_us": "bool",
        "detected_cn": "bool", "payoff_us": "float", "payoff_cn": "float"}
    assert kinds(life.months) == {"month": "text", "state": "text", "trust_us": "float",
                                  "trust_cn": "float", "payoff_us": "float",
                                  "payoff_cn": "float"}
    assert set(kinds(life.timeline).values()) == {"text"}
    lives = ts.simulate(sta, seed=1, runs=20)
    assert kinds(lives.paths) == {"path": "text", "count": "int", "share": "float"}
    assert kinds(lives.final_clauses) == {"final": "text", "count": "int", "share": "float"}


def test_tables_without_rows_keep_their_dtypes():
    # The helper every JSON-built table goes through: no rows, the same dtypes as with rows.
    from treatysim import _results

    empty = _results._frame([], ["offer", "party", "utility_us", "ratified_us"],
                            {"offer": "int64", "utility_us": "float64", "ratified_us": "bool"})
    assert kinds(empty) == {"offer": "int", "party": "text", "utility_us": "float",
                            "ratified_us": "bool"}
    csv = _results._read_csv("month,state,trust_us\n", ["month", "state"])
    assert kinds(csv)["month"] == "text" and len(csv) == 0


def test_study_frames():
    matrix = ts.tournament(ROOT / "configs" / "tournaments" / "classroom-self-play.toml",
                           progress=False)
    evolution = ts.evolve(matrix, generations=10, runs=5)
    k = kinds(evolution.equilibria)
    assert k.pop("evolutionarily_stable") == "bool" and set(k.values()) == {"float"}
    assert kinds(evolution.fixation) == {"mutant": "text", "resident": "text",
                                         "estimate": "float", "standard_error": "float",
                                         "exact": "float", "runs": "int"}
    shares = kinds(evolution.shares)
    assert shares.pop("process") == "text" and shares.pop("generation") == "int"
    assert set(shares.values()) == {"float"}
    sweep = ts.sweep(ROOT / "configs" / "tournaments" / "boulware-e-sweep.toml", progress=False)
    k = kinds(sweep)
    assert k.pop("negotiations") == "int" and set(k.values()) == {"float"}
    assert np.issubdtype(sweep["e"].dtype, np.floating)
