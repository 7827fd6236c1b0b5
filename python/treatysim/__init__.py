"""treatysim — a game-theoretic negotiation simulator, from Python.

The same C++ engine as the ``treatysim`` command line, without a reimplementation: results are
the engine's (their dicts have the keys of the CLI's JSON, their DataFrames the columns of its
CSV files), strategies can be written in Python, and long runs use every core, show a progress
bar and stop on Ctrl-C. A ten-line start::

    import treatysim as ts
    sc = ts.load_scenario(ts.config_path("sta-2024.toml"))
    tr = ts.run(sc, agents={"us": "boulware(e=0.2)"}, seed=1)
    print(tr)                       # the round table of `treatysim run`
    tr.events                       # a DataFrame, one row per event
    an = ts.analyze(sc)             # frontier, Nash, Kalai-Smorodinsky, ZOPA, SPE
    t = ts.tournament(ts.config_path("tournaments/classroom.toml"))
    t.ranking                       # as summary.json ranks them

Functions: load_scenario, import_genius, run, bench, analyze, simulate, tournament, sweep, tune,
evolve, agents, register, boa, config_path. Classes: Scenario, Trace, Analysis, Lifecycle,
Distribution, Tournament, SweepTable, TuneTable, Evolution; Agent, BiddingStrategy,
AcceptanceCondition, OpponentModel, Parameter for strategies in Python (given Context,
PartyView, State, OpponentModelView, AcceptanceInput). Errors: TreatysimError (a ValueError) and
its subclasses ScenarioError, SpecError, TournamentError, StudyError, PayoffMatrixError,
AgentError. The reference: help(ts.run) etc., and docs/python.md.
"""

from ._errors import (AgentError, PayoffMatrixError, ScenarioError, SpecError, StudyError,
                      TournamentError, TreatysimError)
from . import _treatysim
from ._treatysim import Scenario
from ._scenario import import_genius, load_scenario
from ._strategies import (AcceptanceCondition, AcceptanceInput, Agent, BiddingStrategy, Context,
                          OpponentModel, OpponentModelView, Parameter, PartyView, State, boa,
                          register, registered, unregister)
from ._results import Analysis, Distribution, Evolution, Lifecycle, Trace
from ._api import (SweepTable, Tournament, TuneTable, agents, analyze, bench, config_path,
                   evolve, run, simulate, sweep, tournament, tune)

__version__ = _treatysim.__version__

__all__ = [
    "load_scenario", "import_genius", "run", "bench", "analyze", "simulate", "tournament",
    "sweep", "tune", "evolve", "agents", "register", "unregister", "registered", "boa",
    "config_path",
    "Scenario", "Trace", "Analysis", "Lifecycle", "Distribution", "Tournament", "SweepTable",
    "TuneTable", "Evolution",
    "Agent", "BiddingStrategy", "AcceptanceCondition", "OpponentModel", "Parameter", "Context",
    "PartyView", "State", "OpponentModelView", "AcceptanceInput",
    "TreatysimError", "ScenarioError", "SpecError", "TournamentError", "StudyError",
    "PayoffMatrixError", "AgentError",
]
