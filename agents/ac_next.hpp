// ac_next.hpp — acceptance conditions from Baarslag, Hindriks & Jonker, "Effective acceptance
// conditions in multilateral negotiation", Decision Support Systems 60, 2014 (AC_next, AC_const,
// AC_time, AC_combi). One file per condition would be four near-empty files; they share this one
// because they are one family with one source. Every condition sits behind BoaAgent's guard: an
// offer worth less than the reservation value is never accepted.
//
// AC_next(a, b):        accept iff a·u(offer) + b ≥ u(next own bid). On the last offer there is no
//                       next bid: accept iff u(offer) ≥ reservation value (rejecting gives exactly
//                       that).
// AC_const(c):          accept iff u(offer) ≥ c.
// AC_time(t):           accept iff the normalised time of the offer is ≥ t.
// AC_combi(a, b, c, t): AC_next(a, b), or u(offer) ≥ c, or (time ≥ t and u(offer) ≥ the best own
//                       utility among the opponent's earlier offers): Baarslag's AC_combi(T, MAX)
//                       plus a constant.
//
// Parameters
// | condition | name | default | range     | meaning                                       |
// |-----------|------|---------|-----------|-----------------------------------------------|
// | ac_next   | a    | 1       | [0, 10]   | scale applied to the offer's utility          |
// | ac_next   | b    | 0       | [-1, 1]   | offset added to it                            |
// | ac_const  | c    | 0.8     | [0, 1]    | utility that is always enough                 |
// | ac_time   | t    | 0.99    | [0, 1]    | normalised time after which anything is taken |
// | ac_combi  | a, b | 1, 0    | as ac_next|                                               |
// | ac_combi  | c    | 1       | [0, 1]    | constant (1 = effectively off)                |
// | ac_combi  | t    | 0.98    | [0, 1]    | time after which "best so far" is enough      |
#pragma once

#include "agents/components.hpp"

namespace treatysim::agents {

class AcNext final : public AcceptanceCondition {
 public:
  AcNext(double a, double b) : a_(a), b_(b) {}
  void reset(const NegotiationContext&) override {}
  [[nodiscard]] bool accept(const AcceptanceInput& input) const override;

 private:
  double a_;
  double b_;
};

class AcConst final : public AcceptanceCondition {
 public:
  explicit AcConst(double c) : c_(c) {}
  void reset(const NegotiationContext&) override {}
  [[nodiscard]] bool accept(const AcceptanceInput& input) const override;

 private:
  double c_;
};

class AcTime final : public AcceptanceCondition {
 public:
  explicit AcTime(double t) : t_(t) {}
  void reset(const NegotiationContext&) override {}
  [[nodiscard]] bool accept(const AcceptanceInput& input) const override;

 private:
  double t_;
};

class AcCombi final : public AcceptanceCondition {
 public:
  AcCombi(double a, double b, double c, double t) : next_(a, b), c_(c), t_(t) {}
  void reset(const NegotiationContext&) override {}
  [[nodiscard]] bool accept(const AcceptanceInput& input) const override;

 private:
  AcNext next_;
  double c_;
  double t_;
};

}  // namespace treatysim::agents
