"""The exceptions of treatysim: bad input raises a ValueError subclass carrying the CLI's message.

Every error about user input (a scenario file, a strategy spec, a tournament file or dict, an
argument) raises a subclass of :class:`TreatysimError`, itself a :class:`ValueError`.  ``str(e)``
is exactly what ``treatysim`` prints after ``treatysim: error:`` for the same input, e.g.::

    configs/broken.toml:12:9: parties[0].reservation: expected a reservation value in [0, 1], got 1.5

and the parts are attributes: ``e.file``, ``e.line``, ``e.column``, ``e.key`` and ``e.message``
(``None`` where unknown).
"""

from __future__ import annotations


class TreatysimError(ValueError):
    """Bad input: the CLI's located message (``file:line:column: key: message``)."""

    def __init__(self, text, file=None, line=None, column=None, key=None, message=None):
        super().__init__(text)
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message if message is not None else text


class ScenarioError(TreatysimError):
    """A scenario file, TOML text, GENIUS import or scenario edit is invalid."""


class SpecError(TreatysimError):
    """A strategy spec is unknown or malformed, or a strategy cannot play its party."""


class TournamentError(TreatysimError):
    """A tournament file or dict is invalid, or its output folder cannot be used."""


class StudyError(TreatysimError):
    """A sweep or tuning file or dict is invalid."""


class PayoffMatrixError(TreatysimError):
    """The payoff matrix given to evolve() is invalid."""


class AgentError(TreatysimError):
    """A strategy written in Python broke a rule of the protocol (an offer that is not an
    outcome of the scenario, an answer other than "accept", "reject" or "walk_away")."""


__all__ = [
    "TreatysimError",
    "ScenarioError",
    "SpecError",
    "TournamentError",
    "StudyError",
    "PayoffMatrixError",
    "AgentError",
]
