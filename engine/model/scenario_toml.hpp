// scenario_toml.hpp — scenario files: TOML in, validated Scenario out, and back to TOML.
//
// File format (docs/file-formats.md, "Scenario files"):
//   [scenario]  id, title, description
//   [protocol]  deadline (offers), first_mover (party id), information ("private" | "complete")
//   [[issues]]  id, label, description (optional), and either
//               options = [{id, label, description}, ...]  or  range = {min, max, levels}
//   [[parties]] id, name, reservation, discount, agent (a strategy spec)
//     [parties.weights]  <issue id> = weight   (non-negative, summing to 1 within 1e-6)
//     [parties.values]   <issue id> = [v0, v1, ...] (one per option, each in [0, 1]), or for a
//                        numeric issue {shape = "linear", direction = "increasing"|"decreasing"}
//   extends = "other.toml"  (optional, first line) start from another file and override what
//               changes: tables merge key by key, [[issues]]/[[parties]]/[[events]] by id
//   [treaty], [compliance], [domestic.<party>], [trust], [[events]], [[random_events]]: the
//               treaty lifecycle (lifecycle_def.hpp; docs/model.md)
// Every problem is a UserError naming the file, line and column, the key, and what was
// expected. Unknown keys are errors too (they are usually typos).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "engine/model/scenario.hpp"
#include "engine/model/text_file.hpp"  // read_text_file, which every reader uses

namespace treatysim {

// Checks one party's agent spec against the strategy registry (which the engine does not
// know): throws UserError with a message when the spec is unusable for that party. A spec that
// starts with "compliance:" is the party's compliance policy of the treaty lifecycle.
using SpecChecker =
    std::function<void(const std::string& spec, const Scenario& scenario, PartyIndex party)>;

// Reads and validates a scenario file. `checker`, when given, also checks the agent specs.
[[nodiscard]] Scenario load_scenario_file(const std::string& path, const SpecChecker& checker = {});

// Parses scenario text; `source_name` stands for the file in messages.
[[nodiscard]] Scenario parse_scenario(std::string_view text, const std::string& source_name,
                                      const SpecChecker& checker = {});

// A party's `reservation` as a scenario file writes it — a number, or a distribution table such
// as "{ uniform = [0.2, 0.5] }" (reservation.hpp) — read from that TOML value text with the
// checks and messages of a scenario file, and applied to `party`: a number sets the fixed value
// (and drops any distribution), a table sets the distribution. Errors name `key` (the value's
// place, e.g. "reservation['us']") and carry no file position: the text is not a file's. The
// ranges are checked later (validate_reservation, or Scenario::create).
void read_party_reservation(std::string_view value, const std::string& key, PartyDef& party);

// Canonical TOML for a scenario: the format above, keys in a fixed order, numbers in their
// shortest round-trip form. parse_scenario(to_toml(def)) gives back an equal def.
[[nodiscard]] std::string to_toml(const ScenarioDef& def);

}  // namespace treatysim
