// interaction_term_from_ids: a term stated by ids (as the Python package writes it) resolves to
// the term the scenario file gives, and bad ids get the file's messages at the given key.
#include <doctest/doctest.h>

#include <string>

#include "engine/model/interaction_ids.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

using treatysim::InteractionWhenIds;

namespace {

const treatysim::Scenario& linkage() {
  static const treatysim::Scenario s =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-linkage.toml");
  return s;
}

// The UserError text for `when`, or "" when it resolves.
std::string error_of(const InteractionWhenIds& when) {
  try {
    static_cast<void>(treatysim::interaction_term_from_ids(linkage().space().issues(), "t", when,
                                                           0.1, "interactions['us'][0]"));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("a term by ids resolves to the scenario file's term, and back") {
  // sta-linkage's U.S. term "broad scope without strong guardrails", written out of order.
  const treatysim::InteractionTerm& file_term = linkage().party(0).preferences.interactions.at(1);
  const treatysim::InteractionTerm term = treatysim::interaction_term_from_ids(
      linkage().space().issues(), file_term.label,
      {{"guardrails", {"G3", "G2"}}, {"scope", {"S2", "S3"}}}, -0.15, "key");
  CHECK(term == file_term);
  CHECK(treatysim::interaction_when_ids(linkage().space().issues(), term) ==
        InteractionWhenIds{{"scope", {"S2", "S3"}}, {"guardrails", {"G2", "G3"}}});
}

TEST_CASE("bad ids in a term by ids are named with the key and the scenario file's words") {
  CHECK(error_of({}) ==
        "interactions['us'][0].when: expected at least one issue with the options the term "
        "applies to, e.g. when = { scope = [\"S0\"] }");
  CHECK(error_of({{"scop", {"S2"}}}) ==
        "interactions['us'][0].when.scop: unknown issue id (the scenario's issues are: scope, ip, "
        "data, guardrails, term)");
  CHECK(error_of({{"scope", {"S2", "S9"}}}) ==
        "interactions['us'][0].when.scope: issue 'scope' has no option \"S9\" (options: S0 S1 S2 "
        "S3)");
  CHECK(error_of({{"scope", {}}}) ==
        "interactions['us'][0].when.scope: expected at least one option id of 'scope'");
  CHECK(error_of({{"scope", {"S2", "S2"}}}) ==
        "interactions['us'][0].when.scope: option \"S2\" is listed twice");
  CHECK(error_of({{"scope", {"S2"}}, {"scope", {"S3"}}}) ==
        "interactions['us'][0].when.scope: issue 'scope' appears twice in one `when`");
  CHECK(error_of({{"scope", {"S2"}}}).empty());
}
