// negotiation_bench — single-thread throughput of the alternating-offers engine.
//
// The figure that matters (issue "Engine core"): offers per second on configs/three-clauses.toml
// with boulware(e=0.25) against conceder(e=4) and a deadline of 200 offers, tracing off.
// It also breaks the cost of one offer down into its parts, so a regression can be placed.
// On the 50-issue ANAC 2014 domain (40 issues, 10^40 outcomes, hyper-rectangle utilities): offers
// per second of Boulware against Conceder with the schedules cached (goal >= 10,000), and the
// cost of the first negotiation, which builds both schedules by level searches (own_levels.hpp).
// Usage: treatysim_bench [seconds per measurement, default 1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/protocol/negotiation.hpp"

namespace {

using namespace treatysim;
using Clock = std::chrono::steady_clock;

volatile double g_sink = 0.0;  // keeps measured work from being optimised away

struct Figures {
  double seconds = 0.0;
  long long negotiations = 0;
  long long offers = 0;
};

// Runs negotiations for about `budget` seconds, best of 3 runs (the least disturbed one).
Figures measure_negotiations(const Scenario& scenario, const std::string& us, const std::string& cn,
                             double budget, int batch = 1000) {
  const auto& registry = agents::builtin_registry();
  auto a = registry.create(us);
  auto b = registry.create(cn);
  Negotiation negotiation(scenario, {a.get(), b.get()}, 1);
  Figures best;
  for (int run = 0; run < 3; ++run) {
    Figures f;
    const auto start = Clock::now();
    while (true) {
      for (int i = 0; i < batch; ++i) {
        negotiation.restart(derive_seed(1, "bench", static_cast<std::uint64_t>(f.negotiations)));
        f.offers += negotiation.run().offers;
        ++f.negotiations;
      }
      f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (f.seconds >= budget / 3) break;
    }
    if (best.negotiations == 0 || static_cast<double>(f.offers) / f.seconds >
                                      static_cast<double>(best.offers) / best.seconds) {
      best = f;
    }
  }
  return best;
}

void report(const char* label, const Figures& f) {
  std::printf("  %-52s %8.2f M offers/s  %9.0f negotiations/s  %6.1f offers each  %5.1f ns/offer\n",
              label, static_cast<double>(f.offers) / f.seconds / 1e6,
              static_cast<double>(f.negotiations) / f.seconds,
              static_cast<double>(f.offers) / static_cast<double>(f.negotiations),
              f.seconds * 1e9 / static_cast<double>(f.offers));
}

// ns per call of `fn` over `count` calls.
template <typename Fn>
double ns_per_call(long long count, Fn fn) {
  const auto start = Clock::now();
  for (long long i = 0; i < count; ++i) fn(i);
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
         static_cast<double>(count);
}

}  // namespace

int main(int argc, char** argv) {
  const double budget = argc > 1 ? std::atof(argv[1]) : 1.0;
  const std::string root = TREATYSIM_SOURCE_DIR;
  try {
    const auto checker = agents::spec_checker(agents::builtin_registry());
    const Scenario three =
        load_scenario_file(root + "/configs/three-clauses.toml", checker).with_deadline(200);
    const Scenario sta = load_scenario_file(root + "/configs/sta-2024.toml", checker);
    const Scenario pie =
        load_scenario_file(root + "/configs/split-the-pie.toml", checker).with_deadline(200);

    std::printf("Negotiation throughput, one thread, tracing off (best of 3 × %.2f s)\n",
                budget / 3);
    report("three-clauses  boulware(e=0.25) vs conceder(e=4)  T=200",
           measure_negotiations(three, "boulware(e=0.25)", "conceder(e=4)", budget));
    report("three-clauses  boulware(e=0.25) vs boulware(e=0.25) T=200",
           measure_negotiations(three, "boulware(e=0.25)", "boulware(e=0.25)", budget));
    report("three-clauses  random vs random                  T=200",
           measure_negotiations(three, "random(accept=0.05)", "random(accept=0.05)", budget));
    report("sta-2024       boulware(e=0.2) vs time_dependent(e=0.5) T=40",
           measure_negotiations(sta, "boulware(e=0.2)", "time_dependent(e=0.5)", budget));
    report("split-the-pie  boulware(e=0.5) vs boulware(e=0.5) T=200",
           measure_negotiations(pie, "boulware(e=0.5)", "boulware(e=0.5)", budget));

    // The 50-issue ANAC 2014 domain.
    const std::string dir = root + "/configs/anac2014/50issues";
    const Scenario anac = Scenario::create(import_genius(
        dir + "/50issues-domain.xml", dir + "/profile-1.xml", dir + "/profile-2.xml"));
    {
      auto a = agents::builtin_registry().create("boulware");
      auto b = agents::builtin_registry().create("conceder");
      const auto start = Clock::now();
      Negotiation first(anac, {a.get(), b.get()}, 1);
      const NegotiationResult result = first.run();
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      std::printf("\nANAC 2014 50issues (%zu issues, %.0e outcomes, non-linear), T=%d\n",
                  anac.space().issue_count(), anac.space().size(), anac.protocol().deadline);
      std::printf("  %-52s %8.1f ms  (%d offers; levels and both schedules built)\n",
                  "first negotiation boulware vs conceder", ms, result.offers);
    }
    report("anac 50issues  boulware vs conceder            T=100",
           measure_negotiations(anac, "boulware", "conceder", budget, 100));
    report("anac 50issues  boulware(e=0.2) vs linear       T=100",
           measure_negotiations(anac, "boulware(e=0.2)", "linear", budget, 100));

    // Where the time of one offer goes (three-clauses).
    const OutcomeSpace& space = three.space();
    const UtilityFunction& u = three.utility(0);
    const UtilityIndex& index = three.utility_index(0, "bench");
    const auto n = static_cast<std::uint64_t>(space.count());
    std::vector<Outcome> outcomes;
    for (std::uint64_t i = 0; i < n; ++i) outcomes.push_back(space.outcome_at(i));
    const long long calls = 20'000'000;
    std::printf("\nParts of one offer (three-clauses, %llu outcomes)\n",
                static_cast<unsigned long long>(n));
    std::printf("  %-40s %6.2f ns\n", "utility of an outcome (3 issues)",
                ns_per_call(calls, [&](long long i) {
                  g_sink = g_sink + u(outcomes[static_cast<std::size_t>(i) % n]);
                }));
    std::printf("  %-40s %6.2f ns\n", "index.at_least(target) (binary search)",
                ns_per_call(calls, [&](long long i) {
                  g_sink = g_sink + index.at_least(static_cast<double>(i % 1000) / 1000.0).utility;
                }));
    std::printf("  %-40s %6.2f ns\n", "outcome_at(index) (mixed radix)",
                ns_per_call(calls, [&](long long i) {
                  g_sink = g_sink + space.outcome_at(static_cast<std::uint64_t>(i) % n)[0];
                }));
    auto a = agents::builtin_registry().create("boulware(e=0.25)");
    auto b = agents::builtin_registry().create("conceder(e=4)");
    Negotiation negotiation(three, {a.get(), b.get()}, 1);
    std::printf("  %-40s %6.0f ns\n", "restart (reset both agents, schedule cached)",
                ns_per_call(2'000'000, [&](long long i) {
                  negotiation.restart(static_cast<std::uint64_t>(i));
                }));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "treatysim_bench: %s\n", e.what());
    return 2;
  }
  return 0;
}
