"""Results as Python objects: a negotiation's Trace, an Analysis, a treaty's Lifecycle, a
Distribution of lives, a Tournament, the Evolution of a population, sweep and tuning tables.

Each wraps the engine's own result. Dicts are the engine's JSON (the keys of the CLI's files);
DataFrames are built from that JSON or read from the CLI's CSV text, so that names, keys and
values are those of the command line; ``to_json()``/``to_csv()`` return the exact text the CLI
prints for the same run.
"""

from __future__ import annotations

import html
import io
import os

from . import _display
from . import _treatysim as _ext


def _frame(rows, columns=None, dtypes=None):
    """A DataFrame of dict rows; ``dtypes`` ({column: dtype}) fixes the numeric and boolean
    columns, so that a table with no rows has them too (text columns stay ``object``)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    dtypes = {c: t for c, t in (dtypes or {}).items() if c in frame.columns}
    return frame.astype(dtypes) if dtypes else frame


def _read_csv(text, text_columns=()):
    """The CLI's CSV text as a DataFrame. Only an empty field is missing (an option called
    "NA" or "None" stays text), and ``text_columns`` (ids: options, competitors, scenarios)
    stay strings even when they look like numbers ("007" is not 7)."""
    import pandas as pd

    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""],
                       dtype={column: str for column in text_columns})


def _write(path, text):
    if path is not None:
        _ext.write_file(os.fspath(path), text)
    return text


def _point_row(point, issues, parties):
    row = {}
    for issue in issues:
        row[issue] = point["outcome"][issue] if point else None
    for party in parties:
        row[f"utility_{party}"] = point["utilities"][party] if point else float("nan")
    return row


# [SECTION] One negotiation ----------------------------------------------------------------------


class Trace:
    """One negotiation, as ``treatysim run`` plays it: every event and the result.

    - ``result``: the trace's result dict — ``agreement``, ``end`` (agreement, walk_away,
      deadline), ``offers``, ``agreement_offer``, ``outcome`` (with an agreement),
      ``utilities`` and ``discounted_utilities`` ({party id: value}), and ``reservations``
      ({party id: value}) when the scenario draws reservation values;
    - ``reservations``: the reservation values drawn for this negotiation ({party id: value}),
      None when both are fixed;
    - ``model_report``: with ``run(..., model_report=True)``, the accuracy of the agents'
      opponent models (the ``"model_report"`` of ``run --format json --model-report``), else
      None;
    - ``events``: a DataFrame, one row per event: ``offer``, ``party``, ``type``, one column per
      issue (the outcome of offers and acceptances), ``utility_<party>`` for each party;
    - ``offers``: the offers as ``run --format csv`` writes them;
    - ``to_json()``: exactly the text ``treatysim run --format json`` prints for the same run
      (with ``--model-report`` when the run measured the models);
    - ``print(trace)``: the round table of ``treatysim run``; in Jupyter, the outcome-space
      picture of ``run --svg``; ``plot()`` draws the utilities over rounds with matplotlib.
    """

    def __init__(self, handle, report=None):
        self._handle = handle
        self._report = report
        self._json = None

    @property
    def _source(self):
        """What writes the JSON: the model report's handle when measured, else the trace's."""
        return self._report if self._report is not None else self._handle

    @property
    def json(self) -> dict:
        """The trace as a dict (the JSON of ``run --format json``, with ``--model-report`` when
        the run measured the models)."""
        if self._json is None:
            self._json = self._source.json()
        return self._json

    @property
    def reservations(self):
        """{party id: reservation value drawn for this negotiation}, or None when the scenario's
        reservation values are fixed (the trace's ``result["reservations"]``)."""
        drawn = self.result.get("reservations")
        return dict(drawn) if drawn is not None else None

    @property
    def model_report(self):
        """The model report of ``run --model-report`` (a dict: sampled, outcomes, and per
        modelling party its final accuracy and curve), or None when not measured."""
        return self.json.get("model_report")

    @property
    def scenario(self):
        """The Scenario played (with the deadline it was played with)."""
        return self._handle.scenario

    @property
    def seed(self) -> int:
        return self._handle.seed

    @property
    def agents(self) -> dict:
        """{party id: spec} of both sides."""
        return dict(self.json["agents"])

    @property
    def result(self) -> dict:
        return self.json["result"]

    @property
    def events(self):
        issues = [i["id"] for i in self.scenario.issues]
        parties = list(self.scenario.party_ids)
        rows = []
        for event in self.json["events"]:
            row = {"offer": event["offer"], "party": event["party"], "type": event["type"]}
            outcome = event.get("outcome")
            for issue in issues:
                row[issue] = outcome[issue] if outcome else None
            utilities = event.get("utilities")
            for party in parties:
                row[f"utility_{party}"] = utilities[party] if utilities else float("nan")
            rows.append(row)
        utilities = [f"utility_{p}" for p in parties]
        return _frame(rows, ["offer", "party", "type"] + issues + utilities,
                      {"offer": "int64", **{u: "float64" for u in utilities}})

    @property
    def offers(self):
        """One row per offer: ``offer, proposer, <issues>, utility_<party>…, response``."""
        return _read_csv(self.to_csv(),
                         ["proposer", "response"] + [i["id"] for i in self.scenario.issues])

    def to_json(self, path=None) -> str:
        """The trace's JSON text (``run --format json``); with ``path``, also written there
        (whole or not at all): ``treatysim replay`` re-runs it when both sides are built-ins."""
        return _write(path, self._source.to_json())

    def to_csv(self, path=None) -> str:
        """The offers as CSV (``run --format csv``)."""
        return _write(path, self._handle.to_csv())

    def __str__(self):
        text = self._handle.text()
        return text + self._report.text() if self._report is not None else text

    def __repr__(self):
        r = self.result
        if r["agreement"]:
            how = f"agreement on offer {r['agreement_offer']}"
        else:
            how = r["end"]
        return f"<Trace {self.scenario.id} seed {self.seed}: {how} ({r['offers']} offers)>"

    def _repr_svg_(self):
        return self._handle.svg()

    def svg(self, path=None) -> str:
        """The outcome space with this negotiation's offers (``run --svg``)."""
        return _write(path, self._handle.svg())

    def plot(self, ax=None):
        """Each party's utility of every offer over rounds (matplotlib); returns the axes."""
        ax = _display.matplotlib_axes(ax)
        events = self.events
        offers = events[events["type"] == "offer"]
        for index, party in enumerate(self.scenario.party_ids):
            ax.plot(offers["offer"], offers[f"utility_{party}"], marker="o", markersize=3,
                    color=_display.party_colour(index), label=f"u({party})")
        ax.set_xlabel("offer")
        ax.set_ylabel("utility")
        ax.set_ylim(0, 1.02)
        ax.set_title(f"{self.scenario.title} — seed {self.seed}")
        ax.legend()
        return ax


# [SECTION] Analysis -----------------------------------------------------------------------------


class Analysis:
    """What a scenario's outcome space holds (``treatysim analyze``).

    - ``frontier``: the Pareto frontier, a DataFrame (one column per issue, ``utility_<party>``);
    - ``solutions``: {``nash``, ``kalai_smorodinsky``, ``egalitarian``, ``utilitarian``}, each
      ``{"outcome", "utilities"}`` or None;
    - ``zopa``, ``equilibrium`` (the subgame-perfect equilibrium, ``spe`` in the JSON),
      ``disagreement``;
    - ``metrics(outcome)``: the metrics of one outcome (``analyze --outcome``);
    - ``to_json()``: exactly ``analyze --format json``; ``print(an)``: the text of ``analyze``;
      Jupyter shows the picture of ``analyze --svg``; ``plot()`` draws it with matplotlib.
    """

    def __init__(self, handle):
        self._handle = handle
        self.json = handle.json()

    scenario = property(lambda self: self._handle.scenario)
    outcome_count = property(lambda self: self.json["outcomes"])
    enumerated = property(lambda self: self.json["enumerated"])
    pareto_exact = property(lambda self: self.json["pareto_exact"])
    pareto_epsilon = property(lambda self: self.json["pareto_epsilon"])
    zopa = property(lambda self: self.json["zopa"])
    equilibrium = property(lambda self: self.json["spe"])
    disagreement = property(lambda self: self.json["disagreement"])

    @property
    def solutions(self) -> dict:
        return {k: self.json[k] for k in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")}

    @property
    def frontier(self):
        issues = [i["id"] for i in self.scenario.issues]
        parties = list(self.scenario.party_ids)
        utilities = [f"utility_{p}" for p in parties]
        return _frame([_point_row(p, issues, parties) for p in self.json["pareto"]],
                      issues + utilities, {u: "float64" for u in utilities})

    def metrics(self, outcome, offer_index=0) -> dict:
        """Utilities, social welfare, Nash product, distances to the frontier, Nash and KS, and
        whether ``outcome`` ({issue: option} or "S0/IP1/…") is individually rational and
        Pareto-optimal; ``offer_index`` sets the discounting of ``discounted_utilities``."""
        return self._handle.metrics(outcome, offer_index)

    def to_json(self, outcome=None, path=None) -> str:
        """``analyze --format json`` (with ``--outcome`` when ``outcome`` is given)."""
        return _write(path, self._handle.to_json(outcome))

    def text(self, outcome=None) -> str:
        """The text of ``analyze`` (with ``--outcome``)."""
        return self._handle.text(outcome)

    def __str__(self):
        return self._handle.text(None)

    def __repr__(self):
        nash = self.json["nash"]
        where = "" if nash is None else " nash " + "/".join(nash["outcome"].values())
        return (f"<Analysis {self.scenario.id}: {self.outcome_count:g} outcomes, "
                f"{len(self.json['pareto'])} on the frontier{where}>")

    def _repr_svg_(self):
        return self._handle.svg()

    def svg(self, path=None) -> str:
        """The outcome-space picture (``analyze --svg``)."""
        return _write(path, self._handle.svg())

    def plot(self, ax=None):
        """The outcome space with matplotlib: every outcome, the frontier, the solutions and the
        reservation values; returns the axes."""
        ax = _display.matplotlib_axes(ax, figsize=(6, 6))
        a, b = self.scenario.party_ids
        if self.scenario.enumerable and self.scenario.outcome_count <= 200000:
            table = self.scenario.outcomes()
            ax.scatter(table[f"utility_{a}"], table[f"utility_{b}"], s=4, color="#bbbbbb",
                       label="outcomes")
        frontier = self.frontier.sort_values(f"utility_{a}")
        ax.plot(frontier[f"utility_{a}"], frontier[f"utility_{b}"], color="#2e9e5b",
                marker="o", markersize=3, label="Pareto frontier")
        # Largest first, so that solutions at the same point stay visible inside one another.
        markers = (("utilitarian", "^", 230), ("egalitarian", "s", 160),
                   ("kalai_smorodinsky", "D", 100), ("nash", "*", 110))
        for z, (name, marker, size) in enumerate(markers):
            point = self.solutions[name]
            if point:
                ax.scatter([point["utilities"][a]], [point["utilities"][b]], marker=marker, s=size,
                           color="#c99700", edgecolor="#222222", zorder=5 + z, label=name)
        d = self.disagreement
        ax.axvline(d[a], color=_display.party_colour(0), linestyle="--", linewidth=1)
        ax.axhline(d[b], color=_display.party_colour(1), linestyle="--", linewidth=1)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel(f"u({a})")
        ax.set_ylabel(f"u({b})")
        ax.set_title(self.scenario.title)
        ax.legend(fontsize="small")
        return ax


# [SECTION] The treaty's life --------------------------------------------------------------------


class Lifecycle:
    """A treaty's simulated life (``treatysim simulate``, one seed).

    DataFrames: ``timeline`` (state, from, to, cause, effective), ``log`` (date, kind, text),
    ``negotiations`` (phase, opened, agreed, superseded, ratified_<party>, end, offers),
    ``compliance`` (date, move_<party>, detected_<party>, payoff_<party>) and ``months`` (exactly
    ``simulate --format csv``: month, state, trust_<party>, payoff_<party>). ``traces``: each
    negotiation's :class:`Trace`. ``to_json()`` is ``simulate --format json``; ``print(life)``
    the text of ``simulate``; ``plot()`` draws trust and payoffs over the months.
    """

    def __init__(self, handle):
        self._handle = handle
        self.json = handle.json()

    scenario = property(lambda self: self._handle.scenario)
    seed = property(lambda self: self.json["seed"])
    path = property(lambda self: self.json["path"])
    final_state = property(lambda self: self.json["final_state"])
    final_clauses = property(lambda self: self.json["final_clauses"])
    cumulative_discounted_payoffs = property(lambda self: self.json["cumulative_discounted_payoffs"])

    @property
    def timeline(self):
        return _frame([{**{"effective": None}, **e} for e in self.json["timeline"]],
                      ["state", "from", "to", "cause", "effective"])

    @property
    def log(self):
        return _frame(self.json["log"], ["date", "kind", "text"])

    @property
    def negotiations(self):
        parties = list(self.scenario.party_ids)
        rows = []
        for n in self.json["negotiations"]:
            row = {"phase": n["phase"], "opened": n["opened"], "agreed": n["agreed"],
                   "superseded": n["superseded"]}
            for p in parties:
                row[f"ratified_{p}"] = n["ratified"][p]
            row["end"] = n["trace"]["result"]["end"]
            row["offers"] = n["trace"]["result"]["offers"]
            outcome = n["trace"]["result"].get("outcome")
            row["outcome"] = "/".join(outcome.values()) if outcome else None
            rows.append(row)
        ratified = [f"ratified_{p}" for p in parties]
        return _frame(rows, ["phase", "opened", "agreed", "superseded"] + ratified
                      + ["end", "offers", "outcome"],
                      {"superseded": "bool", **{r: "bool" for r in ratified}, "offers": "int64"})

    @property
    def compliance(self):
        parties = list(self.scenario.party_ids)
        rows = []
        for c in self.json["compliance"]:
            row = {"date": c["date"]}
            for p in parties:
                row[f"move_{p}"] = c["moves"][p]
            for p in parties:
                row[f"detected_{p}"] = c["detected"][p]
            for p in parties:
                row[f"payoff_{p}"] = c["payoffs"][p]
            rows.append(row)
        return _frame(rows, ["date"] + [f"{k}_{p}" for k in ("move", "detected", "payoff")
                                        for p in parties],
                      {**{f"detected_{p}": "bool" for p in parties},
                       **{f"payoff_{p}": "float64" for p in parties}})

    @property
    def months(self):
        return _read_csv(self.to_csv(), ["month", "state"])

    @property
    def traces(self):
        return [Trace(t) for t in self._handle.traces()]

    def to_json(self, path=None) -> str:
        return _write(path, self._handle.to_json())

    def to_csv(self, path=None) -> str:
        return _write(path, self._handle.to_csv())

    def __str__(self):
        return self._handle.text()

    def __repr__(self):
        return f"<Lifecycle {self.scenario.id} seed {self.seed}: {self.path}>"

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td>{html.escape(e['from'])} – {html.escape(e['to'])}</td>"
            f"<td>{html.escape(e['state'])}</td><td>{html.escape(e['cause'])}</td></tr>"
            for e in self.json["timeline"])
        return (f"<div><b>{html.escape(self.scenario.title)}</b>, seed {self.seed}<br>"
                f"Path: {html.escape(self.path)}<table><tr><th>dates</th><th>state</th>"
                f"<th>cause</th></tr>{rows}</table></div>")

    def plot(self, ax=None):
        """Trust and monthly payoff of each party over the months (two matplotlib axes)."""
        axes = _display.matplotlib_axes(ax, columns=2, figsize=(12, 4))
        months = self.months
        for index, party in enumerate(self.scenario.party_ids):
            colour = _display.party_colour(index)
            axes[0].plot(months.index, months[f"trust_{party}"], color=colour, label=party)
            axes[1].plot(months.index, months[f"payoff_{party}"], color=colour, label=party)
        step = max(1, len(months) // 10)
        for axis, title in zip(axes, ("trust", "payoff per month")):
            axis.set_xticks(months.index[::step])
            axis.set_xticklabels(months["month"][::step], rotation=45)
            axis.set_title(title)
            axis.legend()
        return axes


class Distribution:
    """The paths and final clauses over many seeds (``treatysim simulate --runs K``):
    ``paths`` and ``final_clauses`` DataFrames (path or final, count, share), ``runs``,
    ``seeds``; ``to_json()``/``to_csv()`` are the CLI's text; ``print(d)`` its table."""

    def __init__(self, handle):
        self._handle = handle
        self.json = handle.json()

    runs = property(lambda self: self.json["runs"])
    seeds = property(lambda self: self.json["seeds"])

    @property
    def paths(self):
        return _frame(self.json["paths"], ["path", "count", "share"],
                      {"count": "int64", "share": "float64"})

    @property
    def final_clauses(self):
        return _frame(self.json["final_clauses"], ["final", "count", "share"],
                      {"count": "int64", "share": "float64"})

    def to_json(self, path=None) -> str:
        return _write(path, self._handle.to_json())

    def to_csv(self, path=None) -> str:
        return _write(path, self._handle.to_csv())

    def __str__(self):
        return self._handle.text()

    def __repr__(self):
        top = self.json["paths"][0]
        return (f"<Distribution {self.json['scenario']}: {self.runs} runs, most common "
                f"{top['path']!r} ({100 * top['share']:.1f}%)>")

    def _repr_html_(self):
        return (f"<div><b>{self.runs} runs</b>, seeds {self.seeds['first']}–{self.seeds['last']}"
                f"{_display.html_table(self.paths)}{_display.html_table(self.final_clauses)}</div>")


# [SECTION] Population dynamics ------------------------------------------------------------------


class Evolution:
    """Population dynamics and the meta-game of a payoff matrix (``treatysim evolve``).

    ``payoffs`` (strategy × strategy), ``equilibria`` (one row per symmetric Nash equilibrium:
    the mix, payoff, regret, evolutionarily_stable), ``regrets``, ``replicator`` and ``moran``
    (shares per generation), ``fixed_share``, ``fixation`` (mutant, resident, estimate,
    standard_error, exact, runs), ``shares`` (exactly ``evolve --out``'s CSV);
    ``to_json()`` is ``evolve --format json``; ``print(ev)`` its text; ``plot()`` the shares.
    """

    def __init__(self, handle):
        self._handle = handle
        self.json = handle.json()

    strategies = property(lambda self: list(self.json["strategies"]))

    @property
    def payoffs(self):
        import pandas as pd

        s = self.strategies
        return pd.DataFrame(self.json["payoffs"], index=s, columns=s)

    @property
    def equilibria(self):
        rows = []
        for e in self.json["metagame"]["equilibria"]:
            row = dict(zip(self.strategies, e["mix"]))
            row.update(payoff=e["payoff"], regret=e["regret"],
                       evolutionarily_stable=e["evolutionarily_stable"])
            rows.append(row)
        return _frame(rows, self.strategies + ["payoff", "regret", "evolutionarily_stable"],
                      {**{s: "float64" for s in self.strategies}, "payoff": "float64",
                       "regret": "float64", "evolutionarily_stable": "bool"})

    @property
    def regrets(self):
        import pandas as pd

        columns = {f"NE{k + 1}": e["strategy_regret"]
                   for k, e in enumerate(self.json["metagame"]["equilibria"])}
        columns["all-play"] = self.json["metagame"]["pure_profile_regret"]
        return pd.DataFrame(columns, index=self.strategies)

    @property
    def replicator(self):
        return _frame(self.json["replicator"], self.strategies).rename_axis("generation")

    @property
    def moran(self):
        return _frame(self.json["moran"]["mean_share"], self.strategies).rename_axis("generation")

    @property
    def fixed_share(self):
        import pandas as pd

        return pd.Series(self.json["moran"]["fixed_share"], index=self.strategies)

    @property
    def fixation(self):
        return _frame(self.json["fixation"],
                      ["mutant", "resident", "estimate", "standard_error", "exact", "runs"],
                      {"estimate": "float64", "standard_error": "float64", "exact": "float64",
                       "runs": "int64"})

    @property
    def shares(self):
        return _read_csv(self.to_csv(), ["process"])

    def to_json(self, path=None) -> str:
        return _write(path, self._handle.to_json())

    def to_csv(self, path=None) -> str:
        return _write(path, self._handle.to_csv())

    def __str__(self):
        return self._handle.text()

    def __repr__(self):
        n = len(self.json["metagame"]["equilibria"])
        return f"<Evolution {self.json['name']}: {len(self.strategies)} strategies, {n} equilibria>"

    def _repr_html_(self):
        return (f"<div><b>{html.escape(self.json['name'])}</b>: symmetric Nash equilibria"
                f"{_display.html_table(self.equilibria)}Replicator shares (every tenth generation)"
                f"{_display.html_table(self.replicator.iloc[::10].reset_index())}</div>")

    def plot(self, ax=None):
        """The replicator's and the Moran process's shares over generations (two axes)."""
        axes = _display.matplotlib_axes(ax, columns=2, figsize=(12, 4))
        self.replicator.plot(ax=axes[0], title="replicator dynamics")
        self.moran.plot(ax=axes[1], title=f"Moran process (mean of {self.json['options']['runs']} runs)")
        for axis in axes:
            axis.set_ylabel("share")
            axis.set_ylim(0, 1)
        return axes
