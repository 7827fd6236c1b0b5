#include "engine/analysis/equilibrium.hpp"

#include <algorithm>
#include <cmath>

#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim {

namespace {

// For one responder q: its outcomes sorted by uq descending, and for every prefix/suffix of
// that order the proposer's best outcome (highest up, ties to the lowest outcome index).
struct ResponderTable {
  const UtilityIndex* index = nullptr;
  std::vector<std::size_t> prefix_best;  // prefix_best[k]: best position among 0 … k
  std::vector<std::size_t> suffix_best;  // suffix_best[k]: best position among k … n−1

  ResponderTable(const Scenario& scenario, PartyIndex responder) {
    index = &scenario.utility_index(responder, "the subgame-perfect equilibrium");
    const UtilityFunction& proposer_utility = scenario.utility(other_party(responder));
    const OutcomeSpace& space = scenario.space();
    const std::size_t n = index->size();
    std::vector<double> up(n);
    for (std::size_t k = 0; k < n; ++k)
      up[k] = proposer_utility(space.outcome_at(index->entry(k).index));
    auto better = [&](std::size_t a, std::size_t b) {  // is position a better for p than b?
      if (utility_greater(up[a], up[b])) return true;
      return utility_equal(up[a], up[b]) && index->entry(a).index < index->entry(b).index;
    };
    prefix_best.resize(n);
    suffix_best.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      prefix_best[k] = (k == 0 || better(k, prefix_best[k - 1])) ? k : prefix_best[k - 1];
    }
    for (std::size_t k = n; k-- > 0;) {
      suffix_best[k] = (k + 1 == n || better(k, suffix_best[k + 1])) ? k : suffix_best[k + 1];
    }
  }
};

}  // namespace

SubgamePerfectEquilibrium::SubgamePerfectEquilibrium(const Scenario& scenario)
    : SubgamePerfectEquilibrium(scenario, {scenario.party(0).preferences.reservation_value,
                                           scenario.party(1).preferences.reservation_value}) {}

SubgamePerfectEquilibrium::SubgamePerfectEquilibrium(
    const Scenario& scenario, const std::array<double, kPartyCount>& reservation) {
  const ProtocolDef& protocol = scenario.protocol();
  const OutcomeSpace& space = scenario.space();
  const std::array<ResponderTable, kPartyCount> tables{ResponderTable(scenario, 0),
                                                       ResponderTable(scenario, 1)};
  std::array<double, kPartyCount> next = reservation;
  steps_.resize(static_cast<std::size_t>(protocol.deadline));
  for (int r = protocol.deadline - 1; r >= 0; --r) {
    EquilibriumStep& step = steps_[static_cast<std::size_t>(r)];
    const PartyIndex p = (protocol.first_mover + static_cast<std::size_t>(r)) % kPartyCount;
    const PartyIndex q = other_party(p);
    const double discount_p = std::pow(scenario.party(p).preferences.discount, r);
    const double discount_q = std::pow(scenario.party(q).preferences.discount, r);
    const ResponderTable& table = tables[q];
    step.proposer = p;
    step.responder_walks_away = utility_greater(reservation[q], next[q]);
    const std::array<double, kPartyCount> rejection =
        step.responder_walks_away ? reservation : next;
    step.acceptance_threshold = std::max(reservation[q], next[q]) / discount_q;
    const std::size_t acceptable = table.index->count_at_least(step.acceptance_threshold);
    const std::size_t n = table.index->size();
    bool agree = false;
    if (acceptable > 0) {
      const std::size_t best = table.prefix_best[acceptable - 1];
      const Outcome offer = space.outcome_at(table.index->entry(best).index);
      const double payoff_p = discount_p * scenario.utility(p)(offer);
      // p agrees when waiting is no better, or when it cannot make an offer q rejects.
      agree = utility_at_least(payoff_p, rejection[p]) || acceptable == n;
      if (agree) {
        step.offer = offer;
        step.values[p] = payoff_p;
        step.values[q] = discount_q * scenario.utility(q)(offer);
      }
    }
    if (!agree) {
      step.offer = space.outcome_at(table.index->entry(table.suffix_best[acceptable]).index);
      step.values = rejection;
    }
    step.accepted = agree;
    next = step.values;
  }
}

SubgamePerfectEquilibrium::SubgamePerfectEquilibrium(
    const Scenario& scenario, std::vector<OutcomePoint> candidates,
    const std::array<double, kPartyCount>& reservation) {
  const ProtocolDef& protocol = scenario.protocol();
  // Per responder q: the candidates by uq descending (ties: lower index), and the proposer's
  // best among every prefix and suffix of that order.
  struct Table {
    std::vector<OutcomePoint> order;
    std::vector<std::size_t> prefix_best;
    std::vector<std::size_t> suffix_best;
  };
  std::array<Table, kPartyCount> tables;
  for (PartyIndex q = 0; q < kPartyCount; ++q) {
    Table& t = tables[q];
    t.order = candidates;
    std::stable_sort(t.order.begin(), t.order.end(),
                     [q](const OutcomePoint& a, const OutcomePoint& b) {
                       if (a.utilities[q] != b.utilities[q]) return a.utilities[q] > b.utilities[q];
                       return a.index < b.index;
                     });
    const PartyIndex p = other_party(q);
    auto better = [&](std::size_t a, std::size_t b) {
      if (utility_greater(t.order[a].utilities[p], t.order[b].utilities[p])) return true;
      return utility_equal(t.order[a].utilities[p], t.order[b].utilities[p]) &&
             t.order[a].index < t.order[b].index;
    };
    const std::size_t n = t.order.size();
    t.prefix_best.resize(n);
    t.suffix_best.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      t.prefix_best[k] = (k == 0 || better(k, t.prefix_best[k - 1])) ? k : t.prefix_best[k - 1];
    }
    for (std::size_t k = n; k-- > 0;) {
      t.suffix_best[k] = (k + 1 == n || better(k, t.suffix_best[k + 1])) ? k : t.suffix_best[k + 1];
    }
  }
  std::array<double, kPartyCount> next = reservation;
  steps_.resize(static_cast<std::size_t>(protocol.deadline));
  for (int r = protocol.deadline - 1; r >= 0; --r) {
    EquilibriumStep& step = steps_[static_cast<std::size_t>(r)];
    const PartyIndex p = (protocol.first_mover + static_cast<std::size_t>(r)) % kPartyCount;
    const PartyIndex q = other_party(p);
    const double discount_p = std::pow(scenario.party(p).preferences.discount, r);
    const double discount_q = std::pow(scenario.party(q).preferences.discount, r);
    const Table& table = tables[q];
    step.proposer = p;
    step.responder_walks_away = utility_greater(reservation[q], next[q]);
    const std::array<double, kPartyCount> rejection =
        step.responder_walks_away ? reservation : next;
    step.acceptance_threshold = std::max(reservation[q], next[q]) / discount_q;
    const double threshold = step.acceptance_threshold;
    const auto acceptable = static_cast<std::size_t>(
        std::partition_point(table.order.begin(), table.order.end(),
                             [q, threshold](const OutcomePoint& c) {
                               return utility_at_least(c.utilities[q], threshold);
                             }) -
        table.order.begin());
    const std::size_t n = table.order.size();
    bool agree = false;
    if (acceptable > 0) {
      const OutcomePoint& offer = table.order[table.prefix_best[acceptable - 1]];
      const double payoff_p = discount_p * offer.utilities[p];
      agree = utility_at_least(payoff_p, rejection[p]) || acceptable == n;
      if (agree) {
        step.offer = offer.outcome;
        step.values[p] = payoff_p;
        step.values[q] = discount_q * offer.utilities[q];
      }
    }
    if (!agree) {
      step.offer = table.order[table.suffix_best[acceptable]].outcome;
      step.values = rejection;
    }
    step.accepted = agree;
    next = step.values;
  }
}

const EquilibriumStep* SubgamePerfectEquilibrium::agreement() const noexcept {
  const int r = agreement_offer_index();
  return r < 0 ? nullptr : &steps_[static_cast<std::size_t>(r)];
}

int SubgamePerfectEquilibrium::agreement_offer_index() const noexcept {
  // Follow the equilibrium path: the first accepted offer, unless a responder walks away first.
  for (std::size_t r = 0; r < steps_.size(); ++r) {
    if (steps_[r].accepted) return static_cast<int>(r);
    if (steps_[r].responder_walks_away) return -1;
  }
  return -1;
}

}  // namespace treatysim
