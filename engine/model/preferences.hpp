// preferences.hpp — what a party wants: linear additive utility plus optional interaction terms,
// reservation value, discount.
//
//   u(ω) = Σᵢ wᵢ · vᵢ(ωᵢ) + Σₖ utilityₖ·[ω matches whenₖ]
//
// Without interaction terms, weights wᵢ ≥ 0 sum to 1 and option values vᵢ are in [0, 1]. With
// terms (interactions.hpp) the weights need not sum to 1 (a party may even have no additive part:
// every weight 0), and the scenario checks instead that u stays in [0, 1] over the whole space.
// An agreement reached at offer index r (the first offer is r = 0) is worth δʳ·u(ω) to the
// party; disagreement and walk-away give it its reservation value. UtilityFunction precomputes
// wᵢ·vᵢ per option, so evaluating an additive outcome is one addition per issue; each term adds
// one look-up per issue it lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/model/interactions.hpp"
#include "engine/model/outcome.hpp"

namespace treatysim {

// How a numeric issue's values were given in the scenario file (kept so the file round-trips).
enum class ValueShape { kTable, kLinearIncreasing, kLinearDecreasing };

struct Preferences {
  std::vector<double> weights;                // one per issue, ≥ 0, summing to 1
  std::vector<std::vector<double>> values;    // [issue][option], each in [0, 1]
  std::vector<ValueShape> shapes;             // one per issue; kTable for discrete issues
  double reservation_value = 0.0;             // utility of no agreement, in [0, 1]
  double discount = 1.0;                      // per-offer discount factor δ, in (0, 1]
  std::vector<InteractionTerm> interactions;  // linkage terms (interactions.hpp); usually none

  friend bool operator==(const Preferences&, const Preferences&) = default;
};

// Linear values for a numeric issue with `levels` levels: i/(levels−1) increasing, or
// 1 − i/(levels−1) decreasing.
[[nodiscard]] std::vector<double> linear_values(int levels, bool increasing);

// A UtilityFunction's interaction terms as flat arrays: what evaluation and the branch-and-bound
// searches (utility_search.hpp) read.
struct CompiledTerms {
  std::vector<double> utility;         // per term
  std::vector<std::uint32_t> begin;    // per term, plus one: term k's conditions are
                                       // [begin[k], begin[k+1])
  std::vector<std::uint32_t> issue;    // per condition: the issue it constrains
  std::vector<std::uint32_t> accepts;  // per condition: offset of its row in `accepted`
  std::vector<std::uint8_t> accepted;  // per condition row, one byte per option: 1 = accepted

  [[nodiscard]] std::size_t size() const noexcept { return utility.size(); }
  // True when term k's condition c accepts `option`.
  [[nodiscard]] bool accepts_option(std::size_t condition, int option) const noexcept {
    return accepted[accepts[condition] + static_cast<std::size_t>(option)] != 0;
  }
  // Σ of the utilities of the terms `outcome` matches, in term order.
  [[nodiscard]] double sum(const Outcome& outcome) const noexcept {
    double total = 0.0;
    for (std::size_t k = 0; k + 1 < begin.size(); ++k) {
      bool match = true;
      for (std::uint32_t c = begin[k]; c < begin[k + 1] && match; ++c) {
        match = accepted[accepts[c] + static_cast<std::size_t>(outcome[issue[c]])] != 0;
      }
      if (match) total += utility[k];
    }
    return total;
  }
};

// Precomputed u(ω) for one party.
class UtilityFunction {
 public:
  UtilityFunction() = default;
  // Compiles the preferences. With interaction terms this also finds the exact extremes of u by
  // branch and bound (utility_search.hpp): milliseconds on the ANAC 2014 domains.
  explicit UtilityFunction(const Preferences& preferences);

  // u(ω): one table look-up and addition per issue, then the matched terms (in term order).
  [[nodiscard]] double operator()(const Outcome& outcome) const noexcept {
    double sum = 0.0;
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
      sum += contributions_[offsets_[i] + static_cast<std::size_t>(outcome[i])];
    }
    if (!terms_.utility.empty()) sum += terms_.sum(outcome);
    return sum;
  }
  // The additive part alone (Σᵢ wᵢ·vᵢ(ωᵢ)).
  [[nodiscard]] double additive(const Outcome& outcome) const noexcept {
    double sum = 0.0;
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
      sum += contributions_[offsets_[i] + static_cast<std::size_t>(outcome[i])];
    }
    return sum;
  }
  // True when the party has interaction terms (u is not additive).
  [[nodiscard]] bool has_interactions() const noexcept { return !terms_.utility.empty(); }
  [[nodiscard]] const CompiledTerms& terms() const noexcept { return terms_; }
  // wᵢ·vᵢ(option): what choosing `option` on `issue` adds to u.
  [[nodiscard]] double contribution(std::size_t issue, int option) const noexcept {
    return contributions_[offsets_[issue] + static_cast<std::size_t>(option)];
  }
  [[nodiscard]] std::size_t issue_count() const noexcept { return offsets_.size(); }
  [[nodiscard]] std::size_t option_count(std::size_t issue) const noexcept;
  // Highest and lowest utility of any outcome (additive: Σ of per-issue maxima / minima; with
  // interaction terms: exact, by branch and bound).
  [[nodiscard]] double max_utility() const noexcept { return max_utility_; }
  [[nodiscard]] double min_utility() const noexcept { return min_utility_; }
  // The outcome of highest utility, ties to the lowest option index on each issue (which is
  // the lowest outcome index); with interaction terms, the lowest outcome index among the
  // outcomes of (within 1e-12) the highest utility.
  [[nodiscard]] Outcome best_outcome() const;
  // The same for the lowest utility.
  [[nodiscard]] Outcome worst_outcome() const;

 private:
  std::vector<double> contributions_;
  std::vector<std::size_t> offsets_;  // start of each issue in contributions_
  CompiledTerms terms_;
  double max_utility_ = 0.0;
  double min_utility_ = 0.0;
  Outcome best_;   // with interaction terms
  Outcome worst_;  // with interaction terms
};

}  // namespace treatysim
