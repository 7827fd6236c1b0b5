#include "engine/analysis/type_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "engine/model/check.hpp"
#include "engine/model/tolerance.hpp"

namespace treatysim {

namespace {

constexpr int kNodes = 32;
constexpr int kNodesLargeFrontier = 8;
constexpr std::size_t kLargeFrontier = 20'000;

// The nodes (value, weight) of one party's reservation value.
std::vector<std::pair<double, double>> party_nodes(const PartyDef& party, int continuous_nodes,
                                                   std::string& rule) {
  if (!party.reservation_distribution) {
    rule = "fixed";
    return {{party.preferences.reservation_value, 1.0}};
  }
  const ReservationDistribution& d = *party.reservation_distribution;
  if (d.kind == ReservationKind::kChoices) {
    rule = "exact, " + std::to_string(d.choices.size()) + " choices";
    const std::vector<double> p = choice_probabilities(d);
    std::vector<std::pair<double, double>> nodes;
    for (std::size_t k = 0; k < p.size(); ++k) nodes.emplace_back(d.choices[k], p[k]);
    return nodes;
  }
  rule = "Gauss-Legendre, " + std::to_string(continuous_nodes) + " nodes on the CDF";
  std::vector<std::pair<double, double>> nodes;
  for (const auto& [u, w] : gauss_legendre_unit(continuous_nodes)) {
    nodes.emplace_back(reservation_quantile(d, u), w);
  }
  return nodes;
}

double cdf(const PartyDef& party, double x) {
  if (!party.reservation_distribution) return party.preferences.reservation_value <= x ? 1.0 : 0.0;
  return reservation_cdf(*party.reservation_distribution, x);
}

}  // namespace

std::vector<std::pair<double, double>> gauss_legendre_unit(int order) {
  TREATYSIM_CHECK(order >= 1, "a quadrature rule of order 1 or more");
  const int n = order;
  std::vector<std::pair<double, double>> nodes(static_cast<std::size_t>(n));
  constexpr double kPi = 3.14159265358979323846;
  for (int i = 0; i < (n + 1) / 2; ++i) {
    // Newton's method on P_n from the Chebyshev-like first guess (Abramowitz & Stegun 25.4.29).
    double x = std::cos(kPi * (i + 0.75) / (n + 0.5));
    double derivative = 1.0;
    for (int iteration = 0; iteration < 100; ++iteration) {
      double p0 = 1.0;
      double p1 = x;
      for (int k = 2; k <= n; ++k) {
        const double p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const double pn = n == 1 ? x : p1;
      const double pn_1 = n == 1 ? 1.0 : p0;
      derivative = n * (x * pn - pn_1) / (x * x - 1.0);
      const double step = pn / derivative;
      x -= step;
      if (std::fabs(step) < 1e-15) break;
    }
    const double w = 2.0 / ((1.0 - x * x) * derivative * derivative);
    // Map [-1, 1] to [0, 1]: p = (1 ± x)/2, weight w/2.
    nodes[static_cast<std::size_t>(i)] = {0.5 * (1.0 - x), 0.5 * w};
    nodes[static_cast<std::size_t>(n - 1 - i)] = {0.5 * (1.0 + x), 0.5 * w};
  }
  if (n == 1) nodes[0] = {0.5, 1.0};
  return nodes;
}

std::vector<TypeNode> type_grid(const Scenario& scenario, int continuous_nodes,
                                std::array<std::string, kPartyCount>* rules) {
  std::array<std::string, kPartyCount> names;
  const auto a = party_nodes(scenario.party(0), continuous_nodes, names[0]);
  const auto b = party_nodes(scenario.party(1), continuous_nodes, names[1]);
  if (rules != nullptr) *rules = names;
  std::vector<TypeNode> grid;
  grid.reserve(a.size() * b.size());
  for (const auto& [r0, w0] : a) {
    for (const auto& [r1, w1] : b) grid.push_back(TypeNode{{r0, r1}, w0 * w1});
  }
  return grid;
}

TypeAnalysis analyze_types(const Scenario& scenario, const ScenarioAnalysis& analysis) {
  TypeAnalysis t;
  const std::vector<OutcomePoint>& frontier = analysis.frontier.points;
  const int k = frontier.size() > kLargeFrontier ? kNodesLargeFrontier : kNodes;
  t.nodes = type_grid(scenario, k, &t.rule);
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    t.mean_reservation[p] = scenario.party(p).preferences.reservation_value;
  }

  // Exact ZOPA probability over the staircase of the frontier (u₀ descending).
  double running_u1 = -1.0;
  for (std::size_t i = 0; i < frontier.size(); ++i) {
    const double a = frontier[i].utilities[0] + kUtilityTolerance;
    running_u1 = std::max(running_u1, frontier[i].utilities[1]);
    const double next =
        i + 1 < frontier.size()
            ? cdf(scenario.party(0), frontier[i + 1].utilities[0] + kUtilityTolerance)
            : 0.0;
    t.zopa_probability += std::max(0.0, cdf(scenario.party(0), a) - next) *
                          cdf(scenario.party(1), running_u1 + kUtilityTolerance);
  }
  t.zopa_probability = std::clamp(t.zopa_probability, 0.0, 1.0);

  struct Accumulator {
    double weight = 0.0;
    std::array<double, kPartyCount> sum{};
    std::array<double, kPartyCount> sum_squares{};
  };
  std::array<Accumulator, 4> acc;
  constexpr std::array<BargainingSolution, 4> kSolutions{
      BargainingSolution::kNash, BargainingSolution::kKalaiSmorodinsky,
      BargainingSolution::kEgalitarian, BargainingSolution::kUtilitarian};
  for (const TypeNode& node : t.nodes) {
    for (std::size_t s = 0; s < kSolutions.size(); ++s) {
      const std::optional<OutcomePoint> point =
          bargaining_solution(frontier, node.reservation, kSolutions[s]);
      if (!point) continue;
      acc[s].weight += node.weight;
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        acc[s].sum[p] += node.weight * point->utilities[p];
        acc[s].sum_squares[p] += node.weight * point->utilities[p] * point->utilities[p];
      }
    }
  }
  std::array<SolutionOverTypes*, 4> out{&t.nash, &t.kalai_smorodinsky, &t.egalitarian,
                                        &t.utilitarian};
  for (std::size_t s = 0; s < kSolutions.size(); ++s) {
    out[s]->probability = std::clamp(acc[s].weight, 0.0, 1.0);
    if (acc[s].weight <= 0.0) continue;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const double mean = acc[s].sum[p] / acc[s].weight;
      out[s]->mean_utility[p] = mean;
      out[s]->sd_utility[p] =
          std::sqrt(std::max(0.0, acc[s].sum_squares[p] / acc[s].weight - mean * mean));
    }
  }
  return t;
}

}  // namespace treatysim
