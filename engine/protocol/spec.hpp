// spec.hpp — strategy specs: `name(param=value, ...)`.
//
// Grammar (white space allowed between tokens):
//   spec   := name [ "(" [ param { "," param } ] ")" ]
//   param  := name "=" value
//   value  := number | string | spec
//   name   := letter { letter | digit | "_" }
//   number := C-style decimal, e.g. 0.2, -1, 1e-3 (no inf or nan)
//   string := '"' { char | '\"' | '\\' } '"'
// Examples: `boulware`, `boulware(e=0.2)`,
// `boa(bidding=time_dependent(e=0.2), acceptance=ac_next(a=1, b=0))`.
// The spec is only syntax; what the names mean is the strategy registry's business.
// Limits (docs/reliability.md): at most kMaxSpecLength characters and kMaxSpecDepth levels of
// nested specs (the parser and every use of a spec recurse once per level; real specs nest 2).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace treatysim {

struct Spec;

inline constexpr std::size_t kMaxSpecLength = 4096;
inline constexpr std::size_t kMaxSpecDepth = 16;

// A parameter value: a number, a quoted string, or a nested spec.
struct SpecValue {
  enum class Kind { kNumber, kString, kSpec };
  Kind kind = Kind::kNumber;
  double number = 0.0;
  std::string text;        // kString
  std::vector<Spec> spec;  // kSpec: exactly one element

  [[nodiscard]] static SpecValue of_number(double value);
  [[nodiscard]] static SpecValue of_string(std::string value);
  [[nodiscard]] static SpecValue of_spec(Spec value);
  // Canonical text: shortest round-trip number, quoted string, or nested spec.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const SpecValue&, const SpecValue&);
};

struct SpecParameter {
  std::string name;
  SpecValue value;
  friend bool operator==(const SpecParameter&, const SpecParameter&) = default;
};

struct Spec {
  std::string name;
  std::vector<SpecParameter> parameters;  // in the order written

  // The value given for `name`, or nullptr.
  [[nodiscard]] const SpecValue* find(std::string_view parameter) const noexcept;
  // Canonical text: `name` alone without parameters, else `name(p=v, q=w)`.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Spec&, const Spec&) = default;
};

// Parses a spec; throws UserError ("agent spec \"…\": at column N: expected …") when malformed,
// longer than kMaxSpecLength or nested deeper than kMaxSpecDepth.
[[nodiscard]] Spec parse_spec(std::string_view text);

}  // namespace treatysim
