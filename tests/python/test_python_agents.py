"""Strategies written in Python: replicas of built-in strategies play exactly the engine's
negotiations (event for event), the conformance rules hold them like C++ strategies, their
exceptions surface with their tracebacks, and they play in tournaments (1 and 2 threads
identical), sweeps and BOA compositions."""

import json
import math
import traceback

import pandas as pd
import pytest

import treatysim as ts

from replicas import (Cheater, CountingModel, Exploding, Mumbler, Oracle, PyAcNext,
                      PyTimeDependent, PyTimeDependentBidding, RandomWalker, Stubborn)


def events_and_result(trace):
    saved = json.loads(trace.to_json())
    return saved["events"], saved["result"]


@pytest.mark.parametrize("e,builtin", [(1.0, "linear"), (0.2, "boulware"), (2.0, "conceder"),
                                       (0.0, "hardliner")])
@pytest.mark.parametrize("opponent", ["boulware", "random(accept=0.3)", "pareto_follower",
                                      "nice_tit_for_tat"])
@pytest.mark.parametrize("seed", [1, 7])
def test_a_python_replica_plays_the_engines_negotiation(sta, e, builtin, opponent, seed):
    python = ts.run(sta, agents={"us": PyTimeDependent(e=e), "cn": opponent}, seed=seed)
    native = ts.run(sta, agents={"us": builtin, "cn": opponent}, seed=seed)
    assert events_and_result(python) == events_and_result(native)
    assert python.agents["us"] == "py_time_dependent"


def test_replicas_on_both_sides_and_on_other_scenarios(three):
    for seed in range(5):
        python = ts.run(three, agents={"us": PyTimeDependent(0.5), "cn": PyTimeDependent(3)},
                        seed=seed, deadline=30)
        native = ts.run(three, agents={"us": "time_dependent(e=0.5)",
                                       "cn": "time_dependent(e=3)"}, seed=seed, deadline=30)
        assert events_and_result(python) == events_and_result(native)


def test_python_boa_components_combine_with_built_in_ones(sta):
    cases = [
        (ts.boa(bidding=PyTimeDependentBidding(e=0.5), acceptance="ac_next"),
         "boa(bidding=time_dependent(e=0.5), acceptance=ac_next)"),
        (ts.boa(bidding="time_dependent(e=0.5)", acceptance=PyAcNext(a=1.02, b=-0.01)),
         "boa(bidding=time_dependent(e=0.5), acceptance=ac_next(a=1.02, b=-0.01))"),
        (ts.boa(bidding=PyTimeDependentBidding(e=3), acceptance=PyAcNext()),
         "boa(bidding=time_dependent(e=3), acceptance=ac_next)"),
    ]
    for python, native in cases:
        for seed in (1, 2):
            a = ts.run(sta, agents={"cn": python}, seed=seed)
            b = ts.run(sta, agents={"cn": native}, seed=seed)
            assert events_and_result(a) == events_and_result(b)


def test_registered_components_are_named_in_specs(sta):
    ts.register(PyTimeDependentBidding)
    ts.register(PyAcNext)
    spec = "boa(bidding=py_td_bidding(e=0.3), acceptance=py_ac_next(a=1.1), model=frequency)"
    a = ts.run(sta, agents={"us": spec}, seed=3)
    b = ts.run(sta, agents={"us": "boa(bidding=time_dependent(e=0.3), acceptance=ac_next(a=1.1), "
                                  "model=frequency)"}, seed=3)
    assert events_and_result(a) == events_and_result(b)
    assert a.agents["us"] == spec
    # The registry checks their parameters as it checks built-in ones.
    with pytest.raises(ts.SpecError, match=r"py_td_bidding: parameter e = 200 is out of range "
                                           r"\[0, 100\]"):
        ts.run(sta, agents={"us": "boa(bidding=py_td_bidding(e=200))"})
    listed = ts.agents().set_index("name")
    assert listed.loc["py_td_bidding", "kind"] == "bidding"
    assert [p["name"] for p in listed.loc["py_ac_next", "parameters"]] == ["a", "b"]


def test_a_python_opponent_model_feeds_built_in_bidding(sta):
    model = CountingModel()
    tr = ts.run(sta, agents={"cn": ts.boa(bidding="om_bidding(target=time_dependent(e=0.3))",
                                          acceptance="ac_combi", model=model)}, seed=5)
    assert model.updates == sum(1 for e in tr.json["events"]
                                if e["type"] == "offer" and e["party"] == "us")
    assert tr.result["end"] in ("agreement", "deadline", "walk_away")


def test_the_instance_plays_itself_in_run(sta):
    agent = Stubborn()
    tr = ts.run(sta, agents={"us": agent, "cn": "hardliner"}, deadline=10)
    assert agent.seen == [1, 3, 5, 7, 9]  # it answered cn's offers: every odd offer
    assert tr.result["end"] == "deadline"
    # Given for both sides, the second side plays a copy.
    both = ts.run(sta, agents={"us": agent, "cn": agent}, deadline=4)
    assert both.result["offers"] == 4 and agent.seen == [1, 3]


def test_python_randomness_from_the_context_seed_replays(sta):
    a = ts.run(sta, agents={"us": RandomWalker(), "cn": RandomWalker()}, seed=12)
    b = ts.run(sta, agents={"us": RandomWalker(), "cn": RandomWalker()}, seed=12)
    c = ts.run(sta, agents={"us": RandomWalker(), "cn": RandomWalker()}, seed=13)
    assert a.to_json() == b.to_json()
    assert a.to_json() != c.to_json()


def test_an_illegal_offer_is_an_agent_error_not_a_crash(sta):
    with pytest.raises(ts.AgentError) as caught:
        ts.run(sta, agents={"us": Cheater()})
    assert str(caught.value) == (
        "strategy \"Cheater\" (party us): propose() returned {'scope': 'S9', 'ip': 'IP0', "
        "'data': 'D0', 'guardrails': 'G0', 'term': 'T0'} for offer 0, which is not an outcome: "
        "issue \"scope\" has no option 'S9' (its options: S0, S1, S2, S3)")
    assert isinstance(caught.value, ValueError)


def test_an_answer_that_is_not_one_is_an_agent_error(sta):
    with pytest.raises(ts.AgentError, match=r"respond\(\) returned 'maybe' to offer 0; expected "
                                            r"\"accept\", \"reject\" or \"walk_away\""):
        ts.run(sta, agents={"cn": Mumbler()})


def test_a_strategys_exception_surfaces_with_its_traceback(sta):
    with pytest.raises(ZeroDivisionError, match="the strategy's own bug") as caught:
        ts.run(sta, agents={"us": Exploding()})
    frames = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert "propose" in frames


def test_complete_information_is_required_as_for_built_ins(sta):
    with pytest.raises(ts.SpecError, match=r'agents\["us"\]: Oracle needs complete information'):
        ts.run(sta, agents={"us": Oracle()})
    tr = ts.run(sta.replace(information="complete"), agents={"us": Oracle()}, seed=2)
    assert tr.result["offers"] >= 1


def test_strategies_that_are_not_strategies_are_refused(sta):
    with pytest.raises(ts.SpecError, match="not a strategy"):
        ts.run(sta, agents={"us": object()})
    with pytest.raises(ts.SpecError, match="is taken"):
        class linear(ts.Agent):  # noqa: N801 - the name of a built-in on purpose
            pass

        ts.register(linear)


def tournament_dict(competitors, repetitions=3):
    return {
        "tournament": {"name": "python-agents", "repetitions": repetitions, "seed": 5},
        "competitors": competitors,
        "scenarios": ["configs/sta-2024.toml", {"file": "configs/three-clauses.toml"}],
    }


def test_python_competitors_give_the_same_files_for_any_number_of_threads(tmp_path):
    competitors = [
        {"label": "py_linear", "strategy": PyTimeDependent(e=1.0)},
        {"label": "walker", "strategy": RandomWalker},
        {"label": "boulware", "strategy": "boulware"},
        {"label": "py_boa", "strategy": ts.boa(bidding=PyTimeDependentBidding(e=0.3),
                                               acceptance=PyAcNext())},
    ]
    one = ts.tournament(tournament_dict(competitors), jobs=1, out=tmp_path / "one")
    two = ts.tournament(tournament_dict(competitors), jobs=2, out=tmp_path / "two")
    for name in ("negotiations.csv", "summary.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    pd.testing.assert_frame_equal(one.negotiations, two.negotiations)
    assert len(one.negotiations) == 2 * 4 * 3 * 3
    # More threads than cores, and all of them (None): the same rows again.
    for jobs in (5, None):
        again = ts.tournament(tournament_dict(competitors), jobs=jobs, progress=False)
        pd.testing.assert_frame_equal(one.negotiations, again.negotiations)
        assert again.summary["ranking"] == one.summary["ranking"]
    # Replicas play exactly as the built-ins they copy: the same rows.
    native = ts.tournament(tournament_dict([
        {"label": "py_linear", "strategy": "linear"},
        {"label": "walker", "strategy": RandomWalker},
        {"label": "boulware", "strategy": "boulware"},
        {"label": "py_boa", "strategy": "boa(bidding=time_dependent(e=0.3), acceptance=ac_next)"},
    ]), jobs=2)
    pd.testing.assert_frame_equal(one.negotiations, native.negotiations)


def test_a_python_strategy_can_be_swept_over_its_parameter():
    ts.register(PyTimeDependent)
    study = {"sweep": {"name": "python e", "strategy": "py_time_dependent",
                       "opponents": ["boulware", "conceder"], "scenarios": ["configs/sta-2024.toml"],
                       "repetitions": 2, "axes": [{"parameter": "e", "values": [0.2, 1, 2]}]}}
    python = ts.sweep(study, jobs=2)
    study["sweep"]["strategy"] = "time_dependent"
    native = ts.sweep(study, jobs=1)
    pd.testing.assert_frame_equal(pd.DataFrame(python), pd.DataFrame(native))


class Keeper(ts.Agent):
    """Keeps what it is given, to check what stays valid after the call."""

    def reset(self, context):
        self.context = context
        self.states = []
        self.best = context.own.best()

    def propose(self, state):
        self.states.append((state.offer_index, state.offer_count, state.last))
        self.kept = state
        return self.best

    def respond(self, state, offer):
        assert state.last == (offer, self.context.opponent_party)
        assert state.offers[-1] == state.last and len(state.offers) == state.offer_count
        assert math.isclose(state.time, state.offer_index / (state.deadline - 1))
        return "reject"


def test_what_a_strategy_is_given(sta):
    agent = Keeper()
    ts.run(sta, agents={"us": agent, "cn": "hardliner"}, deadline=6)
    context = agent.context
    assert (context.party, context.opponent_party, context.deadline) == ("us", "cn", 6)
    assert context.opponent is None and not context.complete_information
    assert context.issues == ["scope", "ip", "data", "guardrails", "term"]
    assert context.scenario == sta.with_deadline(6)
    own = context.own
    assert own.reservation_value == 0.4 and own.id == "us"
    assert own.weights == sta.parties[0]["weights"]
    # The context and its views stay valid after the run: they hold the engine's data.
    best = own.best()
    assert own.utility(best) == own.max_utility == own.outcomes()[0][1]
    assert own.utility(own.at_least(0.7)) >= 0.7 - 1e-9
    ranked = own.outcomes(at_least=0.8)
    assert ranked and all(u >= 0.8 - 1e-9 for _, u in ranked)
    utilities = [u for _, u in ranked]  # best first (equal within 1e-9: lowest index first)
    assert all(b <= a + 1e-9 for a, b in zip(utilities, utilities[1:]))
    # The offers so far, as they were at each call: offer r is preceded by r offers.
    assert [(r, n) for r, n, _ in agent.states] == [(0, 0), (2, 2), (4, 4)]
    assert agent.states[0][2] is None and agent.states[1][2][1] == "cn"
    # A State is valid only during its call.
    with pytest.raises(ValueError, match="valid only during the call"):
        agent.kept.offers
    with pytest.raises(ValueError, match="not an outcome of the scenario"):
        own.utility({"scope": "S0"})


def test_an_agent_that_kept_its_context_can_still_be_copied(sta, tmp_path):
    import copy
    import pickle

    agent = PyTimeDependent(e=0.2)
    ts.run(sta, agents={"us": agent}, seed=1)  # it now holds a Context with C functions
    twin = copy.deepcopy(agent)
    assert twin.context.own.utility(twin.context.own.best()) == agent.context.own.max_utility
    assert pickle.loads(pickle.dumps(sta)) == sta
    # And it still plays in a tournament, one fresh copy per agent.
    t = ts.tournament({"tournament": {"name": "kept", "repetitions": 2},
                       "competitors": [{"label": "py", "strategy": agent},
                                       {"label": "linear", "strategy": "linear"}],
                       "scenarios": [sta]})
    assert t.complete


def test_python_negotiators_in_the_treatys_life(sta):
    python = ts.simulate(sta, agents={"us": PyTimeDependent(e=0.2)})
    native = ts.simulate(sta, agents={"us": "boulware"})
    assert python.path == native.path
    assert python.to_csv() == native.to_csv()
    assert [t.json["events"] for t in python.traces] == [t.json["events"] for t in native.traces]
