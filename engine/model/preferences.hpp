// preferences.hpp — what a party wants: linear additive utility, reservation value, discount.
//
//   u(ω) = Σᵢ wᵢ · vᵢ(ωᵢ)      weights wᵢ ≥ 0 summing to 1, option values vᵢ in [0, 1]
//
// An agreement reached at offer index r (the first offer is r = 0) is worth δʳ·u(ω) to the
// party; disagreement and walk-away give it its reservation value. UtilityFunction precomputes
// wᵢ·vᵢ per option, so evaluating an outcome is one addition per issue.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/model/outcome.hpp"

namespace treatysim {

// How a numeric issue's values were given in the scenario file (kept so the file round-trips).
enum class ValueShape { kTable, kLinearIncreasing, kLinearDecreasing };

struct Preferences {
  std::vector<double> weights;              // one per issue, ≥ 0, summing to 1
  std::vector<std::vector<double>> values;  // [issue][option], each in [0, 1]
  std::vector<ValueShape> shapes;           // one per issue; kTable for discrete issues
  double reservation_value = 0.0;           // utility of no agreement, in [0, 1]
  double discount = 1.0;                    // per-offer discount factor δ, in (0, 1]

  friend bool operator==(const Preferences&, const Preferences&) = default;
};

// Linear values for a numeric issue with `levels` levels: i/(levels−1) increasing, or
// 1 − i/(levels−1) decreasing.
[[nodiscard]] std::vector<double> linear_values(int levels, bool increasing);

// Precomputed u(ω) for one party.
class UtilityFunction {
 public:
  UtilityFunction() = default;
  explicit UtilityFunction(const Preferences& preferences);

  // u(ω): one table look-up and addition per issue.
  [[nodiscard]] double operator()(const Outcome& outcome) const noexcept {
    double sum = 0.0;
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
      sum += contributions_[offsets_[i] + static_cast<std::size_t>(outcome[i])];
    }
    return sum;
  }
  // wᵢ·vᵢ(option): what choosing `option` on `issue` adds to u.
  [[nodiscard]] double contribution(std::size_t issue, int option) const noexcept {
    return contributions_[offsets_[issue] + static_cast<std::size_t>(option)];
  }
  [[nodiscard]] std::size_t issue_count() const noexcept { return offsets_.size(); }
  [[nodiscard]] std::size_t option_count(std::size_t issue) const noexcept;
  // Highest and lowest utility of any outcome (Σ of per-issue maxima / minima).
  [[nodiscard]] double max_utility() const noexcept { return max_utility_; }
  [[nodiscard]] double min_utility() const noexcept { return min_utility_; }
  // The outcome of highest utility, ties to the lowest option index on each issue (which is
  // the lowest outcome index).
  [[nodiscard]] Outcome best_outcome() const;

 private:
  std::vector<double> contributions_;
  std::vector<std::size_t> offsets_;  // start of each issue in contributions_
  double max_utility_ = 0.0;
  double min_utility_ = 0.0;
};

}  // namespace treatysim
