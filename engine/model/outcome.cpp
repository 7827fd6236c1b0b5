#include "engine/model/outcome.hpp"

#include <ostream>

#include "engine/model/check.hpp"
#include "engine/model/random.hpp"

namespace treatysim {

Outcome::Outcome(std::size_t issue_count) : size_(static_cast<std::uint8_t>(issue_count)) {
  TREATYSIM_CHECK(issue_count <= kMaxIssues, "an outcome holds at most kMaxIssues issues");
}

Outcome::Outcome(std::initializer_list<int> options) : Outcome(options.size()) {
  std::size_t issue = 0;
  for (const int option : options) {
    TREATYSIM_CHECK(option >= 0 && option <= 0xFFFF, "option index out of range");
    set(issue++, option);
  }
}

std::strong_ordering operator<=>(const Outcome& a, const Outcome& b) noexcept {
  const std::size_t common = std::min(a.size_, b.size_);
  for (std::size_t i = 0; i < common; ++i) {
    if (a.options_[i] != b.options_[i]) return a.options_[i] <=> b.options_[i];
  }
  return a.size_ <=> b.size_;
}

std::string Outcome::to_string() const {
  std::string text;
  for (std::size_t i = 0; i < size_; ++i) {
    if (i > 0) text += '/';
    text += std::to_string(options_[i]);
  }
  return text;
}

std::size_t Outcome::hash() const noexcept {
  std::uint64_t h = mix64(size_);
  for (std::size_t i = 0; i < size_; ++i) h = mix64(h ^ options_[i]);
  return static_cast<std::size_t>(h);
}

std::ostream& operator<<(std::ostream& out, const Outcome& outcome) {
  return out << outcome.to_string();
}

}  // namespace treatysim
