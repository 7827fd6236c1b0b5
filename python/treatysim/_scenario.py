"""Scenarios: loading, editing, the table of outcomes, and how they show in Jupyter."""

from __future__ import annotations

import html
import os

from . import _display
from . import _strategies
from . import _treatysim as _ext

Scenario = _ext.Scenario


def load_scenario(path, deadline=None) -> Scenario:
    """Reads a scenario file (TOML), checked as ``treatysim validate`` checks it: every problem
    raises :class:`treatysim.ScenarioError` with the file, line, column, key and what was
    expected. The parties' ``agent`` specs are checked against the built-in strategies and the
    registered Python ones. ``deadline`` replaces the file's (number of offers)."""
    scenario = _ext.load_scenario(os.fspath(path), _strategies.Session().registry())
    return scenario if deadline is None else scenario.with_deadline(deadline)


def _from_toml(text, name="<string>") -> Scenario:
    """A scenario from TOML text (the format of scenario files; ``name`` stands for the file in
    messages). ``extends = "file.toml"`` is resolved against the working folder."""
    return _ext.parse_scenario(text, name, _strategies.Session().registry())


def import_genius(domain, profile_a, profile_b, deadline=100, id=None, parties=("a", "b"),
                  agent="linear") -> Scenario:
    """A GENIUS / ANAC scenario (a domain XML file and two utility profiles), as
    ``treatysim import-genius`` converts it: evaluations normalised per issue by their largest
    value, weights renormalised, GENIUS's discount d at the deadline becoming d^(1/(N−1)) per
    offer. ``parties`` are the two party ids (profile A's party moves first); ``agent`` is both
    parties' default strategy. Errors raise :class:`treatysim.ScenarioError` naming the file,
    line and element."""
    party_a, party_b = parties
    return _ext.import_genius(os.fspath(domain), os.fspath(profile_a), os.fspath(profile_b),
                              int(deadline), id or "", party_a, party_b, agent,
                              _strategies.Session().registry())


def as_scenario(scenario) -> Scenario:
    """A Scenario, or a path to load."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        return load_scenario(scenario)
    raise TypeError(f"expected a Scenario or a scenario file path, got {scenario!r}")


def _replace(self, **edits) -> Scenario:
    """A validated copy with some parts replaced (the scenario itself never changes):

    - ``id``, ``title``, ``description``;
    - ``deadline`` (offers), ``first_mover`` (a party id), ``information``
      (``"private"`` or ``"complete"``);
    - ``reservation={party: value}``: a number (fixed), or a distribution as a scenario file
      writes it, drawn anew for every negotiation: ``{"uniform": [lo, hi]}``,
      ``{"beta": [a, b], "range": [lo, hi]}`` or ``{"choices": [v1, …], "weights": [w1, …]}``
      (weights optional) — read by the scenario file's reader, with its checks and messages;
    - ``discount={party: value}``;
    - ``weights={party: {issue: weight}}`` (the given weights replace the old ones; all must
      still sum to 1 — :meth:`with_parameter` rescales the others instead);
    - ``values={party: {issue: [v0, v1, …] or {option: v}}}``;
    - ``agents={party: spec}`` (the parties' default strategies);
    - ``interactions={party: [{"label": …, "when": {issue: [option ids]}, "utility": u}, …]}``
      (the party's interaction terms, replaced as a whole: take ``parties[i]["interactions"]``,
      add, change or remove terms, and pass the list back; ``[]`` removes them all).

    Invalid results raise :class:`treatysim.ScenarioError` with the key, as a scenario file
    would (``parties[0].weights: …``).
    """
    return self._replace(edits)


def _outcomes(self):
    """Every outcome as a DataFrame: one column per issue (option ids), then utility_<party>
    (rounded to 12 significant digits, as in traces), in outcome-index order."""
    import pandas as pd

    return pd.DataFrame(self._outcome_table())


def _from_toml_classmethod(cls, text, name="<string>"):
    return _from_toml(text, name)


_from_toml_classmethod.__doc__ = _from_toml.__doc__


def _save(self, path):
    """Writes the canonical TOML (whole or not at all)."""
    _ext.write_file(os.fspath(path), self.to_toml())


def _repr_svg_(self):
    return _ext.analyze(self).svg()


def _reservation_html(party):
    reservation = party["reservation"]
    if not isinstance(reservation, dict):
        return f"reservation {reservation:.3f}"
    drawn = ", ".join(f"{key} {value}" for key, value in reservation.items())
    return (f"reservation drawn per negotiation ({html.escape(drawn)}; mean "
            f"{party['reservation_mean']:.3f})")


def _repr_html_(self):
    parties = self.parties
    head = "".join(f"<th>{html.escape(p['id'])} weight</th>" for p in parties)
    rows = []
    for issue in self.issues:
        options = ", ".join(html.escape(o["id"]) for o in issue["options"])
        weights = "".join(f"<td>{p['weights'][issue['id']]:.3f}</td>" for p in parties)
        rows.append(f"<tr><td>{html.escape(issue['id'])}</td><td>{html.escape(issue['label'])}</td>"
                    f"<td>{options}</td>{weights}</tr>")
    party_lines = "".join(
        f"<li><b>{html.escape(p['name'])}</b> ({html.escape(p['id'])}): "
        f"{html.escape(p['agent'])}, {_reservation_html(p)}, "
        f"discount {p['discount']:g}</li>" for p in parties)
    return (
        f"<div><b>{html.escape(self.title)}</b> [{html.escape(self.id)}] — "
        f"{self.outcome_count} outcomes, deadline {self.deadline} offers, "
        f"{html.escape(self.first_mover)} moves first, {self.information} information"
        f"<ul>{party_lines}</ul>"
        f"<table><tr><th>issue</th><th>label</th><th>options</th>{head}</tr>{''.join(rows)}</table>"
        f"{_display.svg_html(self._repr_svg_())}</div>"
    )


Scenario.replace = _replace
Scenario.outcomes = _outcomes
Scenario.from_toml = classmethod(_from_toml_classmethod)
Scenario.save = _save
Scenario._repr_svg_ = _repr_svg_
Scenario._repr_html_ = _repr_html_
