"""Strategies written in Python: base classes, parameters, and the registry that names them.

A strategy written in Python plays wherever a built-in one does — ``run``, ``tournament``
(as a competitor), ``sweep``, ``tune``, ``simulate``, against built-ins or itself — because the
engine sees it through the same interfaces (``engine/protocol/agent.hpp`` for a negotiator,
``agents/components.hpp`` for the BOA components). See docs/python.md, "Strategies in Python".
"""

from __future__ import annotations

import inspect
import math
import re

from . import _treatysim as _ext
from ._errors import SpecError

__all__ = [
    "Context",
    "PartyView",
    "State",
    "AcceptanceInput",
    "OpponentModelView",
    "Agent",
    "BiddingStrategy",
    "AcceptanceCondition",
    "OpponentModel",
    "Parameter",
    "register",
    "unregister",
    "registered",
    "boa",
]


class Context:
    """What a strategy is told at ``reset(context)``; valid for the whole negotiation (keep it).

    ``party``, ``opponent_party``
        the ids of the party the strategy plays and of the other one;
    ``deadline``
        the number of offers (indices 0 … deadline−1);
    ``seed``
        the strategy's own random seed, derived from the run seed: draw every random number
        from it (``random.Random(context.seed)``) so that runs replay;
    ``complete_information``, ``scenario``, ``issues`` (the issue ids, in order);
    ``own``
        the strategy's own preferences, a :class:`PartyView`;
    ``opponent``
        the opponent's :class:`PartyView` under complete information, else None.
    """

    __slots__ = ("party", "opponent_party", "deadline", "seed", "complete_information",
                 "scenario", "issues", "own", "opponent")

    def __repr__(self):
        return f"<Context party {self.party}, deadline {self.deadline}, seed {self.seed}>"


class PartyView:
    """One party's preferences, as a strategy may know them.

    Attributes: ``id``, ``name``, ``reservation_value`` (the utility of no agreement),
    ``discount`` (per offer: an agreement at offer r is worth discount**r · u), ``max_utility``,
    ``min_utility``, ``weights`` ({issue: weight}), ``values`` ({issue: {option: value}}).
    Functions (C, about 0.1 µs each): ``utility(outcome)``, ``best()``, ``at_least(target)``
    (the outcome of smallest utility ≥ target, O(log n)) and ``outcomes(at_least=-inf)``
    ([(outcome, utility)], best first). Outcomes are {issue id: option id} dicts.
    """

    __slots__ = ("id", "name", "reservation_value", "discount", "max_utility", "min_utility",
                 "weights", "values", "utility", "best", "at_least", "outcomes")

    def __repr__(self):
        return f"<PartyView {self.id}>"


class State:
    """The moment of a decision, valid only during the call it is given to.

    ``offer_index`` (the offer being made, or answered), ``deadline``, ``time`` (normalised:
    offer_index/(deadline−1) in [0, 1]), ``last_offer`` (True when rejecting ends the
    negotiation), and the offers so far: ``last`` (the latest as (outcome, proposer id), or
    None), ``offers`` (all of them, O(n)), ``offer_count``. One State object is reused from call
    to call: copy what you want to keep.
    """

    __slots__ = ("offer_index", "deadline", "time", "last_offer", "_history")

    @property
    def offers(self):
        """Every offer so far, in order, as (outcome, proposer id) pairs."""
        return self._history(0)

    @property
    def last(self):
        """The latest offer as (outcome, proposer id), or None before the first."""
        return self._history(1)

    @property
    def offer_count(self):
        """The number of offers made so far."""
        return self._history(2)

    def __repr__(self):
        return f"<State offer {self.offer_index} of {self.deadline}>"


class AcceptanceInput:
    """What an acceptance condition decides on (valid during the call only): ``state`` (its
    offer_index is the offer answered), ``offer_utility`` (own utility of the offer),
    ``next_bid_utility`` (own utility of the bid the agent would make next), ``has_next_bid``
    (False on the last offer), ``best_received_utility`` (the best own utility among the
    opponent's earlier offers; −1: none)."""

    __slots__ = ("state", "offer_utility", "next_bid_utility", "has_next_bid",
                 "best_received_utility")


class OpponentModelView:
    """The opponent model given to a bidding strategy (valid during the call only):
    ``utility(outcome)`` is its estimate of the opponent's utility, in [0, 1]."""

    __slots__ = ("utility",)


class Parameter:
    """A parameter of a strategy class written in Python.

    Declared in the class's ``parameters`` dict, it becomes part of the strategy's spec
    (``my_agent(e=0.3)``), is checked like a built-in parameter (type and range, with the same
    messages), is listed by :func:`treatysim.agents`, and can be swept and tuned. The class is
    instantiated with the values as keyword arguments: ``MyAgent(e=0.3)``.

    :param default: the value when the spec does not give one.
    :param min, max: inclusive bounds of a number (sweeps and tuning use them).
    :param description: one sentence, with the unit or meaning.
    :param integer: whole numbers only.
    :param choices: for a string parameter, the allowed values (empty: any).
    """

    def __init__(self, default, min=None, max=None, description="", integer=False, choices=None):
        self.default = default
        self.min = min
        self.max = max
        self.description = description
        self.integer = integer
        self.choices = list(choices) if choices else None
        if isinstance(default, str):
            self.type = "string"
        elif isinstance(default, (int, float)) and not isinstance(default, bool):
            self.type = "integer" if integer else "number"
        else:
            raise SpecError(f"Parameter: the default must be a number or a string, got {default!r}")

    def _entry(self, name):
        if self.type == "string":
            return (name, "string", self.default, 0.0, 0.0, self.description, self.choices)
        low = -math.inf if self.min is None else float(self.min)
        high = math.inf if self.max is None else float(self.max)
        return (name, self.type, float(self.default), low, high, self.description, None)

    def __repr__(self):
        return f"Parameter({self.default!r}, min={self.min!r}, max={self.max!r})"


class Agent:
    """Base class of a whole negotiator written in Python (the engine's ``Agent``).

    Override :meth:`propose` and :meth:`respond`, usually :meth:`reset`, and optionally
    :meth:`observe`. Class attributes describe it to the registry:

    ``name``
        the name specs use (default: the class name); letters, digits and ``_``.
    ``description``
        one line (default: the first line of the docstring).
    ``parameters``
        ``{name: Parameter(...)}``: spec parameters passed to ``__init__`` as keywords.
    ``stochastic``
        it draws random numbers (from ``random.Random(context.seed)``, so that runs replay).
    ``needs_complete_information``
        it reads ``context.opponent``; refused under private information, as built-ins are.

    Offers are ``{issue id: option id}`` dicts (or the text ``"S0/IP1/..."``). An offer that is
    not an outcome of the scenario, or an answer other than ``"accept"``, ``"reject"`` or
    ``"walk_away"``, stops the run with :class:`treatysim.AgentError`; an exception your code
    raises stops it and reaches you as itself, with its traceback.
    """

    name: str | None = None
    description: str = ""
    parameters: dict = {}
    stochastic: bool = False
    needs_complete_information: bool = False

    def reset(self, context):
        """A negotiation starts: forget everything. ``context`` is a :class:`treatysim.Context`
        (party, deadline, seed, ``own`` preferences, ``opponent`` under complete information);
        it stays valid for the whole negotiation."""

    def continue_series(self, context):
        """The next negotiation of a series against the same opponent (``run(series=...)``):
        a learning strategy keeps what it learned. Default: :meth:`reset`."""
        self.reset(context)

    def propose(self, state):
        """The offer at ``state.offer_index``: an outcome ``{issue id: option id}``."""
        raise NotImplementedError(f"{type(self).__name__}.propose")

    def respond(self, state, offer):
        """The answer to ``offer`` (the latest offer): ``"accept"``, ``"reject"`` (a
        counter-offer follows, unless it was the last offer) or ``"walk_away"``."""
        raise NotImplementedError(f"{type(self).__name__}.respond")

    def observe(self, event):
        """Every event of the negotiation, own ones included: ``{"type": "offer" | "accept" |
        "reject" | "walk_away" | "deadline", "offer": r, "party": id, "outcome": {...}}``.
        Not called at all unless overridden (it costs a Python call per event)."""


class BiddingStrategy:
    """Base class of a BOA bidding component written in Python (``agents/components.hpp``).

    Used inside ``boa(bidding=..., ...)`` with built-in or Python acceptance conditions and
    opponent models. ``model`` is the opponent model (an :class:`treatysim.OpponentModelView`
    with ``utility(outcome)``), or None. Set ``uses_model = True`` when :meth:`bid` reads it.
    """

    name: str | None = None
    description: str = ""
    parameters: dict = {}
    stochastic: bool = False
    needs_complete_information: bool = False
    uses_model: bool = False

    def reset(self, context):
        """A negotiation starts (see :meth:`Agent.reset`)."""

    def target(self, state, model):
        """The own-utility target of an offer made at ``state.offer_index``. Pure: asking twice
        gives the same answer (acceptance conditions preview the next bid)."""
        raise NotImplementedError(f"{type(self).__name__}.target")

    def bid(self, state, model):
        """The offer at ``state.offer_index``, ``{issue id: option id}``. Pure as well."""
        raise NotImplementedError(f"{type(self).__name__}.bid")


class AcceptanceCondition:
    """Base class of a BOA acceptance condition written in Python.

    :meth:`accept` gets an :class:`treatysim.AcceptanceInput` (``state``, ``offer_utility``,
    ``next_bid_utility``, ``has_next_bid``, ``best_received_utility``). ``boa`` never accepts an
    offer worth less than the reservation value, whatever the condition says.
    """

    name: str | None = None
    description: str = ""
    parameters: dict = {}
    stochastic: bool = False
    needs_complete_information: bool = False

    def reset(self, context):
        """A negotiation starts (see :meth:`Agent.reset`)."""

    def accept(self, input):
        """True to accept the opponent's offer."""
        raise NotImplementedError(f"{type(self).__name__}.accept")


class OpponentModel:
    """Base class of a BOA opponent model written in Python."""

    name: str | None = None
    description: str = ""
    parameters: dict = {}
    stochastic: bool = False
    needs_complete_information: bool = False

    def reset(self, context):
        """A negotiation starts: forget everything."""

    def update(self, state, offer):
        """The opponent made ``offer`` (state.offers includes it)."""

    def utility(self, outcome):
        """Estimated opponent utility of ``outcome``, in [0, 1]."""
        raise NotImplementedError(f"{type(self).__name__}.utility")


_KINDS = (
    (Agent, "negotiator"),
    (BiddingStrategy, "bidding"),
    (AcceptanceCondition, "acceptance"),
    (OpponentModel, "opponent_model"),
)
_DUCK = (
    (("propose", "respond"), "negotiator"),
    (("bid", "target"), "bidding"),
    (("accept",), "acceptance"),
    (("update", "utility"), "opponent_model"),
)


def _kind(strategy):
    cls = strategy if inspect.isclass(strategy) else type(strategy)
    for base, kind in _KINDS:
        if issubclass(cls, base):
            return kind
    for methods, kind in _DUCK:
        if all(callable(getattr(cls, m, None)) for m in methods):
            return kind
    raise SpecError(
        f"{cls.__name__} is not a strategy: subclass treatysim.Agent (propose, respond), "
        "BiddingStrategy (target, bid), AcceptanceCondition (accept) or OpponentModel "
        "(update, utility)"
    )


def _is_strategy(value):
    try:
        _kind(value)
        return True
    except SpecError:
        return False


_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def _name_of(strategy):
    cls = strategy if inspect.isclass(strategy) else type(strategy)
    name = getattr(strategy, "name", None) or cls.__name__
    if not _NAME.match(name):
        raise SpecError(
            f"strategy name {name!r} ({cls.__qualname__}): a name is a letter followed by "
            "letters, digits or '_' (set the class attribute `name`)"
        )
    return name


def _entry(strategy, name, share_instance):
    is_class = inspect.isclass(strategy)
    cls = strategy if is_class else type(strategy)
    kind = _kind(strategy)
    doc = inspect.getdoc(cls) or ""
    description = getattr(cls, "description", "") or (doc.splitlines()[0] if doc else "")
    parameters = []
    if is_class:
        for pname, parameter in dict(getattr(cls, "parameters", {}) or {}).items():
            if not isinstance(parameter, Parameter):
                parameter = Parameter(parameter)
            parameters.append(parameter._entry(pname))
    base_continue = Agent.continue_series
    return {
        "name": name,
        "kind": kind,
        "object": strategy,
        "is_class": is_class,
        "share_instance": share_instance,
        "uses_model": bool(getattr(cls, "uses_model", False)),
        "parameters": parameters,
        "description": description,
        "source": f"Python: {cls.__module__}.{cls.__qualname__}",
        "stochastic": bool(getattr(cls, "stochastic", False)),
        "needs_complete_information": bool(getattr(cls, "needs_complete_information", False)),
        "learns_across_series": kind == "negotiator"
        and getattr(cls, "continue_series", base_continue) is not base_continue,
    }


_registry: dict[str, dict] = {}


def register(strategy, name=None):
    """Registers a strategy written in Python under a name, for every later call.

    ``strategy`` is a class (instantiated with the spec's parameters each time an agent is made)
    or an instance (copied with ``copy.deepcopy`` each time). Registered, it can be named in
    specs anywhere — ``"my_agent(e=0.3)"``, ``boa(bidding=my_bidding, acceptance=ac_next)``,
    tournament, sweep and tuning files — and :func:`treatysim.agents` lists it. Registering a
    name again replaces the earlier strategy (re-running a notebook cell). Returns the name.
    """
    kind = _kind(strategy)
    name = name or _name_of(strategy)
    if not _NAME.match(name):
        raise SpecError(f"strategy name {name!r}: a letter followed by letters, digits or '_'")
    _registry[(name, kind)] = _entry(strategy, name, share_instance=False)
    _ext.Registry(list(_registry.values()))  # refuses the name of a built-in strategy now
    return name


def unregister(name):
    """Removes the Python strategies registered under ``name`` (every kind)."""
    for key in [k for k in _registry if k[0] == name]:
        del _registry[key]


def registered():
    """The names of the strategies registered with :func:`register`, by kind."""
    return {name: kind for name, kind in _registry}


class Boa:
    """A ``boa(...)`` negotiator whose components may be Python objects (see :func:`boa`)."""

    def __init__(self, bidding, acceptance, model):
        self.bidding = bidding
        self.acceptance = acceptance
        self.model = model

    def __repr__(self):
        return f"boa(bidding={self.bidding!r}, acceptance={self.acceptance!r}, model={self.model!r})"


def boa(bidding="time_dependent", acceptance="ac_next", model="none"):
    """A BOA negotiator composed of components, each a spec text (``"ac_combi(t=0.95)"``) or a
    component written in Python (a :class:`BiddingStrategy`, :class:`AcceptanceCondition` or
    :class:`OpponentModel` class or instance). Use it wherever a strategy goes:
    ``run(sc, agents={"us": ts.boa(bidding=MyBidding(), acceptance="ac_next")})``."""
    return Boa(bidding, acceptance, model)


class Session:
    """The strategies of one call: the registered ones plus the Python objects the call names.

    Objects given directly get their name (``name`` attribute or class name); two different
    objects with the same name get ``_2``, ``_3``… With ``share_instance`` (run, bench) the first
    agent made from an instance is the instance itself, so its state can be inspected after the
    run; every other agent or component is a fresh copy (``copy.deepcopy``) or instance.
    """

    def __init__(self, share_instance=False):
        self.share_instance = share_instance
        self.entries = dict(_registry)
        self.names = {}  # id(object) → name
        self.keep = []  # the objects named (so that their ids stay theirs)
        self._registry = None

    def name(self, strategy, expected_kind=None):
        if id(strategy) in self.names:
            return self.names[id(strategy)]
        kind = _kind(strategy)
        if expected_kind and kind != expected_kind:
            raise SpecError(f"{strategy!r} is a {kind} component, not a {expected_kind}")
        base = _name_of(strategy)
        name = base
        suffix = 1
        while (name, kind) in self.entries and self.entries[(name, kind)]["object"] is not strategy:
            suffix += 1
            name = f"{base}_{suffix}"
        self.entries[(name, kind)] = _entry(strategy, name, self.share_instance)
        self.names[id(strategy)] = name
        self.keep.append(strategy)
        self._registry = None
        return name

    def spec(self, value, expected_kind="negotiator"):
        """The spec text for a strategy given as text, a Python strategy or a boa(...)."""
        if isinstance(value, str):
            return value
        if isinstance(value, Boa):
            parts = []
            for key, part, kind in (
                ("bidding", value.bidding, "bidding"),
                ("acceptance", value.acceptance, "acceptance"),
                ("model", value.model, "opponent_model"),
            ):
                parts.append(f"{key}={self.spec(part, kind)}")
            return "boa(" + ", ".join(parts) + ")"
        if _is_strategy(value):
            return self.name(value, expected_kind)
        raise SpecError(
            f"expected a strategy spec (e.g. \"boulware(e=0.2)\"), a strategy written in Python "
            f"or ts.boa(...), got {value!r}, which is not a strategy: subclass treatysim.Agent "
            "(propose, respond), BiddingStrategy (target, bid), AcceptanceCondition (accept) or "
            "OpponentModel (update, utility)"
        )

    def registry(self):
        if self._registry is None:
            self._registry = _ext.Registry(list(self.entries.values()))
        return self._registry

