#include "engine/model/preferences.hpp"

#include <algorithm>

#include "engine/model/check.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_search.hpp"

namespace treatysim {

std::vector<double> linear_values(int levels, bool increasing) {
  std::vector<double> values(static_cast<std::size_t>(std::max(levels, 0)));
  for (int i = 0; i < levels; ++i) {
    const double x = levels > 1 ? static_cast<double>(i) / static_cast<double>(levels - 1) : 1.0;
    values[static_cast<std::size_t>(i)] = increasing ? x : 1.0 - x;
  }
  return values;
}

UtilityFunction::UtilityFunction(const Preferences& preferences) {
  TREATYSIM_CHECK(preferences.weights.size() == preferences.values.size(),
                  "one weight and one value list per issue");
  offsets_.reserve(preferences.values.size());
  for (std::size_t i = 0; i < preferences.values.size(); ++i) {
    const auto& values = preferences.values[i];
    TREATYSIM_CHECK(!values.empty(), "every issue has at least one option value");
    offsets_.push_back(contributions_.size());
    double best = -1.0;
    double worst = 2.0;
    for (const double v : values) {
      const double c = preferences.weights[i] * v;
      contributions_.push_back(c);
      best = std::max(best, c);
      worst = std::min(worst, c);
    }
    max_utility_ += best;
    min_utility_ += worst;
  }
  if (preferences.interactions.empty()) return;
  terms_.begin.push_back(0);
  for (const InteractionTerm& term : preferences.interactions) {
    terms_.utility.push_back(term.utility);
    for (const InteractionCondition& condition : term.when) {
      TREATYSIM_CHECK(condition.issue < offsets_.size(), "a term names an issue of the space");
      terms_.issue.push_back(static_cast<std::uint32_t>(condition.issue));
      terms_.accepts.push_back(static_cast<std::uint32_t>(terms_.accepted.size()));
      const std::size_t count = option_count(condition.issue);
      const std::size_t row = terms_.accepted.size();
      terms_.accepted.resize(row + count, 0);
      for (const int option : condition.options) {
        TREATYSIM_CHECK(option >= 0 && static_cast<std::size_t>(option) < count,
                        "a term names an option of its issue");
        terms_.accepted[row + static_cast<std::size_t>(option)] = 1;
      }
    }
    terms_.begin.push_back(static_cast<std::uint32_t>(terms_.issue.size()));
  }
  const UtilityExtreme best = utility_extreme(*this, true);
  const UtilityExtreme worst = utility_extreme(*this, false);
  max_utility_ = best.utility;
  min_utility_ = worst.utility;
  best_ = best.outcome;
  worst_ = worst.outcome;
}

std::size_t UtilityFunction::option_count(std::size_t issue) const noexcept {
  const std::size_t end = issue + 1 < offsets_.size() ? offsets_[issue + 1] : contributions_.size();
  return end - offsets_[issue];
}

Outcome UtilityFunction::best_outcome() const {
  if (has_interactions()) return best_;
  Outcome outcome(offsets_.size());
  for (std::size_t i = 0; i < offsets_.size(); ++i) {
    int best = 0;
    for (std::size_t option = 1; option < option_count(i); ++option) {
      if (utility_greater(contribution(i, static_cast<int>(option)), contribution(i, best))) {
        best = static_cast<int>(option);
      }
    }
    outcome.set(i, best);
  }
  return outcome;
}

}  // namespace treatysim

namespace treatysim {

Outcome UtilityFunction::worst_outcome() const {
  if (has_interactions()) return worst_;
  Outcome outcome(offsets_.size());
  for (std::size_t i = 0; i < offsets_.size(); ++i) {
    int worst = 0;
    for (std::size_t option = 1; option < option_count(i); ++option) {
      if (utility_greater(contribution(i, worst), contribution(i, static_cast<int>(option)))) {
        worst = static_cast<int>(option);
      }
    }
    outcome.set(i, worst);
  }
  return outcome;
}

}  // namespace treatysim
