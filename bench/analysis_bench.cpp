// analysis_bench — how fast the analysis runs (issue "Game-theoretic analysis").
//
// Figures that matter: the frontier of sta-2024 (microseconds); the exact frontier of random
// linear-additive scenarios with 10, 14 and 20 issues × 6 options (time and size; target: 20
// issues, 3.7·10¹⁵ outcomes, under 100 ms on one core); the worst case (directly opposed
// utilities: every outcome is Pareto-optimal) and what the ε-approximation does there; the
// subgame-perfect equilibrium for 10⁴ outcomes × 200 offers.
// Usage: treatysim_analysis_bench
#include <chrono>
#include <cstdio>
#include <string>

#include <boost/random/uniform_real_distribution.hpp>

#include "agents/registry.hpp"
#include "engine/analysis/additive_frontier.hpp"
#include "engine/analysis/equilibrium.hpp"
#include "engine/analysis/interaction_frontier.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"

namespace {

using namespace treatysim;
using Clock = std::chrono::steady_clock;

// `issues` issues × `options` options, random weights and values for both parties; with
// `opposed`, party 1's values are 1 − party 0's and the weights are equal, so u₁ = 1 − u₀.
Scenario random_additive(int issues, int options, std::uint64_t seed, bool opposed) {
  Rng rng(derive_seed(seed, "analysis_bench", 0));
  boost::random::uniform_real_distribution<double> unit(0.0, 1.0);
  ScenarioDef def;
  def.id = "bench";
  def.title = "bench";
  def.protocol.deadline = 10;
  for (int i = 0; i < issues; ++i) {
    Issue issue;
    issue.id = "i" + std::to_string(i);
    issue.label = issue.id;
    for (int o = 0; o < options; ++o)
      issue.options.push_back(Option{std::to_string(o), std::to_string(o), {}});
    def.issues.push_back(issue);
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    PartyDef& party = def.parties[p];
    party.id = p == 0 ? "a" : "b";
    party.name = party.id;
    party.agent = "linear";
    party.preferences.reservation_value = 0.0;
    party.preferences.discount = 1.0;
    double total = 0.0;
    for (int i = 0; i < issues; ++i) {
      const double w = opposed ? 1.0 : 0.05 + unit(rng);
      party.preferences.weights.push_back(w);
      total += w;
      std::vector<double> values;
      for (int o = 0; o < options; ++o) {
        values.push_back(opposed && p == 1
                             ? 1.0 - def.parties[0].preferences.values[static_cast<std::size_t>(i)]
                                                                      [static_cast<std::size_t>(o)]
                             : unit(rng));
      }
      party.preferences.values.push_back(values);
      party.preferences.shapes.push_back(ValueShape::kTable);
    }
    for (double& w : party.preferences.weights) w /= total;
  }
  return Scenario::create(def);
}

template <typename Fn>
double best_ms(int repeats, Fn fn) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main() {
  try {
    const std::string root = TREATYSIM_SOURCE_DIR;
    const Scenario sta = load_scenario_file(root + "/configs/sta-2024.toml");
    std::size_t size = 0;
    const double sweep_ms = best_ms(200, [&] { size = pareto_frontier(sta).size(); });
    const double additive_ms =
        best_ms(200, [&] { size = additive_pareto_frontier(sta).points.size(); });
    std::printf("Pareto frontier of sta-2024 (1024 outcomes, %zu on the frontier)\n", size);
    std::printf("  sort-and-sweep over all outcomes   %8.1f us\n", sweep_ms * 1000);
    std::printf("  issue-by-issue (no enumeration)    %8.1f us\n\n", additive_ms * 1000);

    std::printf(
        "Exact frontier of random linear-additive scenarios, 6 options per issue, one core\n");
    std::printf(
        "  issues  outcomes    frontier  largest level     time (best of 3, 5 seeds: median)\n");
    for (const int issues : {8, 10, 14, 20}) {
      std::vector<double> times;
      std::size_t frontier = 0;
      std::size_t largest = 0;
      for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const Scenario s = random_additive(issues, 6, seed, false);
        FrontierResult r;
        times.push_back(best_ms(3, [&] { r = additive_pareto_frontier(s); }));
        frontier = std::max(frontier, r.points.size());
        largest = std::max(largest, r.largest_level);
      }
      std::sort(times.begin(), times.end());
      std::printf("  %6d  %9.2e  %8zu  %13zu  %9.2f ms\n", issues, std::pow(6.0, issues), frontier,
                  largest, times[2]);
    }

    std::printf(
        "\nWorst case: directly opposed utilities (u1 = 1 - u0), every outcome Pareto-optimal\n");
    for (const int issues : {6, 8, 10}) {
      const Scenario s = random_additive(issues, 6, 1, true);
      FrontierResult r;
      const double ms = best_ms(1, [&] { r = additive_pareto_frontier(s); });
      std::printf("  %2d issues (%9.2e outcomes): %s, %zu points, largest level %zu, %.1f ms\n",
                  issues, std::pow(6.0, issues),
                  r.exact ? "exact" : "epsilon-approximate (eps = 0.001)", r.points.size(),
                  r.largest_level, ms);
    }

    // The twelve ANAC 2014 domains: exact frontier by branch and bound (interaction_frontier).
    std::printf("\nExact Pareto frontier of the ANAC 2014 domains (branch and bound, one core)\n");
    std::printf("  %-26s %6s %9s %8s %6s %12s %9s\n", "domain", "issues", "outcomes", "frontier",
                "exact", "nodes", "time");
    double total_s = 0.0;
    double worst_s = 0.0;
    for (const char* issues : {"10", "30", "50"}) {
      for (const char* variant : {"", "Discounted", "DiscountedwithRV", "withRV"}) {
        const std::string name = std::string(issues) + "issues" + variant;
        const std::string dir = root + "/configs/anac2014/" + name;
        const std::string domain = dir + "/" + issues + "issues-domain.xml";
        const Scenario s =
            Scenario::create(import_genius(domain, dir + "/profile-1.xml", dir + "/profile-2.xml"));
        const InteractionFrontierResult r = interaction_pareto_frontier(s);
        total_s += r.seconds;
        worst_s = std::max(worst_s, r.seconds);
        std::printf("  %-26s %6zu %9.0e %8zu %6s %12llu %8.2f s\n", name.c_str(),
                    s.space().issue_count(), s.space().size(), r.points.size(),
                    r.exact ? "yes" : "no", static_cast<unsigned long long>(r.nodes), r.seconds);
      }
    }
    std::printf("  all twelve: %.2f s (slowest %.2f s)\n", total_s, worst_s);

    const Scenario spe_space = random_additive(4, 10, 3, false).with_deadline(200);
    const double spe_ms = best_ms(3, [&] { SubgamePerfectEquilibrium e(spe_space); });
    std::printf("\nSubgame-perfect equilibrium, 10^4 outcomes x 200 offers: %.2f ms\n", spe_ms);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "treatysim_analysis_bench: %s\n", e.what());
    return 2;
  }
  return 0;
}
