"""Interaction terms (issue 19) from Python: a scenario shows each party's terms, replace() adds,
changes and removes them through the engine's resolution and validation (the scenario file's
messages), and analyze/run on configs/sta-linkage.toml are the CLI's.

Hand computations on sta-linkage (sta-2024's weights × 0.85, plus the terms below):
  China at S3/IP3/D1/G3/T3: .255 + .085 + .17·.5 + .1275 + .2125 = .765, + .15 (broad scope with
  data reciprocity) = 0.915 — China's best outcome.
  The U.S. at S3/IP3/D1/G3/T3: .17·.8 + .085·.2 = .153, + .15 (baseline) − .15 (broad scope
  without strong guardrails) = 0.153.
"""

import json
import math

import pytest

import treatysim as ts

from conftest import ROOT

PATH = "configs/sta-linkage.toml"
BROAD = "S3/IP3/D1/G3/T3"
US_TERMS = [
    {"label": "baseline (room for the linkage)", "when": {"term": ["T0", "T1", "T2", "T3"]},
     "utility": 0.15},
    {"label": "broad scope without strong guardrails",
     "when": {"scope": ["S2", "S3"], "guardrails": ["G2", "G3"]}, "utility": -0.15},
]
CN_TERMS = [
    {"label": "broad scope with data reciprocity",
     "when": {"scope": ["S2", "S3"], "data": ["D0", "D1"]}, "utility": 0.15},
]


@pytest.fixture(scope="module")
def linkage():
    return ts.load_scenario(ROOT / PATH)


def test_parties_show_their_terms(linkage, sta):
    us, cn = linkage.parties
    assert us["interactions"] == US_TERMS
    assert cn["interactions"] == CN_TERMS
    assert [p["interactions"] for p in sta.parties] == [[], []]
    assert math.isclose(linkage.utility("cn", BROAD), 0.915)
    assert math.isclose(linkage.utility("us", BROAD), 0.153)


def test_terms_are_added_changed_and_removed(linkage):
    us_terms = [dict(t) for t in linkage.parties[0]["interactions"]]
    # Change: the penalty −0.15 becomes −0.10, so the U.S. gains 0.05 at BROAD.
    us_terms[1]["utility"] = -0.10
    changed = linkage.replace(interactions={"us": us_terms})
    assert math.isclose(changed.utility("us", BROAD), 0.203)
    assert linkage.parties[0]["interactions"] == US_TERMS  # the original is unchanged
    # Remove: without the penalty, 0.153 + 0.15 = 0.303.
    removed = linkage.replace(interactions={"us": us_terms[:1]})
    assert removed.parties[0]["interactions"] == US_TERMS[:1]
    assert math.isclose(removed.utility("us", BROAD), 0.303)
    assert math.isclose(removed.utility("us", "S0/IP0/D0/G0/T2"), 1.0)
    # Add, with a single option id and issues out of order: kept in the scenario's issue order.
    added_term = {"label": "long term with strong guardrails",
                  "when": {"term": "T3", "guardrails": ["G3"]}, "utility": 0.05}
    added = linkage.replace(interactions={"cn": CN_TERMS + [added_term]})
    assert added.parties[1]["interactions"][1] == {
        "label": "long term with strong guardrails",
        "when": {"guardrails": ["G3"], "term": ["T3"]}, "utility": 0.05}
    assert math.isclose(added.utility("cn", BROAD), 0.965)
    assert math.isclose(added.utility("cn", "S3/IP3/D1/G2/T3"), 0.765 - 0.1275 * 0.1 + 0.15)
    # An edited scenario is a scenario: it round-trips through its TOML and runs.
    assert ts.Scenario.from_toml(added.to_toml()) == added
    assert ts.run(added, seed=3).result["offers"] <= added.deadline


def cn_edit(linkage, term):
    return linkage.replace(interactions={"cn": CN_TERMS + [term]})


def test_bad_terms_get_located_errors(linkage):
    term = {"label": "x", "when": {"scope": ["S2"]}, "utility": 0.05}
    with pytest.raises(ts.ScenarioError) as caught:
        cn_edit(linkage, {**term, "when": {"scop": ["S2"]}})
    assert caught.value.key == "interactions['cn'][1].when.scop"
    assert caught.value.message == (
        "unknown issue id (the scenario's issues are: scope, ip, data, guardrails, term)")
    with pytest.raises(ts.ScenarioError) as caught:
        cn_edit(linkage, {**term, "when": {"scope": ["S2", "S9"]}})
    assert str(caught.value) == ("interactions['cn'][1].when.scope: issue 'scope' has no option "
                                 '"S9" (options: S0 S1 S2 S3)')
    with pytest.raises(ts.ScenarioError, match=r"interactions\['cn'\]\[1\]\.when: expected at "
                                               r"least one issue"):
        cn_edit(linkage, {**term, "when": {}})
    with pytest.raises(ts.ScenarioError, match=r"when\.scope: expected at least one option id"):
        cn_edit(linkage, {**term, "when": {"scope": []}})
    with pytest.raises(ts.ScenarioError, match=r'option "S2" is listed twice'):
        cn_edit(linkage, {**term, "when": {"scope": ["S2", "S2"]}})
    with pytest.raises(ts.ScenarioError, match=r"interactions\['cn'\]\[1\]\.utility: expected a "
                                               r"number, got 'high'"):
        cn_edit(linkage, {**term, "utility": "high"})
    with pytest.raises(ts.ScenarioError, match=r'unknown key "weight"'):
        cn_edit(linkage, {**term, "weight": 1})
    with pytest.raises(ts.ScenarioError, match=r'missing key "utility"'):
        cn_edit(linkage, {"label": "x", "when": {"scope": ["S2"]}})
    with pytest.raises(ts.ScenarioError, match=r"expected a list of terms"):
        linkage.replace(interactions={"cn": term})
    with pytest.raises(ts.ScenarioError, match=r"parties\[1\]\.interactions\[1\]\.label: expected "
                                               r"a non-empty label"):
        cn_edit(linkage, {**term, "label": ""})
    with pytest.raises(ts.ScenarioError, match=r"interactions\[1\]\.utility: expected a finite"):
        cn_edit(linkage, {**term, "utility": math.inf})


def test_utilities_leaving_zero_one_name_the_party_and_an_outcome(linkage):
    # China's reciprocity term at 0.3 instead of 0.15: BROAD is worth .765 + .3 = 1.065.
    with pytest.raises(ts.ScenarioError) as caught:
        linkage.replace(interactions={"cn": [{**CN_TERMS[0], "utility": 0.3}]})
    assert caught.value.key == "parties[1].interactions"
    assert caught.value.message.startswith(
        "utilities must stay in [0, 1], but the outcome S3/IP3/D1/G3/T3 is worth 1.065 to China "
        "(cn), above 1")
    # Without its terms the U.S.'s weights (× 0.85) no longer sum to 1.
    with pytest.raises(ts.ScenarioError, match=r"parties\[0\]\.weights"):
        linkage.replace(interactions={"us": []})


def test_analyze_is_the_cli(cli, tmp_path):
    an = ts.analyze(PATH)
    assert an.to_json() == cli("analyze", PATH, "--format", "json").stdout
    assert str(an) == cli("analyze", PATH, "--svg", tmp_path / "a.svg").stdout


def test_a_run_is_the_cli_and_names_the_terms(cli):
    tr = ts.run(PATH, seed=1)
    assert tr.to_json() == cli("run", PATH, "--seed", 1, "--format", "json").stdout
    events = json.loads(tr.to_json())["events"]
    offers = [e for e in events if e["type"] == "offer"]
    assert offers and all("terms" in e for e in offers)
    for e in offers:
        o = e["outcome"]
        broad = o["scope"] in ("S2", "S3")
        expected = ([("us", US_TERMS[1]["label"])] if broad and o["guardrails"] in ("G2", "G3")
                    else []) + ([("cn", CN_TERMS[0]["label"])]
                                if broad and o["data"] in ("D0", "D1") else [])
        assert [(t["party"], t["text"].split(":")[0]) for t in e["terms"]] == expected
