// always.hpp — the unconditional compliance policies: always_comply (honour every period) and
// always_exploit (exploit every period). Axelrod 1984's ALL-C and ALL-D.
//   always_comply: a_t = C for every period t;   always_exploit: a_t = D for every t.
// Parameters: none.
#pragma once

#include "engine/model/compliance.hpp"

namespace treatysim::agents {

class AlwaysPolicy final : public CompliancePolicy {
 public:
  explicit AlwaysPolicy(Move move) : move_(move) {}
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory&) override { return move_; }

 private:
  Move move_;
};

}  // namespace treatysim::agents
