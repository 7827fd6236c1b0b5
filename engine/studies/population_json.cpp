#include "engine/studies/population_json.hpp"

#include "engine/model/issue.hpp"

namespace treatysim {

using nlohmann::ordered_json;

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

ordered_json numbers(const std::vector<double>& values) {
  ordered_json array = ordered_json::array();
  for (const double value : values) array.push_back(round_for_output(value));
  return array;
}

}  // namespace

// process,generation,<one column per strategy>: the replicator's shares, then the Moran
// process's mean shares, one row per generation.
std::string population_csv(const PopulationResult& r) {
  std::string text = "process,generation";
  for (const std::string& label : r.matrix.strategies) text += "," + csv_field(label);
  text += "\n";
  const auto rows = [&](const char* process, const std::vector<std::vector<double>>& shares) {
    for (std::size_t g = 0; g < shares.size(); ++g) {
      text += std::string(process) + "," + std::to_string(g);
      for (const double share : shares[g]) text += "," + format_number(round_for_output(share));
      text += "\n";
    }
  };
  rows("replicator", r.replicator);
  rows("moran", r.moran.mean_share);
  return text;
}

ordered_json population_to_json(const std::string& path, const PopulationResult& r) {
  const PayoffMatrix& m = r.matrix;
  const PopulationOptions& o = r.options;
  ordered_json json;
  json["format"] = "treatysim-evolve";
  json["version"] = 1;
  json["source"] = path;
  json["name"] = m.name;
  json["complete"] = m.complete;
  json["strategies"] = m.strategies;
  json["payoffs"] = ordered_json::array();
  for (const auto& row : m.payoff) json["payoffs"].push_back(numbers(row));
  json["options"] = {{"generations", o.generations},
                     {"steps_per_generation", o.steps_per_generation},
                     {"initial_shares", numbers(o.initial_shares)},
                     {"population", o.population},
                     {"selection", o.selection},
                     {"runs", o.runs},
                     {"seed", o.seed}};
  ordered_json equilibria = ordered_json::array();
  for (const SymmetricEquilibrium& eq : r.metagame.equilibria) {
    ordered_json support = ordered_json::array();
    for (const std::size_t i : eq.support) support.push_back(m.strategies[i]);
    equilibria.push_back({{"mix", numbers(eq.mix)},
                          {"support", support},
                          {"payoff", round_for_output(eq.payoff)},
                          {"regret", round_for_output(eq.regret)},
                          {"strategy_payoff", numbers(eq.strategy_payoff)},
                          {"strategy_regret", numbers(eq.strategy_regret)},
                          {"evolutionarily_stable", eq.evolutionarily_stable
                                                        ? ordered_json(*eq.evolutionarily_stable)
                                                        : ordered_json(nullptr)}});
  }
  json["metagame"] = {{"equilibria", equilibria},
                      {"pure_profile_regret", numbers(r.metagame.pure_profile_regret)},
                      {"degenerate", r.metagame.degenerate}};
  json["replicator"] = ordered_json::array();
  for (const auto& shares : r.replicator) json["replicator"].push_back(numbers(shares));
  json["replicator_time_scale"] = round_for_output(r.replicator_time_scale);
  ordered_json mean = ordered_json::array();
  for (const auto& shares : r.moran.mean_share) mean.push_back(numbers(shares));
  json["moran"] = {{"mean_share", mean}, {"fixed_share", numbers(r.moran.fixed_share)}};
  ordered_json fixation = ordered_json::array();
  for (std::size_t i = 0; i < m.size(); ++i) {
    for (std::size_t j = 0; j < m.size(); ++j) {
      if (i == j) continue;
      const FixationProbability& p = r.fixation[i][j];
      fixation.push_back({{"mutant", m.strategies[i]},
                          {"resident", m.strategies[j]},
                          {"estimate", round_for_output(p.estimate)},
                          {"standard_error", round_for_output(p.standard_error)},
                          {"exact", round_for_output(p.exact)},
                          {"runs", p.runs}});
    }
  }
  json["fixation"] = fixation;
  return json;
}

}  // namespace treatysim
