// trace.hpp — the record of a negotiation: enough to show it, analyse it and replay it.
//
// A trace holds the format version, the program version, the scenario (id, content hash and
// its canonical TOML, so a trace replays without the original file), the seed, both agent
// specs, every event, and the result. It is saved as JSON (trace_to_json) and its offers as CSV
// (offers_csv). Same scenario, specs and seed ⇒ byte-identical JSON.
//
// JSON layout (format_version 1):
//   { "format": "treatysim-trace", "format_version": 1, "program_version": "0.1.0",
//     "scenario": {"id", "title", "hash", "toml"}, "seed", "deadline", "first_mover",
//     "agents": {party id: spec},
//     "events": [{"type", "offer", "party", "outcome": {issue id: option id},
//                 "utilities": {party id: u}}  (outcome and utilities on offer/accept only)],
//     "result": {"agreement", "end", "offers", "agreement_offer", "outcome",
//                "utilities", "discounted_utilities", "reservations"} }
// On scenarios with interaction terms (interactions.hpp), offer and accept events also carry
// "terms": [{"party": party id, "text": "broad scope without strong guardrails: −0.15 for United
// States"}], the terms the outcome triggers (term_report.hpp: constant terms left out, a party
// with many terms summarised), [] when none; traces of additive scenarios are unchanged.
// "reservations" ({party id: value}, the reservation values of this negotiation) is written only
// when some party's reservation value is drawn (reservation.hpp); traces of scenarios with fixed
// values are unchanged, and the format version stays 1 (readers skip keys they do not know). A
// front end may add "model_report" (analysis/model_accuracy.hpp) at the top level; replay ignores
// it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim {

inline constexpr int kTraceFormatVersion = 1;

struct Trace {
  Scenario scenario;
  std::uint64_t seed = 0;
  std::array<std::string, kPartyCount> agent_specs;  // canonical spec text per party
  std::vector<Event> events;
  NegotiationResult result;
};

// Collects the events of a negotiation.
class TraceRecorder : public EventListener {
 public:
  void on_event(const Event& event) override { events_.push_back(event); }
  [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
  void clear() noexcept { events_.clear(); }

 private:
  std::vector<Event> events_;
};

// Runs one negotiation with agents made by `factory` from the specs, recording everything.
// Throws UserError when a spec cannot play its party.
[[nodiscard]] Trace run_traced(const Scenario& scenario, const std::array<Spec, kPartyCount>& specs,
                               std::uint64_t seed, const AgentFactory& factory);

// {issue id: option id} for an outcome.
[[nodiscard]] nlohmann::ordered_json outcome_to_json(const Scenario& scenario,
                                                     const Outcome& outcome);
// {party id: value}, values rounded to 12 significant digits (round_for_output).
[[nodiscard]] nlohmann::ordered_json party_values_to_json(
    const Scenario& scenario, const std::array<double, kPartyCount>& values);
// The result object described above.
[[nodiscard]] nlohmann::ordered_json result_to_json(const Scenario& scenario,
                                                    const NegotiationResult& result);
// The whole trace.
[[nodiscard]] nlohmann::ordered_json trace_to_json(const Trace& trace);
// Pretty-printed JSON text with a final newline: the exact bytes of a saved trace.
[[nodiscard]] std::string trace_to_text(const Trace& trace);

// What a trace file says: scenario, seed and specs to re-run it, and its saved events/result.
struct SavedTrace {
  Scenario scenario;
  std::uint64_t seed = 0;
  std::array<Spec, kPartyCount> specs;
  nlohmann::ordered_json json;  // the file as read
};
// Reads a trace file (throws UserError naming the file and key on bad input).
[[nodiscard]] SavedTrace load_trace_file(const std::string& path);
[[nodiscard]] SavedTrace parse_trace(const std::string& text, const std::string& source_name);

// The events of `saved.json` as engine Events ("events": [{"type", "offer", "party",
// "outcome"}]). Responses (reject, walk_away, deadline) carry no outcome in the file: they
// concern the last offer, whose outcome they get, as the engine's events do. Throws UserError
// naming `source` (the file) and the key ("events[3].party") with what was expected.
[[nodiscard]] std::vector<Event> events_from_trace_json(const SavedTrace& saved,
                                                        const std::string& source);

// Offers as CSV: offer,proposer,<issue ids…>,utility_<party>…,response — one row per offer.
[[nodiscard]] std::string offers_csv(const Trace& trace);

}  // namespace treatysim
