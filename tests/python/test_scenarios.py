"""Scenarios from Python: loading, the CLI's messages for every malformed file, TOML round trips,
GENIUS import, utilities by hand, the table of outcomes, and edited copies."""

import math
import pathlib

import pytest

import treatysim as ts

from conftest import ROOT

MALFORMED = ROOT / "tests" / "data" / "malformed"


def expected_message(toml_path):
    text = toml_path.with_suffix(".expected").read_text().rstrip("\n")
    return text.replace("{file}", str(toml_path)).replace("{data}", str(ROOT / "tests" / "data"))


@pytest.mark.parametrize("path", sorted(MALFORMED.glob("*.toml")), ids=lambda p: p.name)
def test_every_malformed_scenario_raises_the_clis_message(path):
    with pytest.raises(ts.ScenarioError) as caught:
        ts.load_scenario(path)
    assert str(caught.value) == expected_message(path)
    assert isinstance(caught.value, ValueError)


def test_the_error_carries_its_parts(cli):
    path = MALFORMED / "agent-unknown-strategy.toml"
    with pytest.raises(ts.ScenarioError) as caught:
        ts.load_scenario(path)
    e = caught.value
    assert (e.file, e.line, e.column, e.key) == (str(path), 33, 9, "parties[0].agent")
    assert e.message.startswith('unknown strategy "bulware"')
    # The very text the CLI prints after "treatysim: error: ".
    assert str(e) == cli.error("validate", path)


def test_a_missing_file_is_named():
    with pytest.raises(ts.ScenarioError, match="no-such.toml: cannot read the file"):
        ts.load_scenario("no-such.toml")


def test_scenario_properties(sta):
    assert sta.id == "sta-2024"
    assert sta.party_ids == ("us", "cn")
    assert sta.deadline == 40
    assert sta.first_mover == "us"
    assert sta.information == "private"
    assert [i["id"] for i in sta.issues] == ["scope", "ip", "data", "guardrails", "term"]
    assert sta.outcome_count == 4 ** 5
    assert sta.enumerable and sta.has_treaty
    us = sta.parties[0]
    assert math.isclose(sum(us["weights"].values()), 1.0)
    assert us["reservation"] == 0.4
    assert len(sta.content_hash) == 16


def test_utility_is_the_weighted_sum_of_values(sta):
    outcome = {"scope": "S0", "ip": "IP1", "data": "D1", "guardrails": "G1", "term": "T2"}
    for party in sta.parties:
        by_hand = sum(party["weights"][i] * party["values"][i][o] for i, o in outcome.items())
        assert math.isclose(sta.utility(party["id"], outcome), by_hand, abs_tol=1e-12)
    assert sta.utility("us", "S0/IP1/D1/G1/T2") == sta.utility(0, outcome)
    assert sta.utilities(outcome) == {"us": sta.utility("us", outcome),
                                      "cn": sta.utility("cn", outcome)}


def test_bad_outcomes_are_explained(sta):
    with pytest.raises(ts.ScenarioError, match=r'issue "scope" has no option .S9.'):
        sta.utility("us", {"scope": "S9", "ip": "IP1", "data": "D1", "guardrails": "G1",
                           "term": "T2"})
    with pytest.raises(ts.ScenarioError, match=r'issue "term" is missing'):
        sta.utility("us", {"scope": "S0", "ip": "IP1", "data": "D1", "guardrails": "G1"})
    with pytest.raises(ts.ScenarioError, match=r"has no party 'xx'"):
        sta.utility("xx", "S0/IP1/D1/G1/T2")


def test_the_table_of_outcomes(three):
    table = three.outcomes()
    issues = [i["id"] for i in three.issues]
    assert list(table.columns) == issues + ["utility_us", "utility_cn"]
    assert len(table) == three.outcome_count
    for _, row in table.sample(20, random_state=1).iterrows():
        outcome = {i: row[i] for i in issues}
        assert math.isclose(row["utility_us"], three.utility("us", outcome), abs_tol=1e-11)


def test_toml_round_trip(sta):
    again = ts.Scenario.from_toml(sta.to_toml())
    assert again == sta
    assert again.to_toml() == sta.to_toml()
    assert again.content_hash == sta.content_hash


def test_from_toml_reports_lines():
    with pytest.raises(ts.ScenarioError) as caught:
        ts.Scenario.from_toml('[scenario]\nid = "t"\ntitle = "T"\n\n[protocol]\ndeadline = 0\n',
                              "inline.toml")
    assert (caught.value.file, caught.value.line, caught.value.key) == \
        ("inline.toml", 6, "protocol.deadline")


def test_import_genius_is_the_clis(cli, tmp_path):
    folder = ROOT / "configs" / "tournaments" / "genius" / "EnglandZimbabwe"
    files = [folder / "EnglandZimbabwe_domain.xml", folder / "England.xml", folder / "Zimbabwe.xml"]
    sc = ts.import_genius(*files, deadline=60, parties=("eng", "zim"))
    out = tmp_path / "ez.toml"
    cli("import-genius", *files, "--deadline", 60, "--parties", "eng,zim", "-o", out)
    assert sc.to_toml() == out.read_text()
    assert sc.party_ids == ("eng", "zim")
    assert sc.deadline == 60


def test_import_genius_errors(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<utility_space><objective>")
    with pytest.raises(ts.ScenarioError, match=str(bad)):
        ts.import_genius(bad, bad, bad)


def test_replace_edits_a_copy(sta):
    edited = sta.replace(deadline=12, reservation={"us": 0.5}, discount={"cn": 0.99},
                         weights={"us": {"scope": 0.25, "ip": 0.25, "data": 0.2,
                                         "guardrails": 0.2, "term": 0.1}},
                         values={"cn": {"term": [0.1, 0.2, 0.3, 0.4]}},
                         agents={"us": "linear"}, information="complete")
    assert sta.deadline == 40 and sta.parties[0]["reservation"] == 0.4  # unchanged
    assert edited.deadline == 12
    assert edited.parties[0]["reservation"] == 0.5
    assert edited.parties[1]["discount"] == 0.99
    assert edited.parties[0]["weights"]["scope"] == 0.25
    assert list(edited.parties[1]["values"]["term"].values()) == [0.1, 0.2, 0.3, 0.4]
    assert edited.parties[0]["agent"] == "linear"
    assert edited.information == "complete"
    # The edited scenario is a scenario: it round-trips and runs.
    assert ts.Scenario.from_toml(edited.to_toml()) == edited
    assert ts.run(edited, seed=3).result["offers"] <= 12


def test_replace_is_validated_by_the_engine(sta):
    with pytest.raises(ts.ScenarioError, match=r"parties\[0\]\.weights"):
        sta.replace(weights={"us": {"scope": 0.9}})
    with pytest.raises(ts.ScenarioError, match=r"reservation\['xx'\]: the scenario has no party"):
        sta.replace(reservation={"xx": 0.3})
    with pytest.raises(ts.ScenarioError, match="has no issue"):
        sta.replace(values={"us": {"nope": [1, 0]}})
    with pytest.raises(ts.ScenarioError, match="expected 4 values"):
        sta.replace(values={"us": {"term": [1, 0]}})
    with pytest.raises(ts.ScenarioError, match="unknown edit"):
        sta.replace(colour="red")
    with pytest.raises(ts.ScenarioError, match="protocol.deadline"):
        sta.replace(deadline=0)


def test_with_parameter_rescales_the_other_weights(sta):
    edited = sta.with_parameter("scenario.us.weights.scope", 0.5)
    before = sta.parties[0]["weights"]
    after = edited.parties[0]["weights"]
    assert after["scope"] == 0.5
    rest = sum(w for i, w in before.items() if i != "scope")
    for issue in before:
        if issue != "scope":
            assert math.isclose(after[issue], before[issue] * 0.5 / rest)
    with pytest.raises(ts.ScenarioError, match="scenario.zz"):
        sta.with_parameter("scenario.zz.reservation", 0.5)


def test_scenario_shows_itself(sta):
    assert repr(sta).startswith("<Scenario sta-2024: 5 issues, 1024 outcomes")
    svg = sta._repr_svg_()
    assert svg.lstrip().startswith("<?xml") or svg.lstrip().startswith("<svg")
    html = sta._repr_html_()
    assert "scope" in html and "<svg" in html


def test_save_writes_the_canonical_toml(sta, tmp_path):
    path = tmp_path / "copy.toml"
    sta.save(path)
    assert path.read_text() == sta.to_toml()
    assert ts.load_scenario(path) == sta


def test_config_path_finds_the_shipped_files():
    assert pathlib.Path(ts.config_path("sta-2024.toml")).is_file()
