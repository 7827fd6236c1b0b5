#include "engine/protocol/trace.hpp"

#include <memory>
#include <utility>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/term_report.hpp"
#include "engine/model/text_file.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/json_reading.hpp"
#include "engine/version.hpp"

namespace treatysim {

using nlohmann::ordered_json;

Trace run_traced(const Scenario& scenario, const std::array<Spec, kPartyCount>& specs,
                 std::uint64_t seed, const AgentFactory& factory) {
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  Trace trace{scenario, seed, {}, {}, {}};
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    factory.check(specs[p], scenario, p);
    agents[p] = factory.create(specs[p]);
    trace.agent_specs[p] = specs[p].to_string();
  }
  TraceRecorder recorder;
  Negotiation negotiation(scenario, {agents[0].get(), agents[1].get()}, seed, &recorder);
  trace.result = negotiation.run();
  trace.events = recorder.events();
  return trace;
}

ordered_json outcome_to_json(const Scenario& scenario, const Outcome& outcome) {
  ordered_json json = ordered_json::object();
  const OutcomeSpace& space = scenario.space();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    json[space.issue(i).id] = space.issue(i).options[static_cast<std::size_t>(outcome[i])].id;
  }
  return json;
}

ordered_json party_values_to_json(const Scenario& scenario,
                                  const std::array<double, kPartyCount>& values) {
  ordered_json json = ordered_json::object();
  for (PartyIndex p = 0; p < kPartyCount; ++p)
    json[scenario.party(p).id] = round_for_output(values[p]);
  return json;
}

ordered_json result_to_json(const Scenario& scenario, const NegotiationResult& result) {
  ordered_json json;
  json["agreement"] = result.end == NegotiationEnd::kAgreement;
  json["end"] = std::string(negotiation_end_name(result.end));
  json["offers"] = result.offers;
  if (result.agreement) {
    json["agreement_offer"] = result.agreement_offer_index;
    json["outcome"] = outcome_to_json(scenario, *result.agreement);
  }
  json["utilities"] = party_values_to_json(scenario, result.utilities);
  json["discounted_utilities"] = party_values_to_json(scenario, result.discounted_utilities);
  // Only when some reservation value is drawn, so that traces of scenarios with fixed values keep
  // their bytes (format_version 1 either way: readers that do not know the key skip it).
  if (has_drawn_reservations(scenario.def())) {
    json["reservations"] = party_values_to_json(scenario, result.reservation_values);
  }
  return json;
}

ordered_json trace_to_json(const Trace& trace) {
  const Scenario& scenario = trace.scenario;
  ordered_json json;
  json["format"] = "treatysim-trace";
  json["format_version"] = kTraceFormatVersion;
  json["program_version"] = kProgramVersion;
  json["scenario"] = {{"id", scenario.id()},
                      {"title", scenario.title()},
                      {"hash", scenario.content_hash()},
                      {"toml", to_toml(scenario.def())}};
  json["seed"] = trace.seed;
  json["deadline"] = scenario.protocol().deadline;
  json["first_mover"] = scenario.party(scenario.protocol().first_mover).id;
  ordered_json agents = ordered_json::object();
  for (PartyIndex p = 0; p < kPartyCount; ++p) agents[scenario.party(p).id] = trace.agent_specs[p];
  json["agents"] = agents;
  // Only scenarios with interaction terms name the terms an offer triggers, so that traces of
  // additive scenarios keep their bytes.
  const bool linked =
      scenario.utility(0).has_interactions() || scenario.utility(1).has_interactions();
  ordered_json events = ordered_json::array();
  for (const Event& event : trace.events) {
    ordered_json e;
    e["type"] = std::string(event_kind_name(event.kind));
    e["offer"] = event.offer_index;
    e["party"] = scenario.party(event.party).id;
    if (event.kind == EventKind::kOffer || event.kind == EventKind::kAccept) {
      e["outcome"] = outcome_to_json(scenario, event.outcome);
      e["utilities"] = party_values_to_json(
          scenario, {scenario.utility(0)(event.outcome), scenario.utility(1)(event.outcome)});
      if (linked) {
        ordered_json terms = ordered_json::array();
        for (const TriggeredTerm& term : triggered_term_texts(scenario, event.outcome)) {
          terms.push_back({{"party", scenario.party(term.party).id}, {"text", term.text}});
        }
        e["terms"] = std::move(terms);
      }
    }
    events.push_back(std::move(e));
  }
  json["events"] = std::move(events);
  json["result"] = result_to_json(scenario, trace.result);
  return json;
}

std::string trace_to_text(const Trace& trace) {
  return trace_to_json(trace).dump(2) + "\n";
}

namespace {

// A CSV field, quoted when it contains a comma, quote or line break (RFC 4180).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const ordered_json& require(const ordered_json& parent, const char* key, const std::string& path,
                            const std::string& source, ordered_json::value_t type,
                            const char* what) {
  const auto it = parent.find(key);
  const std::string full = path.empty() ? key : path + "." + key;
  if (it == parent.end())
    throw UserError(SourceLocation{source, 0, 0}, full,
                    std::string("missing key (expected ") + what + ")");
  const bool ok = it->type() == type ||
                  (type == ordered_json::value_t::number_unsigned && it->is_number_unsigned()) ||
                  (type == ordered_json::value_t::number_integer && it->is_number_integer());
  if (!ok)
    throw UserError(SourceLocation{source, 0, 0}, full,
                    std::string("expected ") + what + ", got " + it->dump());
  return *it;
}

}  // namespace

SavedTrace parse_trace(const std::string& text, const std::string& source_name) {
  const ordered_json json = parse_json_text<ordered_json>(text, source_name, "not a JSON trace: ");
  if (!json.is_object())
    throw UserError(SourceLocation{source_name, 0, 0}, "",
                    "not a treatysim trace (expected a JSON object)");
  using T = ordered_json::value_t;
  const auto& format = require(json, "format", "", source_name, T::string, "\"treatysim-trace\"");
  if (format.get<std::string>() != "treatysim-trace") {
    throw UserError(SourceLocation{source_name, 0, 0}, "format",
                    "expected \"treatysim-trace\", got " + format.dump());
  }
  const auto& version =
      require(json, "format_version", "", source_name, T::number_integer, "an integer");
  if (version.get<long long>() != kTraceFormatVersion) {
    throw UserError(SourceLocation{source_name, 0, 0}, "format_version",
                    "this program reads trace format " + std::to_string(kTraceFormatVersion) +
                        ", the file has " + version.dump());
  }
  const auto& scenario_json = require(json, "scenario", "", source_name, T::object, "an object");
  const auto& toml = require(scenario_json, "toml", "scenario", source_name, T::string,
                             "the scenario's TOML text");
  SavedTrace saved{
      parse_scenario(toml.get<std::string>(), source_name + " (scenario.toml)"), 0, {}, json};
  const auto& hash =
      require(scenario_json, "hash", "scenario", source_name, T::string, "a hash string");
  if (hash.get<std::string>() != saved.scenario.content_hash()) {
    throw UserError(SourceLocation{source_name, 0, 0}, "scenario.hash",
                    "the embedded scenario hashes to " + saved.scenario.content_hash() + ", not " +
                        hash.dump() + " (the file was edited)");
  }
  saved.seed = require(json, "seed", "", source_name, T::number_unsigned, "a non-negative integer")
                   .get<std::uint64_t>();
  // deadline and first_mover repeat the embedded scenario's protocol for readers of the file;
  // an edited copy would be silently ignored, so it must agree.
  const ProtocolDef& protocol = saved.scenario.protocol();
  if (json.contains("deadline")) {
    const auto& deadline = json.at("deadline");
    if (!deadline.is_number_integer() || deadline.get<long long>() != protocol.deadline) {
      throw UserError(SourceLocation{source_name, 0, 0}, "deadline",
                      "expected " + std::to_string(protocol.deadline) +
                          ", the embedded scenario's deadline, got " + deadline.dump() +
                          " (the file was edited)");
    }
  }
  if (json.contains("first_mover")) {
    const std::string& mover = saved.scenario.party(protocol.first_mover).id;
    if (json.at("first_mover") != mover) {
      throw UserError(SourceLocation{source_name, 0, 0}, "first_mover",
                      "expected \"" + mover + "\", the embedded scenario's first mover, got " +
                          json.at("first_mover").dump() + " (the file was edited)");
    }
  }
  const auto& agents =
      require(json, "agents", "", source_name, T::object, "an object {party id: spec}");
  for (const auto& [id, spec] : agents.items()) {
    if (saved.scenario.find_party(id) == kPartyCount) {
      throw UserError(SourceLocation{source_name, 0, 0}, "agents." + id,
                      "not a party of the scenario (expected \"" + saved.scenario.party(0).id +
                          "\" and \"" + saved.scenario.party(1).id + "\")");
    }
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const std::string& id = saved.scenario.party(p).id;
    const auto& spec =
        require(agents, id.c_str(), "agents", source_name, T::string, "a strategy spec");
    try {
      saved.specs[p] = parse_spec(spec.get<std::string>());
    } catch (const UserError& e) {
      throw UserError(SourceLocation{source_name, 0, 0}, "agents." + id, e.message());
    }
  }
  require(json, "events", "", source_name, T::array, "an array of events");
  require(json, "result", "", source_name, T::object, "the result object");
  return saved;
}

SavedTrace load_trace_file(const std::string& path) {
  return parse_trace(read_text_file(path, kMaxTraceFileBytes), path);
}

std::string offers_csv(const Trace& trace) {
  const Scenario& scenario = trace.scenario;
  const OutcomeSpace& space = scenario.space();
  std::string csv = "offer,proposer";
  for (const Issue& issue : space.issues()) csv += "," + csv_field(issue.id);
  for (PartyIndex p = 0; p < kPartyCount; ++p) csv += ",utility_" + scenario.party(p).id;
  csv += ",response\n";
  const std::vector<Event>& events = trace.events;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const Event& event = events[k];
    if (event.kind != EventKind::kOffer) continue;
    csv += std::to_string(event.offer_index) + "," + scenario.party(event.party).id;
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      csv += "," + csv_field(space.issue(i).options[static_cast<std::size_t>(event.outcome[i])].id);
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      csv += "," + format_number(round_for_output(scenario.utility(p)(event.outcome)));
    }
    const std::string response =
        k + 1 < events.size() ? std::string(event_kind_name(events[k + 1].kind)) : "none";
    csv += "," + response + "\n";
  }
  return csv;
}

}  // namespace treatysim
