#include "engine/model/interactions.hpp"

#include <algorithm>
#include <cstdio>

namespace treatysim {

bool InteractionTerm::matches(const Outcome& outcome) const noexcept {
  for (const InteractionCondition& condition : when) {
    if (!std::binary_search(condition.options.begin(), condition.options.end(),
                            outcome[condition.issue])) {
      return false;
    }
  }
  return true;
}

std::vector<std::size_t> triggered_terms(const std::vector<InteractionTerm>& terms,
                                         const Outcome& outcome) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (terms[k].matches(outcome)) out.push_back(k);
  }
  return out;
}

std::string format_term_utility(double utility) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", utility < 0 ? -utility : utility);
  return std::string(utility < 0 ? "\u2212" : "+") + buffer;
}

}  // namespace treatysim
