#include "tests/support/random_scenario.hpp"

#include <string>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/model/random.hpp"

namespace treatysim::testing {

Scenario random_scenario(std::uint64_t seed, const RandomScenarioShape& shape) {
  Rng rng(derive_seed(seed, "random_scenario", 0));
  auto integer = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  auto real = [&rng](double lo, double hi) {
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
  };
  ScenarioDef def;
  def.id = "random-" + std::to_string(seed);
  def.title = "Random scenario " + std::to_string(seed);
  def.protocol.deadline = integer(shape.min_deadline, shape.max_deadline);
  def.protocol.first_mover = static_cast<PartyIndex>(integer(0, 1));
  def.protocol.information = integer(0, 1) == 0 ? Information::kPrivate : Information::kComplete;
  const int issues = integer(shape.min_issues, shape.max_issues);
  for (int i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "i" + std::to_string(i);
    issue.label = "Issue " + std::to_string(i);
    const int options = integer(shape.min_options, shape.max_options);
    for (int o = 0; o < options; ++o) {
      issue.options.push_back(Option{"o" + std::to_string(o), "option " + std::to_string(o), {}});
    }
    def.issues.push_back(std::move(issue));
  }
  const char* ids[] = {"a", "b"};
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    PartyDef& party = def.parties[p];
    party.id = ids[p];
    party.name = std::string("Party ") + ids[p];
    party.agent = "linear";
    Preferences& prefs = party.preferences;
    double total = 0.0;
    for (int i = 0; i < issues; ++i) {
      prefs.weights.push_back(real(0.05, 1.0));
      total += prefs.weights.back();
      std::vector<double> values;
      for (std::size_t o = 0; o < def.issues[static_cast<std::size_t>(i)].options.size(); ++o) {
        values.push_back(real(0.0, 1.0));
      }
      prefs.values.push_back(std::move(values));
      prefs.shapes.push_back(ValueShape::kTable);
    }
    for (double& w : prefs.weights) w /= total;
    prefs.reservation_value = real(0.0, 0.6);
    prefs.discount = real(0.8, 1.0);
  }
  return Scenario::create(std::move(def));
}

}  // namespace treatysim::testing
