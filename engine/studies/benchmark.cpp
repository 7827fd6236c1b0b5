#include "engine/studies/benchmark.hpp"

#include <chrono>
#include <memory>

#include "engine/model/random.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim {

using nlohmann::ordered_json;

BenchFigures bench_negotiations(const Scenario& scenario,
                                const std::array<Spec, kPartyCount>& specs, std::uint64_t seed,
                                long long count, const AgentFactory& factory) {
  std::array<std::unique_ptr<Agent>, kPartyCount> agents{factory.create(specs[0]),
                                                         factory.create(specs[1])};
  BenchFigures figures;
  figures.scenario = scenario.id();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    figures.party_ids[p] = scenario.party(p).id;
    figures.specs[p] = specs[p].to_string();
  }
  if (scenario.space().enumerable()) {
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      static_cast<void>(scenario.utility_index(p, "bench"));
    }
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

BenchFigures bench_total(const std::vector<BenchFigures>& figures) {
  BenchFigures total;
  total.scenario = "all";
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const BenchFigures& f = figures[i];
    if (i == 0) total.party_ids = f.party_ids;
    if (total.party_ids != f.party_ids) total.party_ids = {"party0", "party1"};
    total.negotiations += f.negotiations;
    total.seconds += f.seconds;
    total.offers += f.offers;
    total.agreements += f.agreements;
    total.utility_sums[0] += f.utility_sums[0];
    total.utility_sums[1] += f.utility_sums[1];
  }
  return total;
}

ordered_json bench_figures_to_json(const BenchFigures& f) {
  const auto n = static_cast<double>(f.negotiations);
  ordered_json json;
  json["negotiations"] = f.negotiations;
  json["seconds"] = f.seconds;
  json["negotiations_per_s"] = f.seconds > 0 ? n / f.seconds : 0.0;
  json["offers_per_s"] = f.seconds > 0 ? static_cast<double>(f.offers) / f.seconds : 0.0;
  json["mean_offers"] = n > 0 ? static_cast<double>(f.offers) / n : 0.0;
  json["agreement_rate"] = n > 0 ? static_cast<double>(f.agreements) / n : 0.0;
  json["mean_utilities"] = {{f.party_ids[0], n > 0 ? f.utility_sums[0] / n : 0.0},
                            {f.party_ids[1], n > 0 ? f.utility_sums[1] / n : 0.0}};
  return json;
}

ordered_json bench_to_json(const std::vector<BenchFigures>& figures) {
  ordered_json json = bench_figures_to_json(bench_total(figures));
  ordered_json list = ordered_json::array();
  for (const BenchFigures& f : figures) {
    ordered_json entry;
    entry["scenario"] = f.scenario;
    entry["agents"] = {{f.party_ids[0], f.specs[0]}, {f.party_ids[1], f.specs[1]}};
    const ordered_json figures_json = bench_figures_to_json(f);
    for (const auto& [key, value] : figures_json.items()) entry[key] = value;
    list.push_back(std::move(entry));
  }
  json["scenarios"] = std::move(list);
  return json;
}

}  // namespace treatysim
