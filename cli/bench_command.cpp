#include <chrono>
#include <cstdio>
#include <memory>
#include <ostream>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim::cli {

namespace {

struct BenchFigures {
  std::string scenario;
  std::array<std::string, kPartyCount> party_ids;
  std::array<std::string, kPartyCount> specs;
  long long negotiations = 0;
  double seconds = 0.0;
  long long offers = 0;
  long long agreements = 0;
  std::array<double, kPartyCount> utility_sums{};

  [[nodiscard]] nlohmann::ordered_json to_json() const {
    nlohmann::ordered_json json;
    json["scenario"] = scenario;
    json["agents"] = {{party_ids[0], specs[0]}, {party_ids[1], specs[1]}};
    add_figures(json);
    return json;
  }
  void add_figures(nlohmann::ordered_json& json) const {
    const auto n = static_cast<double>(negotiations);
    json["negotiations"] = negotiations;
    json["seconds"] = seconds;
    json["negotiations_per_s"] = seconds > 0 ? n / seconds : 0.0;
    json["offers_per_s"] = seconds > 0 ? static_cast<double>(offers) / seconds : 0.0;
    json["mean_offers"] = n > 0 ? static_cast<double>(offers) / n : 0.0;
    json["agreement_rate"] = n > 0 ? static_cast<double>(agreements) / n : 0.0;
    json["mean_utilities"] = {{party_ids[0], n > 0 ? utility_sums[0] / n : 0.0},
                              {party_ids[1], n > 0 ? utility_sums[1] / n : 0.0}};
  }
};

// Runs `count` negotiations with tracing off; negotiation i uses seed derive_seed(seed, "bench", i).
BenchFigures bench_scenario(const Scenario& scenario, const std::array<Spec, kPartyCount>& specs,
                            std::uint64_t seed, long long count) {
  const auto& registry = agents::builtin_registry();
  std::array<std::unique_ptr<Agent>, kPartyCount> agents{registry.create(specs[0]),
                                                         registry.create(specs[1])};
  BenchFigures figures;
  figures.scenario = scenario.id();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    figures.party_ids[p] = scenario.party(p).id;
    figures.specs[p] = specs[p].to_string();
  }
  // Build the utility indices before the clock starts: they are part of loading, not bargaining.
  if (scenario.space().enumerable()) {
    for (PartyIndex p = 0; p < kPartyCount; ++p)
      static_cast<void>(scenario.utility_index(p, "bench"));
  }
  Negotiation negotiation(scenario, {agents[0].get(), agents[1].get()},
                          derive_seed(seed, "bench", 0));
  const auto start = std::chrono::steady_clock::now();
  for (long long i = 0; i < count; ++i) {
    if (i > 0) negotiation.restart(derive_seed(seed, "bench", static_cast<std::uint64_t>(i)));
    const NegotiationResult& result = negotiation.run();
    figures.offers += result.offers;
    figures.agreements += result.end == NegotiationEnd::kAgreement ? 1 : 0;
    figures.utility_sums[0] += result.discounted_utilities[0];
    figures.utility_sums[1] += result.discounted_utilities[1];
  }
  figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  figures.negotiations = count;
  return figures;
}

std::string text_line(const BenchFigures& f) {
  const auto n = static_cast<double>(f.negotiations);
  char buffer[512];
  std::snprintf(
      buffer, sizeof buffer,
      "%s: %s vs %s\n  %lld negotiations in %.3f s: %.0f negotiations/s, %.3g offers/s\n"
      "  mean offers %.2f, agreement rate %.3f, mean discounted utility %s %.4f, %s %.4f\n",
      f.scenario.c_str(), f.specs[0].c_str(), f.specs[1].c_str(), f.negotiations, f.seconds,
      f.seconds > 0 ? n / f.seconds : 0.0,
      f.seconds > 0 ? static_cast<double>(f.offers) / f.seconds : 0.0,
      n > 0 ? static_cast<double>(f.offers) / n : 0.0,
      n > 0 ? static_cast<double>(f.agreements) / n : 0.0, f.party_ids[0].c_str(),
      n > 0 ? f.utility_sums[0] / n : 0.0, f.party_ids[1].c_str(),
      n > 0 ? f.utility_sums[1] / n : 0.0);
  return buffer;
}

}  // namespace

int bench_command(const BenchOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  if (options.negotiations < 1) throw UserError("--negotiations: expected at least 1");
  std::vector<BenchFigures> all;
  BenchFigures total;
  total.scenario = "all";
  for (const std::string& path : options.scenarios) {
    const Scenario scenario = load_scenario(path, options.deadline);
    const auto specs = resolve_agents(scenario, options.agents);
    all.push_back(bench_scenario(scenario, specs, options.seed, options.negotiations));
    const BenchFigures& f = all.back();
    if (all.size() == 1) total.party_ids = f.party_ids;
    const bool same_ids = total.party_ids == f.party_ids;
    if (!same_ids) total.party_ids = {"party0", "party1"};
    total.negotiations += f.negotiations;
    total.seconds += f.seconds;
    total.offers += f.offers;
    total.agreements += f.agreements;
    total.utility_sums[0] += f.utility_sums[0];
    total.utility_sums[1] += f.utility_sums[1];
  }
  if (options.format == "json") {
    nlohmann::ordered_json json;
    total.add_figures(json);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const BenchFigures& f : all) list.push_back(f.to_json());
    json["scenarios"] = std::move(list);
    out << json.dump(2) << "\n";
    return 0;
  }
  for (const BenchFigures& f : all) out << text_line(f);
  return 0;
}

}  // namespace treatysim::cli
