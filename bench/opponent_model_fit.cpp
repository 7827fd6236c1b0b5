// opponent_model_fit — how well an additive opponent model (the frequency model of Hindriks &
// Tykhonov 2008 / Baarslag's HardHeaded, agents/frequency_model.hpp) fits an opponent whose
// utility is not additive (interaction terms, hyper-rectangles).
//
// For each scenario: a negotiation of conceder (party a, the observer) against boulware (party
// b); the frequency model of a learns from b's offers; then the model's estimate is compared with
// b's true utility by Pearson and Spearman correlation over (1) 2,000 outcomes drawn uniformly
// and (2) the exact Pareto frontier's outcomes (where bidding strategies use the model). The
// additive sta-2024 is the baseline: there the model's form is the opponent's.
// Usage: treatysim_opponent_model_fit
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>

#include "agents/frequency_model.hpp"
#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/trace.hpp"

namespace {

using namespace treatysim;

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// Ranks with ties averaged.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = 0.5 * static_cast<double>(i + j);
    i = j + 1;
  }
  return r;
}

void fit(const std::string& name, const Scenario& scenario) {
  const auto& registry = agents::builtin_registry();
  const Trace trace =
      run_traced(scenario, {parse_spec("conceder"), parse_spec("boulware")}, 1, registry);
  NegotiationContext context;
  context.scenario = &scenario;
  context.self = 0;
  context.own = PartyView{&scenario.party(0), &scenario.utility(0), std::nullopt};
  context.deadline = scenario.protocol().deadline;
  agents::FrequencyModel model(0.2);
  model.reset(context);
  int observed = 0;
  for (const Event& e : trace.events) {
    if (e.kind != EventKind::kOffer || e.party != 1) continue;
    model.update(NegotiationState{e.offer_index, scenario.protocol().deadline, {}}, e.outcome);
    ++observed;
  }
  const UtilityFunction& truth = scenario.utility(1);
  auto correlate = [&](const std::vector<Outcome>& outcomes, double& p, double& s) {
    std::vector<double> est;
    std::vector<double> real;
    for (const Outcome& o : outcomes) {
      est.push_back(model.utility(o));
      real.push_back(truth(o));
    }
    p = pearson(est, real);
    s = pearson(ranks(est), ranks(real));
  };
  Rng rng(derive_seed(7, "opponent model fit", 0));
  std::vector<Outcome> uniform;
  const OutcomeSpace& space = scenario.space();
  for (int k = 0; k < 2000; ++k) {
    Outcome o(space.issue_count());
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      boost::random::uniform_int_distribution<int> pick(
          0, static_cast<int>(space.issue(i).size()) - 1);
      o.set(i, pick(rng));
    }
    uniform.push_back(o);
  }
  std::vector<Outcome> frontier;
  for (const OutcomePoint& p : shared_frontier(scenario)->points) frontier.push_back(p.outcome);
  double pu = 0.0;
  double su = 0.0;
  double pf = 0.0;
  double sf = 0.0;
  correlate(uniform, pu, su);
  correlate(frontier, pf, sf);
  std::printf("  %-28s %9.0e %8d  %7.2f %7.2f   %5zu  %7.2f %7.2f\n", name.c_str(), space.size(),
              observed, pu, su, frontier.size(), pf, sf);
}

}  // namespace

int main() {
  try {
    const std::string root = TREATYSIM_SOURCE_DIR;
    std::printf(
        "Frequency model (additive) against the opponent's true utility, after conceder (learning) "
        "vs boulware\n");
    std::printf("  %-28s %9s %8s  %7s %7s   %5s  %7s %7s\n", "scenario", "outcomes", "offers",
                "uniform", "", "front", "frontier", "");
    std::printf("  %-28s %9s %8s  %7s %7s   %5s  %7s %7s\n", "", "", "seen", "Pearson", "Spearman",
                "size", "Pearson", "Spearman");
    fit("sta-2024 (additive)", load_scenario_file(root + "/configs/sta-2024.toml"));
    fit("sta-linkage", load_scenario_file(root + "/configs/sta-linkage.toml"));
    for (const char* domain : {"10issues", "30issues", "50issues"}) {
      const std::string dir = root + "/configs/anac2014/" + domain;
      const std::string issues = std::string(domain).substr(0, 2);
      fit(std::string("ANAC 2014 ") + domain,
          Scenario::create(import_genius(dir + "/" + issues + "issues-domain.xml",
                                         dir + "/profile-1.xml", dir + "/profile-2.xml")));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "treatysim_opponent_model_fit: %s\n", e.what());
    return 2;
  }
  return 0;
}
