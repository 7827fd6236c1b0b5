// compliance.hpp — the compliance stage game played while the treaty is in force (Axelrod 1984).
//
// Every period (a quarter by default) each party honours (C) or exploits (D) the clauses in force.
// The payoffs come from the clauses. Let b ∈ [0, 1] be the breadth of cooperation (the scope
// clause) and s ∈ [0, 1] the strength of protection (the mean of the IP, data and guardrail
// clauses' strengths), with σ = 0.5 + b and π = 1.5 − s (both 1 for neutral clauses b = s = ½).
// With base prisoner's-dilemma payoffs T > R > P > S:
//   both honour        R(b)    = R·σ                       each
//   both exploit       P(b)    = P·σ                       each
//   I exploit, you honour: I get T(b,s) = R·σ + (T − R)·σ·π  (the gain grows with what is shared
//                      you get S(b,s) = R·σ − (R − S)·σ·π    and shrinks with protection; the
//                                                            victim loses what it invested)
// With neutral clauses (σ = π = 1) the stage game is exactly the base prisoner's dilemma.
// A violation is detected with probability q = min(1, detection_base + detection_gain·d), d the
// mean strength of the data and guardrail clauses; a detected violation lowers the victim's trust
// and, when the dispute clause's strength is at least dispute_threshold, costs the violator a
// penalty = penalty·strength.
//
// Equilibrium conditions of the infinitely repeated game with continuation weight δ (Axelrod
// 1984): grim trigger sustains cooperation iff δ ≥ (T−R)/(T−P); tit-for-tat is a Nash equilibrium
// iff δ ≥ max((T−R)/(T−P), (T−R)/(R−S)). With 5, 3, 1, 0: 0.5 and 2/3.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <cstddef>

namespace treatysim {

enum class Move : unsigned char { kHonour, kExploit };

struct StagePayoffs {
  double temptation = 5.0;  // T
  double reward = 3.0;      // R
  double punishment = 1.0;  // P
  double sucker = 0.0;      // S

  friend bool operator==(const StagePayoffs&, const StagePayoffs&) = default;
};

// The stage game of clauses with breadth b and protection s, from base payoffs (formulas above).
[[nodiscard]] StagePayoffs clause_payoffs(const StagePayoffs& base, double breadth,
                                          double protection) noexcept;

// Payoffs (party 0, party 1) of one period.
[[nodiscard]] std::array<double, 2> stage_outcome(const StagePayoffs& payoffs, Move move0,
                                                  Move move1) noexcept;

// δ from which grim trigger sustains mutual cooperation: (T−R)/(T−P).
[[nodiscard]] double grim_trigger_threshold(const StagePayoffs& payoffs) noexcept;
// δ from which tit-for-tat against itself is an equilibrium: max((T−R)/(T−P), (T−R)/(R−S)).
[[nodiscard]] double tit_for_tat_threshold(const StagePayoffs& payoffs) noexcept;

// What a policy sees: every earlier period's moves, its own first.
struct ComplianceHistory {
  std::vector<std::array<Move, 2>> periods;  // [own move, other's move] per period
};

// A compliance policy (agents/ implements them; the engine never names one).
class CompliancePolicy {
 public:
  virtual ~CompliancePolicy() = default;
  // Starts a new relationship with its own random stream.
  virtual void reset(std::uint64_t seed) = 0;
  // The move for the next period.
  [[nodiscard]] virtual Move choose(const ComplianceHistory& history) = 0;
};

// Plays two policies against each other for `periods` periods with the same stage payoffs
// (perfect monitoring) and returns the total payoffs: the worked examples of THEORY.md.
[[nodiscard]] std::array<double, 2> play_repeated(CompliancePolicy& policy0,
                                                  CompliancePolicy& policy1,
                                                  const StagePayoffs& payoffs, int periods,
                                                  std::uint64_t seed);

}  // namespace treatysim
