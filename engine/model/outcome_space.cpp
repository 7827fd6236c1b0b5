#include "engine/model/outcome_space.hpp"

#include <utility>

#include "engine/model/check.hpp"

namespace treatysim {

OutcomeSpace::OutcomeSpace(std::vector<Issue> issues) : issues_(std::move(issues)) {
  TREATYSIM_CHECK(!issues_.empty() && issues_.size() <= kMaxIssues,
                  "an outcome space needs 1 to kMaxIssues issues");
  strides_.assign(issues_.size(), 0);
  // In extended precision, so that 10⁴⁰ prints as 1e+40 (a double product drifts by an ulp).
  long double size = 1.0L;
  for (const Issue& issue : issues_) {
    TREATYSIM_CHECK(!issue.options.empty() && issue.options.size() <= 0xFFFF,
                    "every issue needs between 1 and 65535 options");
    size *= static_cast<long double>(issue.options.size());
  }
  size_ = static_cast<double>(size);
  enumerable_ = size_ <= static_cast<double>(kMaxEnumerableOutcomes);
  if (enumerable_) {
    std::uint64_t stride = 1;
    for (std::size_t i = issues_.size(); i-- > 0;) {
      strides_[i] = stride;
      stride *= issues_[i].options.size();
    }
  }
}

int OutcomeSpace::find_issue(const std::string& issue_id) const noexcept {
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    if (issues_[i].id == issue_id) return static_cast<int>(i);
  }
  return -1;
}

std::uint64_t OutcomeSpace::count() const {
  TREATYSIM_CHECK(enumerable_, "count() needs an enumerable outcome space");
  return static_cast<std::uint64_t>(size_);
}

std::uint64_t OutcomeSpace::index_of(const Outcome& outcome) const noexcept {
  std::uint64_t index = 0;
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    index += strides_[i] * static_cast<std::uint64_t>(outcome[i]);
  }
  return index;
}

Outcome OutcomeSpace::outcome_at(std::uint64_t index) const noexcept {
  Outcome outcome(issues_.size());
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    outcome.set(i, static_cast<int>(index / strides_[i]));
    index %= strides_[i];
  }
  return outcome;
}

bool OutcomeSpace::contains(const Outcome& outcome) const noexcept {
  if (outcome.size() != issues_.size()) return false;
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    if (outcome[i] < 0 || static_cast<std::size_t>(outcome[i]) >= issues_[i].options.size()) {
      return false;
    }
  }
  return true;
}

std::string OutcomeSpace::format(const Outcome& outcome) const {
  std::string text;
  for (std::size_t i = 0; i < issues_.size() && i < outcome.size(); ++i) {
    if (i > 0) text += '/';
    text += issues_[i].options[static_cast<std::size_t>(outcome[i])].id;
  }
  return text;
}

std::optional<Outcome> OutcomeSpace::parse(const std::string& text, std::string* error) const {
  Outcome outcome(issues_.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    const std::size_t slash = text.find('/', start);
    const bool last = i + 1 == issues_.size();
    if (!last && slash == std::string::npos) {
      if (error) {
        *error = "expected " + std::to_string(issues_.size()) +
                 " option ids separated by '/', one per issue in order (";
        for (std::size_t k = 0; k < issues_.size(); ++k) *error += (k ? ", " : "") + issues_[k].id;
        *error += "), got \"" + text + "\"";
      }
      return std::nullopt;
    }
    const std::string id = text.substr(start, last ? std::string::npos : slash - start);
    if (last && id.find('/') != std::string::npos) {
      if (error)
        *error = "too many option ids in \"" + text + "\": the scenario has " +
                 std::to_string(issues_.size()) + " issues";
      return std::nullopt;
    }
    const int option = issues_[i].find_option(id);
    if (option < 0) {
      if (error) {
        *error = "issue '" + issues_[i].id + "' has no option \"" + id + "\" (options:";
        for (const Option& o : issues_[i].options) *error += " " + o.id;
        *error += ")";
      }
      return std::nullopt;
    }
    outcome.set(i, option);
    start = slash + 1;
  }
  return outcome;
}

}  // namespace treatysim
