// The benchmark loop (`treatysim bench`, the Python package's bench()): the negotiations it
// counts are the ones played one by one with derive_seed(seed, "bench", i); totals and JSON.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/studies/benchmark.hpp"

namespace treatysim {

TEST_CASE("bench_negotiations counts the negotiations of its seeds") {
  const Scenario scenario =
      load_scenario_file(std::string(TREATYSIM_SOURCE_DIR) + "/configs/three-clauses.toml");
  const std::array<Spec, kPartyCount> specs{parse_spec("boulware"), parse_spec("random")};
  const auto& registry = agents::builtin_registry();
  const BenchFigures f = bench_negotiations(scenario, specs, 9, 40, registry);
  long long offers = 0;
  long long agreements = 0;
  double utility = 0.0;
  for (std::uint64_t i = 0; i < 40; ++i) {
    auto a = registry.create(specs[0]);
    auto b = registry.create(specs[1]);
    Negotiation negotiation(scenario, {a.get(), b.get()}, derive_seed(9, "bench", i));
    const NegotiationResult& r = negotiation.run();
    offers += r.offers;
    agreements += r.end == NegotiationEnd::kAgreement ? 1 : 0;
    utility += r.discounted_utilities[0];
  }
  CHECK(f.negotiations == 40);
  CHECK(f.offers == offers);
  CHECK(f.agreements == agreements);
  CHECK(f.utility_sums[0] == doctest::Approx(utility).epsilon(1e-12));
  CHECK(f.specs[1] == "random");
  CHECK(f.party_ids == std::array<std::string, kPartyCount>{"us", "cn"});

  const nlohmann::ordered_json json = bench_to_json({f, f});
  CHECK(json.at("negotiations") == 80);
  CHECK(json.at("mean_offers").get<double>() == doctest::Approx(static_cast<double>(offers) / 40));
  CHECK(json.at("scenarios").size() == 2);
  CHECK(json.at("scenarios").at(0).at("agents").at("us") == "boulware");
  BenchFigures other = f;
  other.party_ids = {"a", "b"};
  CHECK(bench_total({f, other}).party_ids ==
        std::array<std::string, kPartyCount>{"party0", "party1"});
  CHECK(bench_total({f, f}).party_ids == f.party_ids);
}

}  // namespace treatysim
