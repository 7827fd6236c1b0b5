// genius_import.hpp — GENIUS / ANAC XML scenarios (a domain file and two utility profiles) as a
// ScenarioDef.
//
// The format (GENIUS, as used by the ANAC competitions):
//   domain:  <utility_space> (possibly wrapped in <negotiation_template>) holding an <objective>
//            with <issue index="i" name=".." vtype="discrete"> elements, each listing
//            <item index="k" value=".." [description=".."]/> elements.
//   profile: the same issues, each item with an `evaluation` (a non-negative number on any
//            scale), plus <weight index="i" value="w"/> per issue (before or after the issues),
//            and optionally <reservation value="r"/> and <discount_factor value="d"/>.
//   Extra attributes (cost, etype, type, description on profile items, ...) are ignored.
//
// How the files map onto a ScenarioDef:
//   - Only discrete issues: an issue whose vtype (or, without vtype, type) is not "discrete" is
//     an error naming the file and the issue.
//   - Issues keep the domain file's order. Issue ids are the names, sanitised: lowercase; each
//     run of characters other than [a-z0-9_-] becomes one '_'; leading and trailing '_' are
//     dropped ("External Monitor" → "external_monitor"); an empty result becomes "issue<index>";
//     a repeated id gets "_2", "_3", ... Labels keep the original names; the issue description is
//     the domain's `description` attribute when present.
//   - Option ids are the items' `value`s, with each '/' replaced by '_' (option ids are joined by
//     '/' on the command line, e.g. `analyze --outcome`); a value that then repeats another is an
//     error. Labels keep the original value. Option descriptions come from the domain's
//     `description` attributes (left out when empty or equal to the value); when the domain gives
//     none, from the profiles' `description` when both profiles give the same text.
//   - Profiles are matched to the domain by issue `index` (a profile may list its issues, and its
//     weights, in any order), and the issue names must agree (a mismatch is an error naming both).
//     Items are matched by `value`: an item the domain does not list, or a domain item the
//     profile leaves out, is an error.
//   - Values: evaluation / (the largest evaluation of that issue in that profile), so the best
//     option of every issue is worth 1. An issue whose evaluations are all 0 (the party does not
//     care about it) gets value 0 for every option; GENIUS itself would divide by zero there.
//   - Weights: each weight divided by the sum of the profile's weights. ANAC files sum to 1 up to
//     rounding (Laptop's weights sum to 1 + 5.2e-5, more than the 1e-6 a scenario file allows;
//     the other samples miss by 1e-16 at most); GENIUS renormalises too, so a sum further from 1
//     (e.g. off by more than 1e-3) is renormalised the same way, silently. Negative weights, a missing weight, or weights summing to 0 are errors.
//   - Reservation value: <reservation value="r"/>, r in [0, 1]; 0 when absent. (GENIUS discounts
//     the reservation value too; treatysim does not.)
//   - Discount: GENIUS discounts a utility u as u·d^t, t the normalised time in [0, 1]. treatysim
//     discounts per offer: an agreement at offer index r (0 … T−1, T the deadline) is worth δ^r·u.
//     With δ = d^(1/(T−1)) the last offer (t = 1, r = T−1) is worth exactly d·u, and offer r is
//     worth d^(r/(T−1))·u, GENIUS's discount at t = r/(T−1). δ = 1 (no discounting) when the
//     element is absent, d is outside (0, 1], or T = 1.
//   - The scenario id defaults to the domain file's name without its extension and without a
//     trailing "_domain"/"-domain", sanitised like an issue id ("laptop_domain.xml" → "laptop").
//     Party names are the profile file names without extension. Party 0 (options.party_a, from
//     profile A) moves first; information is private.
//
// Every problem is a UserError naming the file, the line and column of the XML element (of the
// syntax error for malformed XML), the element or attribute, and what was expected.
#pragma once

#include <string>
#include <vector>

#include "engine/model/scenario.hpp"

namespace treatysim {

struct GeniusImportOptions {
  int deadline = 100;            // number of offers T
  std::string party_a = "a";     // id of the party of profile A (moves first)
  std::string party_b = "b";     // id of the party of profile B
  std::string id;                // scenario id; empty = derived from the domain file name
  std::string agent = "linear";  // default strategy spec of both parties
  // Where the import appends what a user should know but that is not an error (an understated
  // maxutility that was corrected); null = not reported.
  std::vector<std::string>* notes = nullptr;
};

// Reads the three files and builds a ScenarioDef that passes validate_scenario_def. Throws
// UserError (file, line, column, element/attribute, what was expected) on any problem.
[[nodiscard]] ScenarioDef import_genius(const std::string& domain_path,
                                        const std::string& profile_a_path,
                                        const std::string& profile_b_path,
                                        const GeniusImportOptions& options = {});

// One file's content, and the path that stands for it in messages and file-name defaults.
struct GeniusText {
  std::string path;
  std::string text;
};

// The same from the files' contents (no file is read): for checks of content that did not come
// from disk, such as the fuzz tests (tests/fuzz/).
[[nodiscard]] ScenarioDef import_genius_texts(const GeniusText& domain, const GeniusText& profile_a,
                                              const GeniusText& profile_b,
                                              const GeniusImportOptions& options = {});

// Checks the options (deadline 1 … 1000000, valid and different party ids, a valid scenario id
// when given, a non-empty agent); throws UserError naming the option's key ("party_b").
void check_genius_import_options(const GeniusImportOptions& options);

// The sanitised id for a name: see above ("Size of Fund" → "size_of_fund"); may be empty.
[[nodiscard]] std::string sanitize_genius_id(const std::string& name);

}  // namespace treatysim
