// issue.hpp — a clause on the table: an ordered list of options.
//
// An issue is either discrete (options with an id, a short label and a one-line description,
// ordered as the scenario file lists them) or numeric (a range [min, max] discretised to N
// evenly spaced levels; level i has option id "i" and value min + i·(max−min)/(N−1)).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace treatysim {

// One option of an issue.
struct Option {
  std::string id;           // unique within its issue, e.g. "S0"
  std::string label;        // short, for tables: "basic research only"
  std::string description;  // one line for a reader; may be empty

  friend bool operator==(const Option&, const Option&) = default;
};

// The range of a numeric issue.
struct NumericRange {
  double min = 0.0;
  double max = 1.0;
  int levels = 2;  // ≥ 2

  // The value of level `level` (0-based): min + level·(max−min)/(levels−1).
  [[nodiscard]] double value(int level) const noexcept;

  friend bool operator==(const NumericRange&, const NumericRange&) = default;
};

// A clause: id, label, description and its options. For a numeric issue `options` holds the
// generated levels (ids "0" … "N-1", labels the level values) and `range` is set.
struct Issue {
  std::string id;
  std::string label;
  std::string description;
  std::vector<Option> options;
  bool numeric = false;
  NumericRange range;  // meaningful only when numeric

  [[nodiscard]] std::size_t size() const noexcept { return options.size(); }
  // Index of the option with this id, or -1.
  [[nodiscard]] int find_option(const std::string& option_id) const noexcept;

  // A numeric issue with its levels generated.
  [[nodiscard]] static Issue make_numeric(std::string id, std::string label,
                                          std::string description, NumericRange range);

  friend bool operator==(const Issue&, const Issue&) = default;
};

// Shortest decimal text that reads back as the same double ("0.1", "1e-09", "3").
[[nodiscard]] std::string format_number(double value);
// A count held in a double (an outcome space's size) as a whole number ("100000"), or as
// format_number gives it once it is too large for every digit to be exact (≥ 9e15).
[[nodiscard]] std::string format_count(double count);

// A utility rounded to 12 significant digits for output (traces, CSV): sums of weight × value
// carry floating-point noise (0.04 comes out as 0.040000000000000036), which 12 digits remove
// while keeping far more precision than the 1e-9 tolerance needs.
[[nodiscard]] double round_for_output(double value);

}  // namespace treatysim
