// geniusweb_import.hpp — GeniusWeb JSON scenarios (a domain and two LinearAdditiveUtilitySpace
// profiles) as a ScenarioDef.
//
// The format (GeniusWeb, as used by ANAC since 2020 and the ANL; see docs/geniusweb.md):
//   domain:  {"name": "party", "issuesValues": {"Food": {"values": ["Chips", ...]}, ...}}
//   profile: {"LinearAdditiveUtilitySpace": {
//              "name": "party1",
//              "domain": {...the domain...},
//              "issueUtilities": {"Food": {"discreteutils": {"valueUtilities":
//                                            {"Chips": 0.75, ...}}}, ...},
//              "issueWeights": {"Food": 0.19, ...},
//              "reservationBid": {"issuevalues": {"Food": "Chips", ...}}}}   (optional)
//
// GeniusWeb's rules, which the import applies exactly as GeniusWeb's LinearAdditiveUtilitySpace
// and DiscreteValueSetUtilities constructors do (numbers read as decimals, not doubles):
//   - u(bid) = Σᵢ weightᵢ × valueUtilityᵢ(valueᵢ); no rescaling (a profile whose best value of an
//     issue is 0.9 keeps 0.9).
//   - Every value utility in [0, 1]; the valueUtilities name exactly the domain's values of the
//     issue; issueUtilities and issueWeights name exactly the domain's issues.
//   - The weights sum to exactly 1 in decimal arithmetic (0.7 + 0.2 + 0.1 does; 0.33 + 0.33 +
//     0.33 does not and is refused, as GeniusWeb refuses it: nothing is renormalised). treatysim
//     also refuses a negative weight, which GeniusWeb does not check (utilities must stay in
//     [0, 1]).
//   - The reservation bid may name only some issues (GeniusWeb's Domain.isFitting accepts a
//     partial bid); an issue it leaves out adds 0, as in GeniusWeb's getUtility. Its utility,
//     computed in decimal as GeniusWeb does and then rounded to the nearest double, is the
//     party's reservation value (0.36638 for Party's party2, where a sum of doubles gives
//     0.36638000000000004, the engine's utility of that outcome). Without a reservation bid
//     (absent or null) the reservation value is 0 (any agreement is better than none).
//   - Utilities and weights have at most 100 significant digits (they are computed exactly;
//     GeniusWeb's files have fewer than 20).
//   - The profile's "domain" must be the domain file's (same name, same issues and values, in any
//     order).
//
// How the files map onto a ScenarioDef:
//   - Issues in the domain file's order; ids sanitised like GENIUS ids (sanitize_genius_id:
//     "Delivery time" → "delivery_time"; empty → "issue<k>", k from 1; repeats get "_2", ...).
//     Labels keep the names. Option ids are the values with '/' replaced by '_'; labels keep the
//     values. An issue needs at least two values (treatysim negotiates over choices).
//   - Scenario id: options.id, else the domain's name sanitised, else the domain file's name
//     ("geniusweb" if nothing is left). Party names: the profiles' names (the file names without
//     extension when a profile has none). Party 0 (profile A) moves first; information is
//     private; no discounting (GeniusWeb profiles have none); the deadline is options.deadline.
//
// Refused with a message naming the kind: other profile kinds (SumOfGroupsUtilitySpace,
// DefaultPartialOrdering, ... — anything but LinearAdditiveUtilitySpace), numeric value sets
// ("range") and their utilities ("numberutils"). Every problem is a UserError naming the file, the
// JSON path of the value (json_tree.hpp; line and column for syntax errors) and what was expected.
#pragma once

#include <string>

#include "engine/io/genius_import.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

// Reads the three files and builds a ScenarioDef that passes validate_scenario_def, with the same
// options as a GENIUS import (deadline, party ids, scenario id, agent). Throws UserError.
[[nodiscard]] ScenarioDef import_geniusweb(const std::string& domain_path,
                                           const std::string& profile_a_path,
                                           const std::string& profile_b_path,
                                           const GeniusImportOptions& options = {});

// Checks one GeniusWeb file on its own — a domain, or a profile against the domain it holds — and
// describes it for `validate`: `domain "party", 6 issues, 3072 outcomes` or
// `LinearAdditiveUtilitySpace profile "party1" of domain "party", reservation value 0.50636`.
// Throws UserError like import_geniusweb.
[[nodiscard]] std::string check_geniusweb_file(const std::string& path);

}  // namespace treatysim
