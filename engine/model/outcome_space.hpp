// outcome_space.hpp — the issues of a scenario and the set of outcomes they span.
//
// Outcomes have a dense index in mixed radix with the first issue most significant, so index
// order is lexicographic order of option indices (options in issue order): the order every
// tie-break in treatysim uses. A space is "enumerable" when it has at most
// kMaxEnumerableOutcomes outcomes; parts that list outcomes (bidding by utility, exact
// equilibrium) require that, and say so when it does not hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/issue.hpp"
#include "engine/model/outcome.hpp"

namespace treatysim {

// Largest space treatysim enumerates (2^22 ≈ 4.2 million outcomes: the sorted utility tables of
// both parties then take about 100 MB).
inline constexpr std::uint64_t kMaxEnumerableOutcomes = std::uint64_t{1} << 22U;

class OutcomeSpace {
 public:
  OutcomeSpace() = default;
  // Requires 1 ≤ issues ≤ kMaxIssues, each with ≥ 1 option (checked).
  explicit OutcomeSpace(std::vector<Issue> issues);

  [[nodiscard]] const std::vector<Issue>& issues() const noexcept { return issues_; }
  [[nodiscard]] std::size_t issue_count() const noexcept { return issues_.size(); }
  [[nodiscard]] const Issue& issue(std::size_t i) const noexcept { return issues_[i]; }
  // Index of the issue with this id, or -1.
  [[nodiscard]] int find_issue(const std::string& issue_id) const noexcept;

  // Number of outcomes as a double (exact up to 2^53; may be astronomically large).
  [[nodiscard]] double size() const noexcept { return size_; }
  [[nodiscard]] bool enumerable() const noexcept { return enumerable_; }
  // Number of outcomes; only for enumerable spaces (checked).
  [[nodiscard]] std::uint64_t count() const;

  // Dense index of an outcome (enumerable spaces only).
  [[nodiscard]] std::uint64_t index_of(const Outcome& outcome) const noexcept;
  // The outcome with a dense index (enumerable spaces only).
  [[nodiscard]] Outcome outcome_at(std::uint64_t index) const noexcept;
  // True when the outcome has one valid option per issue.
  [[nodiscard]] bool contains(const Outcome& outcome) const noexcept;

  // Option ids joined by '/': "S0/IP1/D1/G1/T2".
  [[nodiscard]] std::string format(const Outcome& outcome) const;
  // Parses "S0/IP1/D1/G1/T2" (option ids in issue order); nullopt with `error` set otherwise.
  [[nodiscard]] std::optional<Outcome> parse(const std::string& text, std::string* error) const;

 private:
  std::vector<Issue> issues_;
  std::vector<std::uint64_t> strides_;  // stride of each issue in the dense index
  double size_ = 0.0;
  bool enumerable_ = false;
};

}  // namespace treatysim
