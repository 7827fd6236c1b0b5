"""Strategies written in Python for the tests: exact replicas of built-in ones (so that a trace
played through the bindings can be compared with the engine's own, event for event), and
strategies that break the rules on purpose."""

import random

import treatysim as ts

TOLERANCE = 1e-9  # engine/model/tolerance.hpp


def at_least(u, target):
    return u >= target - TOLERANCE


def concession_fraction(t, e, k):
    """agents/time_dependent.cpp, the power family."""
    t = min(max(t, 0.0), 1.0)
    if e == 0.0:
        return k
    return k + (1.0 - k) * t ** (1.0 / e)


class Schedule:
    """The time-dependent targets and bids of one negotiation (ConcessionSchedule)."""

    def __init__(self, context, e, k):
        own = context.own
        ranked = own.outcomes()
        u_max, worst = ranked[0][1], ranked[-1][1]
        u_min = min(u_max, max(own.reservation_value, worst))
        n = context.deadline
        self.targets, self.bids, self.bid_utilities = [], [], []
        for r in range(n):
            t = r / (n - 1) if n > 1 else 1.0
            target = u_max - (u_max - u_min) * concession_fraction(t, e, k)
            bid = own.at_least(target)
            self.targets.append(target)
            self.bids.append(bid)
            self.bid_utilities.append(own.utility(bid))


class PyTimeDependent(ts.Agent):
    """Faratin et al.'s time-dependent tactic, as agents/time_dependent.cpp plays it."""

    name = "py_time_dependent"
    parameters = {"e": ts.Parameter(1.0, 0, 100, "concession exponent"),
                  "k": ts.Parameter(0.0, 0, 1, "initial concession")}

    def __init__(self, e=1.0, k=0.0):
        self.e, self.k = e, k

    def reset(self, context):
        self.context = context
        self.schedule = Schedule(context, self.e, self.k)

    def propose(self, state):
        return self.schedule.bids[state.offer_index]

    def respond(self, state, offer):
        u = self.context.own.utility(offer)
        if not at_least(u, self.context.own.reservation_value):
            return "reject"
        if state.last_offer:
            return "accept"
        return "accept" if at_least(u, self.schedule.bid_utilities[state.offer_index + 1]) else "reject"


class PyTimeDependentBidding(ts.BiddingStrategy):
    """The time_dependent bidding component."""

    name = "py_td_bidding"
    parameters = {"e": ts.Parameter(1.0, 0, 100), "k": ts.Parameter(0.0, 0, 1)}

    def __init__(self, e=1.0, k=0.0):
        self.e, self.k = e, k

    def reset(self, context):
        self.schedule = Schedule(context, self.e, self.k)

    def target(self, state, model):
        return self.schedule.targets[state.offer_index]

    def bid(self, state, model):
        return self.schedule.bids[state.offer_index]


class PyAcNext(ts.AcceptanceCondition):
    """AC_next(a, b) (agents/ac_next.cpp)."""

    name = "py_ac_next"
    parameters = {"a": ts.Parameter(1.0, 0, 10), "b": ts.Parameter(0.0, -1, 1)}

    def __init__(self, a=1.0, b=0.0):
        self.a, self.b = a, b

    def accept(self, input):
        if not input.has_next_bid:
            return True
        return at_least(self.a * input.offer_utility + self.b, input.next_bid_utility)


class CountingModel(ts.OpponentModel):
    """An opponent model that rates an outcome by how often the opponent offered its options."""

    name = "counting_model"

    def reset(self, context):
        self.counts = {}
        self.updates = 0

    def update(self, state, offer):
        self.updates += 1
        for issue, option in offer.items():
            self.counts[(issue, option)] = self.counts.get((issue, option), 0) + 1

    def utility(self, outcome):
        if not self.updates:
            return 0.5
        return sum(self.counts.get(item, 0) for item in outcome.items()) / (
            self.updates * len(outcome))


class Stubborn(ts.Agent):
    """Offers its best outcome and rejects everything: the engine's `hardliner` without AC_next."""

    def reset(self, context):
        self.best = context.own.best()
        self.seen = []

    def propose(self, state):
        return self.best

    def respond(self, state, offer):
        self.seen.append(state.offer_index)
        return "reject"


class RandomWalker(ts.Agent):
    """Random offers from its own seed: replays exactly for the same run seed."""

    stochastic = True

    def reset(self, context):
        self.rng = random.Random(context.seed)
        self.ranked = [o for o, _ in context.own.outcomes()]

    def propose(self, state):
        return self.rng.choice(self.ranked)

    def respond(self, state, offer):
        return "accept" if self.rng.random() < 0.05 else "reject"


class Cheater(ts.Agent):
    """Offers an option that does not exist."""

    def propose(self, state):
        return {"scope": "S9", "ip": "IP0", "data": "D0", "guardrails": "G0", "term": "T0"}

    def respond(self, state, offer):
        return "reject"


class Mumbler(ts.Agent):
    """Answers with something that is not an answer."""

    def reset(self, context):
        self.best = context.own.best()

    def propose(self, state):
        return self.best

    def respond(self, state, offer):
        return "maybe"


class Exploding(ts.Agent):
    """Raises in its third offer."""

    def reset(self, context):
        self.best = context.own.best()

    def propose(self, state):
        if state.offer_index >= 4:
            raise ZeroDivisionError("the strategy's own bug")
        return self.best

    def respond(self, state, offer):
        return "reject"


class Oracle(ts.Agent):
    """Needs complete information: accepts what is better for it than for the opponent."""

    needs_complete_information = True

    def reset(self, context):
        self.context = context

    def propose(self, state):
        return self.context.own.best()

    def respond(self, state, offer):
        own = self.context.own.utility(offer)
        return "accept" if own >= self.context.opponent.utility(offer) else "reject"
