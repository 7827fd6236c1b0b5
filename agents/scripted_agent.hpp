// scripted_agent.hpp — plays a fixed list of outcomes from a file: for demonstrations (replaying
// what a delegation actually proposed) and for tests.
//
// Source: no paper; a rule of treatysim's own: offer(k) = line k of the file (the last line once
// the file is exhausted); acceptance as below (AC_next from Baarslag, Hindriks & Jonker 2014).
//
// File format: one outcome per line as option ids in issue order separated by '/'
// ("S0/IP1/D1/G1/T2"); blank lines and lines starting with '#' are ignored. The agent's k-th
// offer is line k; after the last line it repeats the last one.
// respond: `accept` = "never" rejects everything; "always" accepts anything worth at least its
// reservation value; "next" (AC_next) accepts an offer worth at least its next scripted offer (on
// the last offer: at least its reservation value). Never accepts below the reservation value.
// The file is read and checked against the scenario before a run (`validate` and `run` report a
// bad line with its number).
//
// Parameters
// | name   | default | range                   | meaning                         |
// |--------|---------|-------------------------|---------------------------------|
// | file   | (none)  | a path                  | the outcomes to play            |
// | accept | "next"  | "never", "always", "next" | how it answers offers         |
#pragma once

#include <string>
#include <vector>

#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

// Reads a script for `scenario`; throws UserError naming the file and line.
[[nodiscard]] std::vector<Outcome> read_script(const std::string& path, const OutcomeSpace& space);

enum class ScriptedAcceptance { kNever, kAlways, kNext };

class ScriptedAgent final : public Agent {
 public:
  ScriptedAgent(std::string path, ScriptedAcceptance acceptance)
      : path_(std::move(path)), acceptance_(acceptance) {}

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

 private:
  // The script line for the agent's offer at offer index r.
  [[nodiscard]] const Outcome& line_for(int offer_index) const;

  std::string path_;
  ScriptedAcceptance acceptance_;
  NegotiationContext context_;
  std::string loaded_hash_;
  std::vector<Outcome> script_;
};

}  // namespace treatysim::agents
