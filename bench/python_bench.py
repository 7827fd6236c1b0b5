#!/usr/bin/env python3
"""python_bench — offers per second through the Python package, beside the CLI's own figure.

Three measurements on configs/three-clauses.toml, deadline 200 (the engine's benchmark case):
  1. `treatysim bench` (the executable): boulware(e=0.25) vs conceder(e=4);
  2. the same through Python (ts.bench: the same engine loop, the GIL released);
  3. a strategy written in Python on one side (a time-dependent tactic with e=0.25, precomputed
     per negotiation, AC_next), against the built-in conceder(e=4): every offer it makes and
     every answer it gives is a call into Python;
  4. strategies written in Python on both sides;
then the calls per second of the U.S. side's strategy (propose + respond) in 1–3: the built-in
boulware(e=0.25) and its Python replica play the same negotiations, so they get the same calls
per negotiation (counted once on the replica, untimed). Each is the best of 3 runs. Usage (from the source root, after building):
  PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [negotiations, default 200000]
NegMAS, for scale: about 10,000 offers/s with no Python strategy on either side (issue 14).
"""

import json
import os
import subprocess
import sys

import treatysim as ts
from treatysim import _paths

SCENARIO = "configs/three-clauses.toml"
US, CN, DEADLINE = "boulware(e=0.25)", "conceder(e=4)", 200


class PyBoulware(ts.Agent):
    """boulware(e=0.25) in Python: bids precomputed at reset, AC_next."""

    name = "py_boulware"

    def reset(self, context):
        own = context.own
        ranked = own.outcomes()
        u_max, u_min = ranked[0][1], max(own.reservation_value, ranked[-1][1])
        n = context.deadline
        self.bids = []
        self.utilities = []
        for r in range(n):
            t = r / (n - 1)
            bid = own.at_least(u_max - (u_max - u_min) * t ** 4)
            self.bids.append(bid)
            self.utilities.append(own.utility(bid))
        self.own = own
        self.reservation = own.reservation_value

    def propose(self, state):
        return self.bids[state.offer_index]

    def respond(self, state, offer):
        u = self.own.utility(offer)
        if u < self.reservation - 1e-9:
            return "reject"
        if state.last_offer or u >= self.utilities[state.offer_index + 1] - 1e-9:
            return "accept"
        return "reject"


class CountingBoulware(PyBoulware):
    """PyBoulware that counts its calls (used untimed, to know the calls per negotiation)."""

    calls = 0

    def propose(self, state):
        CountingBoulware.calls += 1
        return super().propose(state)

    def respond(self, state, offer):
        CountingBoulware.calls += 1
        return super().respond(state, offer)


def calls_per_negotiation(cn, negotiations=200):
    """propose + respond calls the U.S. side gets per negotiation, counted on the Python replica
    of boulware(e=0.25); the built-in plays the same negotiations (the same mean offers), so it
    gets the same calls."""
    CountingBoulware.calls = 0
    f = ts.bench(SCENARIO, agents={"us": CountingBoulware(), "cn": cn}, negotiations=negotiations,
                 deadline=DEADLINE)
    return CountingBoulware.calls / f["negotiations"], f["mean_offers"]


def best(runs, measure):
    return max((measure() for _ in range(runs)), key=lambda f: f["offers_per_s"])


def main():
    negotiations = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    executable = _paths.executable()
    def cli():
        out = subprocess.run([executable, "bench", SCENARIO, "--us", US, "--cn", CN,
                              "--deadline", str(DEADLINE), "--negotiations", str(negotiations),
                              "--format", "json"], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["scenarios"][0]

    def python(us, cn, n):
        return lambda: ts.bench(SCENARIO, agents={"us": us, "cn": cn}, negotiations=n,
                                deadline=DEADLINE)

    rows = [
        ("treatysim bench (CLI)", best(3, cli)),
        ("ts.bench, built-in agents", best(3, python(US, CN, negotiations))),
        ("ts.bench, Python agent vs built-in", best(3, python(PyBoulware(), CN, negotiations // 20))),
        ("ts.bench, Python agents on both sides",
         best(3, python(PyBoulware(), PyBoulware(), negotiations // 20))),
    ]
    print(f"Offers per second, {SCENARIO}, deadline {DEADLINE}, one thread, best of 3 "
          f"({os.cpu_count()} cores on this machine)")
    cli_rate = rows[0][1]["offers_per_s"]
    for label, f in rows:
        print(f"  {label:40s} {f['offers_per_s']:>12,.0f} offers/s  {f['negotiations']:>7} "
              f"negotiations, mean {f['mean_offers']:.1f} offers  ({f['offers_per_s'] / cli_rate:6.1%} "
              f"of the CLI)")
    print("  NegMAS, for scale (issue 14)             ~10,000 offers/s, no Python strategy")

    # Calls of the U.S. side's strategy per second: the built-in boulware(e=0.25) through the CLI
    # and through Python, then its replica written in Python, against the same conceder(e=4).
    per_negotiation, mean_offers = calls_per_negotiation(CN)
    print(f"\nCalls of the U.S. strategy (propose + respond) per second, against {CN} "
          f"({per_negotiation:.1f} calls per negotiation)")
    builtin_rate = None
    for label, f in rows[:3]:
        assert abs(f["mean_offers"] - mean_offers) < 1e-9, "not the same negotiations"
        rate = per_negotiation * f["negotiations"] / f["seconds"]
        builtin_rate = builtin_rate or rate
        kind = "Python" if "Python" in label else "built-in"
        print(f"  {kind:8s} {label:40s} {rate:>12,.0f} calls/s  ({rate / builtin_rate:6.1%})")


if __name__ == "__main__":
    main()
