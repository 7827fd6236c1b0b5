"""The functions of the package: one per CLI command, each the engine's own computation."""

from __future__ import annotations

import json
import os
import tempfile

from . import _display
from . import _results
from . import _scenario
from . import _strategies
from . import _toml
from . import _treatysim as _ext
from ._errors import TournamentError, TreatysimError

# [SECTION] Helpers ------------------------------------------------------------------------------


def _seed(value, name="seed"):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**64:
        raise TreatysimError(f"{name}: expected a whole number from 0 to 2^64 - 1, got {value!r}",
                             key=name)
    return value


def _jobs(value):
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1024:
        raise TreatysimError(f"jobs: expected a number of threads from 1 to 1024 (None or 0: "
                             f"all cores), got {value!r}", key="jobs")
    return value


def _choices(scenario, agents, session):
    if agents is None:
        return []
    if not isinstance(agents, dict):
        raise TreatysimError(f"agents: expected a dict {{party id: strategy}}, got {agents!r}",
                             key="agents")
    return [(str(party), session.spec(value), f'agents["{party}"]')
            for party, value in agents.items()]


def _with_agents(scenario, agents, session):
    """The scenario with its parties' default strategies replaced (for simulate)."""
    if not agents:
        return scenario
    ids = scenario.party_ids
    specs = {}
    for party, value in agents.items():
        if party not in ids:
            raise TreatysimError(f'agents["{party}"]: the scenario has no party "{party}" '
                                 f'(its parties are "{ids[0]}" and "{ids[1]}")', key="agents")
        specs[party] = session.spec(value)
    return scenario.replace(agents=specs)


_scenario_folder = None


def _scenario_file(scenario):
    """A Scenario given inside a dict, written as a TOML file (the files' readers take paths);
    the folder is removed when the interpreter exits."""
    global _scenario_folder
    if _scenario_folder is None:
        import atexit
        import shutil

        _scenario_folder = tempfile.mkdtemp(prefix="treatysim-scenarios-")
        atexit.register(shutil.rmtree, _scenario_folder, True)
    path = os.path.join(_scenario_folder, f"{scenario.content_hash}", f"{scenario.id}.toml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _ext.write_file(path, scenario.to_toml())
    return path


def _resolve(value, session):
    if isinstance(value, _scenario.Scenario):
        return _scenario_file(value)
    if isinstance(value, dict):
        return {k: _resolve(v, session) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_resolve(v, session) for v in value]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "item") and not hasattr(value, "propose"):  # numpy scalars
        return value.item()
    return session.spec(value)


def _dict_source(source, what, session):
    """A tournament/sweep/tune dict with Scenario objects and Python strategies resolved."""
    if not isinstance(source, dict):
        raise TreatysimError(f"expected a {what} file path or a dict with its keys, got "
                             f"{source!r}")
    resolved = {}
    for key, value in source.items():
        if key == "competitors" and isinstance(value, (list, tuple)):
            resolved[key] = [
                {k: session.spec(v) if k == "strategy" else _resolve(v, session)
                 for k, v in c.items()} if isinstance(c, dict) else c
                for c in value]
        elif key == "scenarios" and isinstance(value, (list, tuple)):
            resolved[key] = [
                {"file": _scenario_file(s)} if isinstance(s, _scenario.Scenario)
                else {"file": os.fspath(s)} if isinstance(s, (str, os.PathLike))
                else _resolve(s, session)
                for s in value]
        elif isinstance(value, dict):
            table = {}
            for k, v in value.items():
                if k == "strategy":
                    table[k] = session.spec(v)
                elif k == "opponents" and isinstance(v, (list, tuple)):
                    table[k] = [session.spec(o) for o in v]
                else:
                    table[k] = _resolve(v, session)
            resolved[key] = table
        else:
            resolved[key] = _resolve(value, session)
    return resolved


def _source(source, what, session):
    if isinstance(source, dict):
        return f"<{what} dict>", _toml.dumps(_dict_source(source, what, session)), True
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source), None, False
    raise TreatysimError(f"expected a {what} file path or a dict with its keys, got {source!r}")


def config_path(name="") -> str:
    """The path of a file shipped in the project's ``configs/`` folder (``"sta-2024.toml"``,
    ``"tournaments/classroom.toml"``), wherever the package runs from."""
    from . import _paths

    return os.path.join(_paths.configs_dir(), name)


# [SECTION] Negotiations -------------------------------------------------------------------------


def run(scenario, agents=None, seed=1, deadline=None, model_report=False) -> _results.Trace:
    """One negotiation, as ``treatysim run`` plays it; returns its :class:`Trace`.

    :param scenario: a :class:`Scenario` or a scenario file path.
    :param agents: ``{party id: strategy}`` for the parties whose strategy changes (the others
        play the scenario's own): a spec text (``"boulware(e=0.2)"``), a strategy written in
        Python (a :class:`treatysim.Agent` instance or class), or ``ts.boa(...)``. An instance
        plays itself (inspect it afterwards); given for both parties, the second is a copy.
    :param seed: the run seed; all randomness derives from it, so a seed replays exactly.
    :param deadline: replaces the scenario's deadline (number of offers).
    :param model_report: as ``run --model-report``: also measure how well each agent's opponent
        model guessed the other side, after each offer and at the end; the trace's
        ``model_report`` holds it, ``to_json()`` is ``run --format json --model-report`` and
        ``print(trace)`` ends with its table.
    """
    sc = _scenario.as_scenario(scenario)
    if deadline is not None:
        sc = sc.with_deadline(deadline)
    session = _strategies.Session(share_instance=True)
    choices = _choices(sc, agents, session)
    if model_report:
        report = _ext.run_with_models(sc, choices, _seed(seed), session.registry())
        return _results.Trace(report.trace, report)
    return _results.Trace(_ext.run(sc, choices, _seed(seed), session.registry()))


def bench(scenario, agents=None, negotiations=100000, seed=1, deadline=None) -> dict:
    """Negotiations per second with tracing off, one thread: the loop ``treatysim bench`` times
    (negotiation i has seed derive_seed(seed, "bench", i)). Returns the dict of one scenario in
    ``bench --format json``: scenario, agents, negotiations, seconds, negotiations_per_s,
    offers_per_s, mean_offers, agreement_rate, mean_utilities."""
    sc = _scenario.as_scenario(scenario)
    if deadline is not None:
        sc = sc.with_deadline(deadline)
    session = _strategies.Session(share_instance=True)
    choices = _choices(sc, agents, session)
    return _ext.bench(sc, choices, _seed(seed), int(negotiations), session.registry())


def analyze(scenario) -> _results.Analysis:
    """The outcome space (``treatysim analyze``): frontier, the four bargaining solutions, ZOPA
    and the subgame-perfect equilibrium, as an :class:`Analysis`."""
    return _results.Analysis(_ext.analyze(_scenario.as_scenario(scenario)))


def agents():
    """Every registered strategy and component — built-in ones, then those registered from
    Python — as a DataFrame with the columns of ``treatysim agents --format json``: name, kind,
    description, source, traits (a dict), parameters (a list of dicts: name, type, default, min,
    max, description)."""
    import pandas as pd

    rows = _ext.agents_json(_strategies.Session().registry())
    return pd.DataFrame(rows, columns=["name", "kind", "description", "source", "traits",
                                       "parameters"])


# [SECTION] The treaty's life --------------------------------------------------------------------


def simulate(scenario, years=None, seed=None, runs=1, jobs=None, agents=None, progress=None):
    """The treaty's life (``treatysim simulate``).

    With ``runs=1`` a :class:`Lifecycle` (timeline, log, negotiations, compliance, months); with
    ``runs=K`` the :class:`Distribution` of paths and final clauses over seeds seed … seed+K−1,
    computed on ``jobs`` threads (None: all cores; the result does not depend on it), stopped
    within a second by Ctrl-C (KeyboardInterrupt).

    :param years: the horizon (default: the scenario's).
    :param seed: the run seed (default: the scenario's ``[treaty] seed``).
    :param agents: ``{party id: strategy}`` replacing the parties' negotiators.
    """
    sc = _scenario.as_scenario(scenario)
    session = _strategies.Session()
    sc = _with_agents(sc, agents, session)
    if years is not None and (isinstance(years, bool) or not isinstance(years, int)
                              or not 1 <= years <= 100):
        raise TreatysimError(f"years: expected 1 to 100, got {years!r}", key="years")
    if seed is not None:
        _seed(seed)
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise TreatysimError(f"runs: expected at least 1, got {runs!r}", key="runs")
    if runs == 1:
        return _results.Lifecycle(_ext.simulate(sc, seed, years or 0, session.registry()))
    bar = _display.Progress(progress, "simulating runs", "run")
    try:
        handle = _ext.simulate_runs(sc, seed, years or 0, runs, _jobs(jobs), session.registry(),
                                    bar())
    finally:
        bar.close()
    return _results.Distribution(handle)


# [SECTION] Tournaments --------------------------------------------------------------------------


class Tournament:
    """A tournament's results (``treatysim tournament``).

    - ``negotiations``: a DataFrame with exactly the columns and values of negotiations.csv;
    - ``summary``: the dict summary.json holds; ``ranking``, ``payoff_matrix`` and
      ``adjacent_tests`` as DataFrames taken from it;
    - ``out``: the folder of the files (None when the run used a temporary one);
    - ``print(t)``: the CLI's tables; in Jupyter, the ranking and a shaded payoff matrix.
    """

    def __init__(self, info, negotiations, summary):
        self.out = info.get("out")
        self.complete = info["complete"]
        self.done = info["done"]
        self.total = info["total"]
        self.name = info["name"]
        self._tables = info["tables"]
        self.negotiations = negotiations
        self.summary = summary

    @property
    def ranking(self):
        """The ranking of summary.json (by ``rank_by``: mean utility or mean advantage), with the
        columns of the metrics the tournament reports (``mean_<metric>``, and for the model
        metrics ``<metric>_n``, the number of negotiations measured)."""
        models = ("model_pearson", "model_kendall", "model_mae", "model_pareto",
                  "model_reservation_error")
        dtypes = {"rank": "int64", "n": "int64", "mean_utility": "float64", "sd": "float64",
                  "ci_low": "float64", "ci_high": "float64", "agreement_rate": "float64",
                  "mean_offers": "float64", "mean_social_welfare": "float64",
                  "mean_distance_to_pareto": "float64", "mean_distance_to_nash": "float64",
                  "mean_advantage": "float64", "advantage_ci_low": "float64",
                  "advantage_ci_high": "float64",
                  **{f"mean_{m}": "float64" for m in models}, **{f"{m}_n": "int64" for m in models}}
        return _results._frame(self.summary["ranking"], dtypes=dtypes)

    @property
    def payoff_matrix(self):
        import pandas as pd

        matrix = self.summary["payoff_matrix"]
        return pd.DataFrame(matrix["mean_utility"], index=matrix["competitors"],
                            columns=matrix["competitors"], dtype=float)

    @property
    def adjacent_tests(self):
        return _results._frame(self.summary["adjacent_tests"], [
            "higher", "lower", "n", "mean_difference", "t", "degrees_of_freedom", "p_value",
            "holm_p_value", "significant"], {
            "n": "int64", "mean_difference": "float64", "t": "float64",
            "degrees_of_freedom": "float64", "p_value": "float64", "holm_p_value": "float64",
            "significant": "bool"})

    def __str__(self):
        return self._tables

    def __repr__(self):
        best = self.summary["ranking"][0]["competitor"] if self.summary["ranking"] else "-"
        return (f"<Tournament {self.name}: {self.done}/{self.total} negotiations, "
                f"first {best}>")

    def _repr_html_(self):
        import html

        ranking = self.ranking
        columns = [c for c in ("rank", "competitor", "mean_utility", "ci_low", "ci_high",
                               "mean_advantage", "advantage_ci_low", "advantage_ci_high", "n",
                               "agreement_rate", "mean_offers", "mean_social_welfare",
                               "mean_distance_to_pareto", "mean_distance_to_nash",
                               "mean_model_pearson", "mean_model_kendall", "mean_model_mae",
                               "mean_model_pareto", "mean_model_reservation_error")
                   if c in ranking.columns]
        matrix = self.payoff_matrix
        values = [v for v in matrix.to_numpy().ravel() if v == v]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in matrix.columns)
        rows = "".join(
            f"<tr><th>{html.escape(r)}</th>"
            + "".join(_display.heat_cell(v, low, high) for v in matrix.loc[r]) + "</tr>"
            for r in matrix.index)
        state = "" if self.complete else " (incomplete)"
        by = ("mean advantage: utility above one's own reservation value"
              if self.summary.get("rank_by") == "advantage" else "mean discounted utility")
        return (f"<div><b>Tournament {html.escape(self.name)}</b>{state}: {self.done} "
                f"negotiations<br>Ranking ({by}, 95% CI)"
                f"{_display.html_table(ranking[columns])}Payoff matrix (row's mean utility "
                f"against column)<table><tr><th></th>{head}</tr>{rows}</table></div>")


# The columns of negotiations.csv that hold names, kept as text whatever they look like.
_TEXT_COLUMNS = ["scenario", "competitor_a", "party_a", "competitor_b", "party_b", "end"]


def _read_tournament(info):
    out = info["out"]
    with open(os.path.join(out, "negotiations.csv"), encoding="utf-8") as file:
        negotiations = _results._read_csv(file.read(), _TEXT_COLUMNS)
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as file:
        summary = json.load(file)
    return negotiations, summary


def tournament(source, jobs=None, out=None, resume=False, shard=None, traces=False,
               progress=None) -> Tournament:
    """Every competitor against every other on every scenario (``treatysim tournament``).

    :param source: a tournament file, or a dict with the keys of one (``{"tournament": {...},
        "competitors": [...], "scenarios": [...]}``); a competitor's ``strategy`` may be a
        strategy written in Python, a scenario a :class:`Scenario` object.
    :param jobs: threads (None: all cores). The files are identical for every number; with
        strategies written in Python too (each agent is its own copy; their calls take the GIL
        in turn, so they run one at a time).
    :param out: the output folder (negotiations.csv, summary.json), as ``--out``; None: a
        temporary folder, removed once read.
    :param resume: finish an interrupted run recorded in ``out`` (as ``--resume``).
    :param shard: ``"i/n"``: play the negotiations whose index k has k mod n = i−1.
    :param traces: also write every negotiation's trace to ``out``/traces/ (needs ``out``).
    :param progress: see :class:`treatysim._display.Progress` (a tqdm bar by default).

    Ctrl-C (or the notebook's interrupt) stops within a second with KeyboardInterrupt; the
    folder is left as the CLI leaves it: ``treatysim tournament FILE --out DIR --resume`` (or
    ``tournament(..., out=DIR, resume=True)``) finishes it to the files of an uninterrupted run.
    """
    session = _strategies.Session()
    name, text, from_dict = _source(source, "tournament", session)
    if traces and out is None:
        raise TournamentError("traces: the traces are written to OUT/traces/: give out=",
                              key="traces")
    if resume and out is None:
        raise TournamentError("resume: give out=, the folder of the run to finish", key="resume")
    shard_text = "" if shard is None else str(shard)
    bar = _display.Progress(progress, "negotiations", "negotiation")

    def play(folder):
        try:
            return _ext.tournament(name, text, from_dict, session.registry(), folder, resume,
                                   shard_text, traces, _jobs(jobs), bar())
        finally:
            bar.close()

    if out is not None:
        info = play(os.fspath(out))
        return Tournament(info, *_read_tournament(info))
    with tempfile.TemporaryDirectory(prefix="treatysim-tournament-") as folder:
        info = play(folder)
        result = Tournament(info, *_read_tournament(info))
    result.out = None
    return result


# [SECTION] Sweeps and tuning --------------------------------------------------------------------

try:
    import pandas as _pd

    class SweepTable(_pd.DataFrame):
        """The table of a sweep — exactly the CSV ``treatysim sweep`` writes, one row per grid
        point — with the chart (``chart_svg``, shown in Jupyter above the table), ``best`` (the
        best point's row index), ``name``, ``metric`` and ``parameters`` (the swept ones)."""

        _metadata = ["chart_svg", "best", "name", "metric", "parameters", "description"]

        @property
        def _constructor(self):
            return _pd.DataFrame

        def _repr_html_(self):
            return _display.svg_html(self.chart_svg) + super()._repr_html_()

        def to_svg(self, path=None):
            """The chart (``sweep --svg``)."""
            return _results._write(path, self.chart_svg)

    class TuneTable(_pd.DataFrame):
        """The evaluations of a tuning run, in order (evaluation, the tuned parameters, spec,
        score, best_score, improved), with the result: ``best_spec``, ``best_values``,
        ``best_score`` and ``default_score`` (on the tuning seeds), and both scored on fresh
        seeds (``best_validation``, ``default_validation``: n, mean, sd, ci_low, ci_high) with
        the paired t-test of their difference (``comparison``)."""

        _metadata = ["name", "metric", "algorithm", "parameters", "best_spec", "best_values",
                     "best_score", "default_spec", "default_score", "evaluations",
                     "best_validation", "default_validation", "comparison",
                     "validation_negotiations", "description"]

        @property
        def _constructor(self):
            return _pd.DataFrame

        def summary(self) -> str:
            """The result in the words of ``treatysim tune``."""
            b, d, c = self.best_validation, self.default_validation, self.comparison
            return (f"best after {self.evaluations} evaluations: {self.best_spec}  {self.metric} "
                    f"{self.best_score:.4f} on the tuning seeds (defaults {self.default_score:.4f})\n"
                    f"On fresh seeds ({self.validation_negotiations} negotiations):\n"
                    f"  tuned     {self.best_spec}: {b['mean']:.4f}  95% CI [{b['ci_low']:.4f}, "
                    f"{b['ci_high']:.4f}]\n"
                    f"  defaults  {self.default_spec}: {d['mean']:.4f}  95% CI [{d['ci_low']:.4f}, "
                    f"{d['ci_high']:.4f}]\n"
                    f"  difference {c['mean_difference']:+.4f} (paired t-test: t = {c['t']:.2f}, "
                    f"p = {c['p_value']:.3g})\n")

        def _repr_html_(self):
            import html

            return f"<pre>{html.escape(self.summary())}</pre>" + super()._repr_html_()
except ImportError:  # pragma: no cover - pandas is a dependency of the package
    SweepTable = TuneTable = None


def sweep(source, jobs=None, progress=None):
    """A grid over one or two parameters (``treatysim sweep``): returns a :class:`SweepTable`,
    a DataFrame equal to the sweep's CSV, with its chart.

    :param source: a sweep file or a dict with its keys (``{"sweep": {..., "axes": [...]}}``);
        the strategy and opponents may be strategies written in Python (registered ones can be
        swept over their :class:`Parameter`\\ s), the scenarios :class:`Scenario` objects.
    :param jobs: threads (None: all cores; the same results for any number).
    """
    session = _strategies.Session()
    name, text, from_dict = _source(source, "sweep", session)
    bar = _display.Progress(progress, "sweep", "point")
    try:
        handle = _ext.sweep(name, text, from_dict, session.registry(), _jobs(jobs), bar())
    finally:
        bar.close()
    table = SweepTable(_results._read_csv(handle.csv()))
    table.chart_svg = handle.svg()
    table.best = handle.best()
    table.name = handle.name
    table.metric = handle.metric
    table.parameters = handle.axes
    table.description = handle.description
    return table


def tune(source, jobs=None, progress=None):
    """Searches a strategy's numeric parameters with NLopt (``treatysim tune``), then plays the
    best and the defaults on fresh seeds; returns a :class:`TuneTable` (the evaluations, with
    the result as attributes).

    :param source: a tuning file or a dict with its keys (``{"tune": {...}}``).
    :param jobs: threads (None: all cores; the same results for any number).
    """
    session = _strategies.Session()
    name, text, from_dict = _source(source, "tune", session)
    bar = _display.Progress(progress, "tune", "evaluation")
    try:
        result = _ext.tune(name, text, from_dict, session.registry(), _jobs(jobs), bar())
    finally:
        bar.close()
    paths = [p["path"] for p in result["parameters"]]
    table = TuneTable(result["history"],
                      columns=["evaluation"] + paths + ["spec", "score", "best_score", "improved"])
    for key in TuneTable._metadata:
        value = result.get(key)
        setattr(table, key, value)
    table.best_values = dict(zip(paths, result["best_values"]))
    return table


# [SECTION] Population dynamics ------------------------------------------------------------------


def evolve(source, generations=100, population=100, selection=0.1, runs=1000, seed=1,
           initial_shares=None) -> _results.Evolution:
    """Population dynamics and the meta-game of a payoff matrix (``treatysim evolve``).

    :param source: a :class:`Tournament` (run with self-play), its ``summary`` dict, a path
        (a summary.json or a payoff-matrix TOML file), a dict with the keys of a payoff-matrix
        file (``{"payoff_matrix": {"strategies": [...], "payoffs": [[...]]}}``), or a square
        DataFrame (index = columns = strategies).
    The other parameters are the CLI's flags: replicator horizon and Moran generations, Moran
    population N, selection intensity w, runs, seed, and the starting shares (any scale).
    """
    if isinstance(source, Tournament):
        kind, data, name = "summary", json.dumps(source.summary), f"tournament {source.name}"
    elif isinstance(source, dict) and source.get("format") == "treatysim-tournament-summary":
        kind, data, name = "summary", json.dumps(source), "<summary dict>"
    elif isinstance(source, dict):
        kind, data, name = "toml", _toml.dumps(source), "<payoff matrix dict>"
    elif isinstance(source, (str, os.PathLike)):
        kind, data, name = "file", os.fspath(source), os.fspath(source)
    elif hasattr(source, "to_numpy") and hasattr(source, "index"):
        labels = [str(s) for s in source.index]
        kind, name = "matrix", "<DataFrame>"
        data = (name, labels, [[float(v) for v in row] for row in source.to_numpy()])
    else:
        raise TreatysimError(f"evolve: expected a Tournament, a summary dict, a file path, a "
                             f"payoff-matrix dict or a DataFrame, got {source!r}")
    shares = [] if initial_shares is None else [float(s) for s in initial_shares]
    return _results.Evolution(_ext.evolve(kind, data, name, int(generations), int(population),
                                          float(selection), int(runs), _seed(seed), shares))
