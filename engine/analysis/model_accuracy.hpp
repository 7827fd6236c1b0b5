// model_accuracy.hpp — how well an agent's opponent model guessed the other side.
//
// The measures of Baarslag, Hendrikx, Hindriks & Jonker, "Predicting the performance of opponent
// models in automated negotiation" (WI-IAT 2013; and the survey in JAAMAS 30, 2016), computed
// once, here, for every front end (run --model-report, traces, tournaments, the window). The
// agent's model is read through Agent::estimated_utility / estimated_reservation. With the
// modelled (opponent) party q, the modelling party p, true utilities u_q, the estimate û_q, over
// the measured outcomes ω₁ … ω_n:
//   pearson       Pearson's r of (û_q(ωᵢ), u_q(ωᵢ)); absent when either side is constant
//   kendall       Kendall's τ-b of the two rankings, ties counted (Knight's O(n log n) algorithm;
//                 values are compared after rounding to 1e-9); absent when either is constant
//   mae           the mean absolute error (1/n)·Σ|û_q(ωᵢ) − u_q(ωᵢ)|
//   pareto        the share of the true Pareto-frontier outcomes (u_p, u_q) of the measured set
//                 that are also Pareto-optimal under (u_p, û_q): 1 = the estimate finds them all
//   reservation   |r̂_q − r_q|, the estimated against the true (drawn) reservation value, when the
//                 model estimates one
// The measured outcomes: all of them when the space has at most kMaxMeasuredOutcomes (10,000);
// otherwise 10,000 outcomes drawn uniformly with replacement (each issue's option uniform and
// independent) from derive_seed(0, "accuracy-sample", q) — the same sample for every negotiation
// of the scenario, so numbers are comparable across negotiations and independent of threads.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/analysis/pareto.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim {

// The largest number of outcomes measured (larger spaces are sampled).
inline constexpr std::uint64_t kMaxMeasuredOutcomes = 10'000;

// The accuracy of one estimate.
struct ModelAccuracy {
  std::optional<double> pearson;
  std::optional<double> kendall;
  double mean_absolute_error = 0.0;
  double pareto_share = 0.0;
  std::optional<double> estimated_reservation;  // when the model estimates one
  std::optional<double> reservation_error;      // |estimated − true|, with it

  friend bool operator==(const ModelAccuracy&, const ModelAccuracy&) = default;
};

// The outcomes accuracy is measured on for an agent of party `modeller` (modelling the other
// party), with both true utilities and the true frontier of the measured set. Build it once per
// scenario and side; measuring is then O(n log n).
class AccuracyBasis {
 public:
  AccuracyBasis(const Scenario& scenario, PartyIndex modeller);

  [[nodiscard]] PartyIndex modeller() const noexcept { return modeller_; }
  [[nodiscard]] PartyIndex modelled() const noexcept { return other_party(modeller_); }
  // The measured outcomes (all, or the sample).
  [[nodiscard]] const std::vector<Outcome>& outcomes() const noexcept { return outcomes_; }
  // True when outcomes() is a sample of a larger space.
  [[nodiscard]] bool sampled() const noexcept { return sampled_; }
  // The modeller's and the modelled party's true utilities of outcomes()[k].
  [[nodiscard]] const std::vector<double>& own_utilities() const noexcept { return own_; }
  [[nodiscard]] const std::vector<double>& true_utilities() const noexcept { return truth_; }
  // Positions in outcomes() of the true frontier (increasing).
  [[nodiscard]] const std::vector<std::size_t>& true_frontier() const noexcept { return frontier_; }

 private:
  PartyIndex modeller_;
  std::vector<Outcome> outcomes_;
  bool sampled_ = false;
  std::vector<double> own_;
  std::vector<double> truth_;
  std::vector<std::size_t> frontier_;
};

// Pearson's r of two equally long series; nullopt when either has no variance (or n < 2).
[[nodiscard]] std::optional<double> pearson_correlation(const std::vector<double>& x,
                                                        const std::vector<double>& y);
// Kendall's τ-b with ties (Knight 1966, O(n log n)); values compared after rounding to 1e-9.
// nullopt when either series is constant (or n < 2).
[[nodiscard]] std::optional<double> kendall_tau_b(const std::vector<double>& x,
                                                  const std::vector<double>& y);

// The measures of an estimate given as one value per basis.outcomes()[k].
[[nodiscard]] ModelAccuracy measure_accuracy(const AccuracyBasis& basis,
                                             const std::vector<double>& estimate,
                                             std::optional<double> estimated_reservation,
                                             double true_reservation);
// The measures of an agent's model now; nullopt when the agent reports no estimate.
[[nodiscard]] std::optional<ModelAccuracy> measure_agent(const AccuracyBasis& basis,
                                                         const Agent& agent,
                                                         double true_reservation);

// One point of a model's accuracy curve: after the agent answered offer `offer_index`.
struct AccuracyPoint {
  int offer_index = 0;
  ModelAccuracy accuracy;
};

// What --model-report says about a negotiation: per party whose agent has a model, its accuracy
// after each opponent offer it answered, and at the end.
struct ModelReport {
  bool sampled = false;
  std::size_t outcomes = 0;  // measured outcomes
  std::array<bool, kPartyCount> has_model{};
  std::array<std::vector<AccuracyPoint>, kPartyCount> curves;  // [modeller]
  std::array<std::optional<ModelAccuracy>, kPartyCount> final_accuracy;
};

// Records the accuracy curves while a negotiation runs: pass it as (part of) the negotiation's
// listener; after each response, the responder's model is measured. The agents and the bases
// must outlive it.
class AccuracyRecorder final : public EventListener {
 public:
  AccuracyRecorder(const std::array<const AccuracyBasis*, kPartyCount>& bases,
                   const std::array<const Agent*, kPartyCount>& agents,
                   const std::array<double, kPartyCount>& reservation_values);
  void on_event(const Event& event) override;
  // The report so far; final_accuracy measured now.
  [[nodiscard]] ModelReport report() const;
  // The report so far without the final measurement (curves and has_model only): cheap.
  [[nodiscard]] const ModelReport& partial() const noexcept { return report_; }

 private:
  std::array<const AccuracyBasis*, kPartyCount> bases_;
  std::array<const Agent*, kPartyCount> agents_;
  std::array<double, kPartyCount> reservations_;
  ModelReport report_;
};

// Runs one negotiation like run_traced, also recording the model report.
struct TracedReport {
  Trace trace;
  ModelReport report;
};
[[nodiscard]] TracedReport run_traced_with_models(const Scenario& scenario,
                                                  const std::array<Spec, kPartyCount>& specs,
                                                  std::uint64_t seed, const AgentFactory& factory);

// {"sampled", "outcomes", "<party id>": {"models": other id, "final": {...}, "curve": [...]}}
// for the parties with a model; numbers rounded with round_for_output, absent measures null.
[[nodiscard]] nlohmann::ordered_json model_report_to_json(const Scenario& scenario,
                                                          const ModelReport& report);
// {"pearson", "kendall", "mae", "pareto", "estimated_reservation", "reservation_error"}.
[[nodiscard]] nlohmann::ordered_json model_accuracy_to_json(const ModelAccuracy& accuracy);

}  // namespace treatysim
