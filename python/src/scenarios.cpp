// scenarios.cpp — Scenario in Python: loading (TOML files and text, GENIUS XML), reading its
// issues and parties, utilities, the table of outcomes, and edited copies (validated by the
// engine, with the same messages as a scenario file).
#include <cmath>
#include <vector>

#include "agents/registry.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/interaction_ids.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/reservation.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/studies/study_plan.hpp"
#include "python/src/outcomes.hpp"

namespace treatysim::python {

namespace {

PartyIndex party_index(const Scenario& scenario, py::handle party, const std::string& what) {
  if (PyLong_Check(party.ptr())) {
    const long index = PyLong_AsLong(party.ptr());
    if (index == 0 || index == 1) return static_cast<PartyIndex>(index);
  } else if (PyUnicode_Check(party.ptr())) {
    const PartyIndex p = scenario.find_party(party.cast<std::string>());
    if (p != kPartyCount) return p;
  }
  throw PythonUserError(
      ErrorKind::kScenario,
      UserError(what + ": the scenario has no party " + short_repr(party) + " (its parties are \"" +
                scenario.party(0).id + "\" and \"" + scenario.party(1).id + "\")"));
}

std::size_t issue_index(const Scenario& scenario, const std::string& issue,
                        const std::string& what) {
  const int i = scenario.space().find_issue(issue);
  if (i < 0) {
    std::string issues;
    for (const Issue& each : scenario.space().issues())
      issues += (issues.empty() ? "" : ", ") + each.id;
    throw PythonUserError(ErrorKind::kScenario,
                          UserError(what + ": the scenario has no issue \"" + issue +
                                    "\" (its issues: " + issues + ")"));
  }
  return static_cast<std::size_t>(i);
}

double number(py::handle value, const std::string& what) {
  if (PyFloat_Check(value.ptr()) || (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr()))) {
    return value.cast<double>();
  }
  throw PythonUserError(ErrorKind::kScenario,
                        UserError(what + ": expected a number, got " + short_repr(value)));
}

py::dict issue_dict(const Issue& issue) {
  py::dict d;
  d["id"] = issue.id;
  d["label"] = issue.label;
  d["description"] = issue.description;
  d["numeric"] = issue.numeric;
  py::list options;
  for (const Option& o : issue.options) {
    py::dict option;
    option["id"] = o.id;
    option["label"] = o.label;
    option["description"] = o.description;
    options.append(option);
  }
  d["options"] = options;
  if (issue.numeric) {
    d["range"] = py::dict(py::arg("min") = issue.range.min, py::arg("max") = issue.range.max,
                          py::arg("levels") = issue.range.levels);
  }
  return d;
}

// A reservation distribution as the scenario format writes it (reservation_to_toml):
// {"uniform": [lo, hi]}, {"beta": [a, b], "range": [lo, hi]} or {"choices": [...]} with
// "weights" when the file gives them.
py::object reservation_dict(const ReservationDistribution& d) {
  py::dict out;
  switch (d.kind) {
    case ReservationKind::kUniform:
      out["uniform"] = py::cast(std::vector<double>{d.low, d.high});
      break;
    case ReservationKind::kBeta:
      out["beta"] = py::cast(std::vector<double>{d.alpha, d.beta});
      out["range"] = py::cast(std::vector<double>{d.low, d.high});
      break;
    case ReservationKind::kChoices:
      out["choices"] = py::cast(d.choices);
      if (!d.weights.empty()) out["weights"] = py::cast(d.weights);
      break;
  }
  return out;
}

// A party's interaction terms as [{label, when {issue id: [option ids]}, utility}] ([] when its
// preferences are additive).
py::list interactions_list(const Scenario& scenario, PartyIndex p) {
  py::list list;
  for (const InteractionTerm& term : scenario.party(p).preferences.interactions) {
    py::dict when;
    for (const auto& [issue, options] : interaction_when_ids(scenario.space().issues(), term)) {
      when[py::str(issue)] = py::cast(options);
    }
    py::dict d;
    d["label"] = term.label;
    d["when"] = when;
    d["utility"] = term.utility;
    list.append(d);
  }
  return list;
}

// A party's new interaction terms from a list of {label, when, utility} dicts, resolved by the
// engine (interaction_ids.hpp); errors name `where` and the term ("interactions['us'][1]").
std::vector<InteractionTerm> interactions_from_python(const Scenario& scenario, py::handle value,
                                                      const std::string& where) {
  if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr())) {
    throw PythonUserError(
        ErrorKind::kScenario,
        UserError(where + ": expected a list of terms {label, when, utility}, got " +
                  short_repr(value)));
  }
  const auto fail = [](const std::string& at, const std::string& message) {
    throw PythonUserError(ErrorKind::kScenario, UserError(at + ": " + message));
  };
  const auto text = [&](py::handle v, const std::string& at) {
    if (!PyUnicode_Check(v.ptr())) fail(at, "expected a string, got " + short_repr(v));
    return v.cast<std::string>();
  };
  std::vector<InteractionTerm> terms;
  const py::sequence list = py::reinterpret_borrow<py::sequence>(value);
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string at = where + "[" + std::to_string(k) + "]";
    const py::handle item = list[k];
    if (!PyDict_Check(item.ptr())) {
      fail(at, "expected a dict {label, when, utility}, got " + short_repr(item));
    }
    const py::dict term = py::reinterpret_borrow<py::dict>(item);
    for (const auto& [key, v] : term) {
      const std::string name = py::str(key);
      if (name != "label" && name != "when" && name != "utility") {
        fail(at, "unknown key \"" + name + "\" (a term has label, when and utility)");
      }
    }
    for (const char* key : {"label", "when", "utility"}) {
      if (!term.contains(key)) fail(at, std::string("missing key \"") + key + "\"");
    }
    const py::handle when = term["when"];
    if (!PyDict_Check(when.ptr())) {
      fail(at + ".when", "expected a dict {issue id: [option ids]}, got " + short_repr(when));
    }
    InteractionWhenIds ids;
    for (const auto& [issue, options] : py::reinterpret_borrow<py::dict>(when)) {
      const std::string issue_id = text(issue, at + ".when");
      const std::string ckey = at + ".when." + issue_id;
      std::vector<std::string> option_ids;
      if (PyUnicode_Check(options.ptr())) {
        option_ids.push_back(options.cast<std::string>());
      } else if (PyList_Check(options.ptr()) || PyTuple_Check(options.ptr())) {
        const py::sequence seq = py::reinterpret_borrow<py::sequence>(options);
        for (std::size_t o = 0; o < seq.size(); ++o) {
          option_ids.push_back(text(seq[o], ckey + "[" + std::to_string(o) + "]"));
        }
      } else {
        fail(ckey,
             "expected a list of option ids of '" + issue_id + "', got " + short_repr(options));
      }
      ids.emplace_back(issue_id, std::move(option_ids));
    }
    const std::string label = text(term["label"], at + ".label");
    const double utility = number(term["utility"], at + ".utility");
    terms.push_back(guarded(ErrorKind::kScenario, [&] {
      return interaction_term_from_ids(scenario.space().issues(), label, ids, utility, at);
    }));
  }
  return terms;
}

py::dict party_dict(const Scenario& scenario, PartyIndex p) {
  const PartyDef& party = scenario.party(p);
  const OutcomeSpace& space = scenario.space();
  py::dict d;
  d["id"] = party.id;
  d["name"] = party.name;
  // As the scenario file writes it: a number, or the distribution's table; and its mean.
  d["reservation"] = party.reservation_distribution
                         ? reservation_dict(*party.reservation_distribution)
                         : py::object(py::float_(party.preferences.reservation_value));
  d["reservation_mean"] = party.preferences.reservation_value;
  d["discount"] = party.preferences.discount;
  d["agent"] = party.agent;
  py::dict weights;
  py::dict values;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    weights[py::str(issue.id)] = party.preferences.weights[i];
    py::dict option_values;
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      option_values[py::str(issue.options[o].id)] = party.preferences.values[i][o];
    }
    values[py::str(issue.id)] = option_values;
  }
  d["weights"] = weights;
  d["values"] = values;
  d["interactions"] = interactions_list(scenario, p);
  return d;
}

// Applies the edits of Scenario.replace() to a copy of the definition and validates it.
Scenario replaced(const Scenario& scenario, const py::dict& edits) {
  ScenarioDef def = scenario.def();
  const auto text = [](py::handle value, const std::string& what) {
    if (!PyUnicode_Check(value.ptr())) {
      throw PythonUserError(ErrorKind::kScenario,
                            UserError(what + ": expected a string, got " + short_repr(value)));
    }
    return value.cast<std::string>();
  };
  const auto per_party = [&](const char* key, auto apply) {
    if (!edits.contains(key) || edits[key].is_none()) return;
    const py::handle given = edits[key];
    if (!PyDict_Check(given.ptr())) {
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError(std::string(key) + ": expected a dict {party id: value}, got " +
                    short_repr(given)));
    }
    for (const auto& [party, value] : py::reinterpret_borrow<py::dict>(given)) {
      const std::string where = std::string(key) + "[" + short_repr(party) + "]";
      apply(party_index(scenario, party, where), value, where);
    }
  };
  for (const auto& [key, value] : edits) {
    const std::string name = py::str(key);
    static const char* const kKnown[] = {
        "id",          "title",    "description", "deadline", "first_mover", "information",
        "reservation", "discount", "weights",     "values",   "agents",      "interactions"};
    if (std::find(std::begin(kKnown), std::end(kKnown), name) == std::end(kKnown)) {
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError("replace(): unknown edit \"" + name +
                    "\" (edits: id, title, description, deadline, first_mover, information, "
                    "reservation, discount, weights, values, agents, interactions)"));
    }
    if (value.is_none()) continue;
    if (name == "id") def.id = text(value, "id");
    if (name == "title") def.title = text(value, "title");
    if (name == "description") def.description = text(value, "description");
    if (name == "deadline") {
      if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr())) {
        throw PythonUserError(
            ErrorKind::kScenario,
            UserError("deadline: expected a whole number of offers, got " + short_repr(value)));
      }
      def.protocol.deadline = value.cast<int>();
    }
    if (name == "first_mover") {
      def.protocol.first_mover = party_index(scenario, value, "first_mover");
    }
    if (name == "information") {
      const std::string information = text(value, "information");
      if (information != "private" && information != "complete") {
        throw PythonUserError(
            ErrorKind::kScenario,
            UserError("information: expected \"private\" or \"complete\", got \"" + information +
                      "\""));
      }
      def.protocol.information =
          information == "complete" ? Information::kComplete : Information::kPrivate;
    }
  }
  per_party("reservation", [&](PartyIndex p, py::handle value, const std::string& where) {
    PartyDef& party = def.parties[p];
    if (!PyDict_Check(value.ptr())) {
      if (PyFloat_Check(value.ptr()) || (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr()))) {
        party.preferences.reservation_value = value.cast<double>();
        party.reservation_distribution.reset();
        return;
      }
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError(SourceLocation{}, where,
                    "expected a number or a distribution ({\"uniform\": [lo, hi]}, "
                    "{\"beta\": [a, b], \"range\": [lo, hi]} or {\"choices\": [v1, ...], "
                    "\"weights\": [w1, ...]}), got " +
                        short_repr(value)));
    }
    // A distribution: written as the TOML value a scenario file would hold, and read by the
    // file's reader, so that its checks and messages are the file's.
    std::string toml_value;
    try {
      toml_value =
          py::module_::import("treatysim._toml").attr("_value")(value, where).cast<std::string>();
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_TypeError)) throw;
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError(SourceLocation{}, where,
                    "expected numbers in the distribution, got " + short_repr(value)));
    }
    guarded(ErrorKind::kScenario, [&] {
      read_party_reservation(toml_value, where, party);
      validate_reservation(*party.reservation_distribution, where);
    });
  });
  per_party("discount", [&](PartyIndex p, py::handle value, const std::string& where) {
    def.parties[p].preferences.discount = number(value, where);
  });
  per_party("agents", [&](PartyIndex p, py::handle value, const std::string& where) {
    def.parties[p].agent = text(value, where);
  });
  per_party("weights", [&](PartyIndex p, py::handle value, const std::string& where) {
    if (!PyDict_Check(value.ptr())) {
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError(where + ": expected a dict {issue id: weight}, got " + short_repr(value)));
    }
    for (const auto& [issue, weight] : py::reinterpret_borrow<py::dict>(value)) {
      const std::string issue_where = where + "[" + short_repr(issue) + "]";
      const std::size_t i = issue_index(scenario, text(issue, issue_where), issue_where);
      def.parties[p].preferences.weights[i] = number(weight, issue_where);
    }
  });
  per_party("values", [&](PartyIndex p, py::handle value, const std::string& where) {
    if (!PyDict_Check(value.ptr())) {
      throw PythonUserError(
          ErrorKind::kScenario,
          UserError(where + ": expected a dict {issue id: {option id: value}}, got " +
                    short_repr(value)));
    }
    for (const auto& [issue, options] : py::reinterpret_borrow<py::dict>(value)) {
      const std::string issue_where = where + "[" + short_repr(issue) + "]";
      const std::size_t i = issue_index(scenario, text(issue, issue_where), issue_where);
      const Issue& spec = scenario.space().issue(i);
      std::vector<double>& values = def.parties[p].preferences.values[i];
      if (PyDict_Check(options.ptr())) {
        for (const auto& [option, v] : py::reinterpret_borrow<py::dict>(options)) {
          const std::string option_where = issue_where + "[" + short_repr(option) + "]";
          const int o = spec.find_option(text(option, option_where));
          if (o < 0) {
            throw PythonUserError(
                ErrorKind::kScenario,
                UserError(option_where + ": issue \"" + spec.id + "\" has no such option"));
          }
          values[static_cast<std::size_t>(o)] = number(v, option_where);
        }
      } else if (PyList_Check(options.ptr()) || PyTuple_Check(options.ptr())) {
        const py::sequence list = py::reinterpret_borrow<py::sequence>(options);
        if (list.size() != spec.options.size()) {
          throw PythonUserError(
              ErrorKind::kScenario,
              UserError(issue_where + ": expected " + std::to_string(spec.options.size()) +
                        " values (one per option), got " + std::to_string(list.size())));
        }
        for (std::size_t o = 0; o < list.size(); ++o) {
          values[o] = number(list[o], issue_where + "[" + std::to_string(o) + "]");
        }
      } else {
        throw PythonUserError(
            ErrorKind::kScenario,
            UserError(issue_where +
                      ": expected a list of values or a dict {option id: value}, got " +
                      short_repr(options)));
      }
      def.parties[p].preferences.shapes[i] = ValueShape::kTable;
    }
  });
  per_party("interactions", [&](PartyIndex p, py::handle value, const std::string& where) {
    def.parties[p].preferences.interactions = interactions_from_python(scenario, value, where);
  });
  return guarded(ErrorKind::kScenario, [&] { return Scenario::create(std::move(def)); });
}

// Every outcome of an enumerable space as columns: one per issue (option ids), then
// utility_<party> per party.
py::dict outcome_table(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  if (!space.enumerable()) {
    throw PythonUserError(ErrorKind::kScenario,
                          UserError(too_large_message(space, "the table of outcomes")));
  }
  const std::uint64_t n = space.count();
  std::vector<py::list> columns(space.issue_count());
  std::vector<std::vector<py::str>> ids(space.issue_count());
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    columns[i] = py::list(n);
    for (const Option& o : space.issue(i).options) ids[i].emplace_back(o.id);
  }
  std::array<py::list, kPartyCount> utilities{py::list(n), py::list(n)};
  for (std::uint64_t k = 0; k < n; ++k) {
    const Outcome outcome = space.outcome_at(k);
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      columns[i][k] = ids[i][static_cast<std::size_t>(outcome[i])];
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      utilities[p][k] = py::float_(round_for_output(scenario.utility(p)(outcome)));
    }
  }
  py::dict table;
  for (std::size_t i = 0; i < space.issue_count(); ++i)
    table[py::str(space.issue(i).id)] = columns[i];
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    table[py::str("utility_" + scenario.party(p).id)] = utilities[p];
  }
  return table;
}

}  // namespace

void register_scenarios(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", R"doc(
A negotiation scenario: issues with their options, two parties with their preferences (weights,
option values, reservation value, discount), the protocol (deadline, first mover, information)
and, optionally, the treaty's life around it.

Immutable, like the engine's: edit a copy with replace() or with_parameter(). Load one with
ts.load_scenario(path), ts.Scenario.from_toml(text) or ts.import_genius(...).)doc")
      .def_property_readonly("id", &Scenario::id, "The scenario's id (letters, digits, _ and -).")
      .def_property_readonly("title", &Scenario::title)
      .def_property_readonly("description", [](const Scenario& s) { return s.def().description; })
      .def_property_readonly(
          "deadline", [](const Scenario& s) { return s.protocol().deadline; },
          "Number of offers (offer indices 0 … deadline−1).")
      .def_property_readonly(
          "first_mover", [](const Scenario& s) { return s.party(s.protocol().first_mover).id; },
          "The id of the party that makes offer 0.")
      .def_property_readonly(
          "information",
          [](const Scenario& s) {
            return s.protocol().information == Information::kComplete ? "complete" : "private";
          },
          "\"private\" (each agent sees only its own preferences) or \"complete\".")
      .def_property_readonly(
          "party_ids",
          [](const Scenario& s) { return py::make_tuple(s.party(0).id, s.party(1).id); },
          "The two parties' ids, in file order (the first plays party 0).")
      .def_property_readonly(
          "parties",
          [](const Scenario& s) { return py::make_tuple(party_dict(s, 0), party_dict(s, 1)); },
          "Both parties as dicts: id, name, reservation (as the scenario file writes it: a "
          "number, or a distribution {\"uniform\": [lo, hi]}, {\"beta\": [a, b], \"range\": "
          "[lo, hi]} or {\"choices\": [...], \"weights\": [...]} drawn anew for every "
          "negotiation), reservation_mean (the number, or the distribution's mean), discount, "
          "agent (the default strategy spec), weights {issue: w}, values {issue: {option: v}} "
          "and interactions [{label, when {issue: [option ids]}, utility}] (the party's "
          "interaction terms; [] when additive).")
      .def_property_readonly(
          "issues",
          [](const Scenario& s) {
            py::list list;
            for (const Issue& issue : s.space().issues()) list.append(issue_dict(issue));
            return list;
          },
          "The issues as dicts: id, label, description, numeric, options [{id, label, "
          "description}] (and range {min, max, levels} for a numeric issue).")
      .def_property_readonly(
          "outcome_count",
          [](const Scenario& s) -> py::object {
            if (s.space().enumerable()) return py::int_(s.space().count());
            return py::float_(s.space().size());
          },
          "Number of outcomes (a float when too large to enumerate).")
      .def_property_readonly("enumerable", [](const Scenario& s) { return s.space().enumerable(); })
      .def_property_readonly(
          "has_treaty", [](const Scenario& s) { return s.def().lifecycle.has_value(); },
          "True when the scenario has a [treaty] section (simulate() needs it).")
      .def_property_readonly("content_hash", &Scenario::content_hash,
                             "FNV-1a 64 of the canonical TOML, as 16 hex digits.")
      .def(
          "to_toml", [](const Scenario& s) { return to_toml(s.def()); },
          "The canonical TOML text of the scenario (what a trace embeds; "
          "Scenario.from_toml(text) reads it back).")
      .def(
          "utility",
          [](const Scenario& s, py::handle party, py::handle outcome) {
            const PartyIndex p = party_index(s, party, "party");
            return s.utility(p)(outcome_from_python(s, outcome, "outcome"));
          },
          py::arg("party"), py::arg("outcome"),
          "u(outcome) for a party (its id, or 0/1): the outcome as {issue id: option id} or "
          "\"S0/IP1/…\".")
      .def(
          "utilities",
          [](const Scenario& s, py::handle outcome) {
            const Outcome o = outcome_from_python(s, outcome, "outcome");
            py::dict d;
            for (PartyIndex p = 0; p < kPartyCount; ++p)
              d[py::str(s.party(p).id)] = s.utility(p)(o);
            return d;
          },
          py::arg("outcome"), "{party id: u(outcome)} for both parties.")
      .def("_outcome_table", &outcome_table)
      .def(
          "with_deadline",
          [](const Scenario& s, int deadline) {
            return guarded(ErrorKind::kScenario, [&] { return s.with_deadline(deadline); });
          },
          py::arg("deadline"), "A copy with another deadline (number of offers).")
      .def(
          "with_parameter",
          [](const Scenario& s, const std::string& path, double value) {
            return guarded(ErrorKind::kScenario, [&] {
              static_cast<void>(scenario_parameter_range(path, {s}));
              return with_scenario_parameter(s, path, value);
            });
          },
          py::arg("path"), py::arg("value"),
          "A copy with a scenario parameter set as sweeps set it: \"scenario.PARTY.reservation\", "
          "\"scenario.PARTY.discount\" or \"scenario.PARTY.weights.ISSUE\" (the party's other "
          "weights are rescaled so that they still sum to 1).")
      .def("_replace", &replaced)
      // Immutable: a copy is the scenario itself (strategies that keep their context are
      // deep-copied for every agent of a tournament); pickled as its canonical TOML.
      .def("__copy__", [](const Scenario& s) { return s; })
      .def("__deepcopy__", [](const Scenario& s, const py::object&) { return s; })
      .def(py::pickle([](const Scenario& s) { return py::make_tuple(to_toml(s.def())); },
                      [](const py::tuple& state) {
                        return guarded(ErrorKind::kScenario, [&] {
                          return parse_scenario(state[0].cast<std::string>(), "<pickled scenario>");
                        });
                      }))
      .def("__eq__", [](const Scenario& a, const Scenario& b) { return a.def() == b.def(); })
      .def("__hash__", [](const Scenario& s) { return py::hash(py::str(s.content_hash())); })
      .def("__repr__", [](const Scenario& s) {
        const OutcomeSpace& space = s.space();
        return "<Scenario " + s.id() + ": " + std::to_string(space.issue_count()) + " issues, " +
               format_count(space.size()) + " outcomes, " + s.party(0).id + " vs " + s.party(1).id +
               ", deadline " + std::to_string(s.protocol().deadline) + ">";
      });

  m.def(
      "load_scenario",
      [](const std::string& path, const agents::Registry& registry) {
        return guarded(ErrorKind::kScenario,
                       [&] { return load_scenario_file(path, agents::spec_checker(registry)); });
      },
      py::arg("path"), py::arg("registry"));
  m.def(
      "parse_scenario",
      [](const std::string& text, const std::string& source, const agents::Registry& registry) {
        return guarded(ErrorKind::kScenario, [&] {
          return parse_scenario(text, source, agents::spec_checker(registry));
        });
      },
      py::arg("text"), py::arg("source"), py::arg("registry"));
  m.def(
      "import_genius",
      [](const std::string& domain, const std::string& profile_a, const std::string& profile_b,
         int deadline, const std::string& id, const std::string& party_a,
         const std::string& party_b, const std::string& agent, const agents::Registry& registry) {
        // The checks of `treatysim import-genius` on its flags, named after the arguments.
        if (deadline < 1 || deadline > 1'000'000) {
          throw PythonUserError(ErrorKind::kInput,
                                UserError("deadline: expected a number of offers from 1 to "
                                          "1000000, got " +
                                          std::to_string(deadline)));
        }
        if (!id.empty() && !is_valid_id(id)) {
          throw PythonUserError(ErrorKind::kInput,
                                UserError("id: expected a scenario id of letters, digits, '_' or "
                                          "'-', got \"" +
                                          id + "\""));
        }
        for (const std::string& party : {party_a, party_b}) {
          if (!is_valid_id(party)) {
            throw PythonUserError(ErrorKind::kInput,
                                  UserError("parties: expected party ids of letters, digits, '_' "
                                            "or '-', got \"" +
                                            party + "\""));
          }
        }
        if (party_a == party_b) {
          throw PythonUserError(ErrorKind::kInput,
                                UserError("parties: expected two different party ids, got \"" +
                                          party_a + "\" twice"));
        }
        const Scenario scenario = guarded(ErrorKind::kScenario, [&] {
          GeniusImportOptions options;
          options.deadline = deadline;
          options.id = id;
          options.party_a = party_a;
          options.party_b = party_b;
          options.agent = agent;
          return Scenario::create(import_genius(domain, profile_a, profile_b, options));
        });
        const auto checker = agents::spec_checker(registry);
        for (PartyIndex p = 0; p < kPartyCount; ++p) {
          try {
            checker(scenario.party(p).agent, scenario, p);
          } catch (const UserError& e) {
            throw PythonUserError(ErrorKind::kSpec, UserError("agent: " + e.message()));
          }
        }
        return scenario;
      },
      py::arg("domain"), py::arg("profile_a"), py::arg("profile_b"), py::arg("deadline"),
      py::arg("id"), py::arg("party_a"), py::arg("party_b"), py::arg("agent"), py::arg("registry"));
}

}  // namespace treatysim::python
