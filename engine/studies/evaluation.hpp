// evaluation.hpp — scoring one strategy spec against a fixed opponent population: the core of
// `treatysim sweep` and `treatysim tune`.
//
// An EvaluationPlan fixes everything but the candidate: the scenarios (each with its analysis
// and the roles the candidate plays there), the opponents, and the seeds. Every candidate meets
// every opponent on every scenario in every role once per seed, and every candidate gets the
// same seeds (common random numbers): two candidates differ only by their own play, so a
// difference between their scores is not noise from different draws, and evaluating the same
// spec twice gives the same score. The score is the mean of a metric over these negotiations;
// its 95% confidence interval treats the negotiations as one sample (Student t, n − 1 degrees
// of freedom).
//
// The engine never names a strategy: specs are played through the AgentFactory the front end
// passes in. A ParallelFor, when given, runs blocks of at most kSeedsPerBlock seeds of one
// pairing (scenario × role × opponent) on threads; each writes its own slots, so the result is
// the same for any number of threads (and the same as one runner playing every seed: agents are
// reset before each negotiation).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/studies/match.hpp"
#include "engine/studies/parallel.hpp"
#include "engine/studies/parallel_map.hpp"
#include "engine/studies/statistics.hpp"

namespace treatysim {

// What a candidate is scored on, per negotiation it plays.
enum class Metric {
  kUtility,         // its own discounted utility (its reservation value without agreement)
  kAgreementRate,   // 1 for an agreement, 0 otherwise
  kSocialWelfare,   // the sum of both discounted utilities
  kDistanceToNash,  // distance of the utility pair reached to the Nash point (lower is better)
};
inline constexpr std::size_t kMetricCount = 4;

// The metric's name in files and output: utility, agreement_rate, social_welfare,
// distance_to_nash.
[[nodiscard]] std::string_view metric_name(Metric metric) noexcept;
// The metric with this name, or nullopt.
[[nodiscard]] std::optional<Metric> parse_metric(std::string_view name) noexcept;
// False for distance_to_nash (smaller is better), true for the others.
[[nodiscard]] bool metric_higher_is_better(Metric metric) noexcept;
// "utility, agreement_rate, social_welfare, distance_to_nash" (for messages).
[[nodiscard]] std::string metric_names();

// One scenario of a plan, with its analysis and the parties the candidate plays there.
struct EvaluationScenario {
  Scenario scenario;
  ScenarioAnalysis analysis;
  std::vector<PartyIndex> roles;  // non-empty, each once, in increasing order
};

// Everything but the candidate. Pairing k (scenario s, role r, opponent o) plays every seed.
struct EvaluationPlan {
  std::vector<EvaluationScenario> scenarios;
  std::vector<Spec> opponents;       // each plays the other party
  std::vector<std::uint64_t> seeds;  // the common random numbers

  // Number of negotiations one evaluation plays.
  [[nodiscard]] std::size_t negotiation_count() const noexcept;
};

// The most seeds of one pairing an evaluation plays as one unit of work (a body of the
// ParallelFor): small enough for the threads to share uneven pairings and for a stop (Ctrl-C
// in a front end) to take effect quickly, large enough that making the agents costs little.
inline constexpr std::size_t kSeedsPerBlock = 64;

// The scores of one candidate: per-negotiation values of every metric, in plan order (scenario,
// role, opponent, seed). distance_to_nash leaves out negotiations on scenarios without a Nash
// point.
struct Evaluation {
  std::array<std::vector<double>, kMetricCount> values;

  // Mean, sd and 95% interval of one metric over the negotiations.
  [[nodiscard]] SampleSummary summary(Metric metric) const;
  // The mean of one metric (0 when it has no value).
  [[nodiscard]] double mean(Metric metric) const;
};

// Checks that `candidate` can play every role of every scenario (factory.check); throws
// UserError naming the scenario, the party and the spec.
void check_candidate(const EvaluationPlan& plan, const AgentFactory& factory,
                     const Spec& candidate);

// Checks that opponent `index` can play the other party of every role of every scenario; throws
// UserError naming the scenario, the party and the spec.
void check_opponent(const EvaluationPlan& plan, const AgentFactory& factory, std::size_t index);

// Plays the plan with `candidate` (checked beforehand with check_candidate and
// check_opponent) and collects the scores.
// Without `parallel`, the pairings run one after another.
[[nodiscard]] Evaluation evaluate(const EvaluationPlan& plan, const AgentFactory& factory,
                                  const Spec& candidate, const ParallelFor& parallel = {});

// The same, with the work spread by `map` (an item: a block of at most kSeedsPerBlock seeds of
// one pairing, its records encoded as bytes), e.g. over the ranks of an MPI job. The scores are
// the same bytes as evaluate's above for any map.
[[nodiscard]] Evaluation evaluate(const EvaluationPlan& plan, const AgentFactory& factory,
                                  const Spec& candidate, const ParallelMap& map);

// The pairings of a plan: scenario × role × opponent.
[[nodiscard]] std::size_t evaluation_pairing_count(const EvaluationPlan& plan) noexcept;
// The blocks each pairing's seeds are cut into (kSeedsPerBlock seeds each, the last fewer).
[[nodiscard]] std::size_t evaluation_blocks_per_pairing(const EvaluationPlan& plan) noexcept;
// The number of items evaluate hands to its map: pairings × blocks per pairing.
[[nodiscard]] std::size_t evaluation_item_count(const EvaluationPlan& plan) noexcept;

// The seeds of a plan: derive_seed(base, purpose, i) for i = 0 … count − 1. Sweeps and tuning
// runs use the purpose "evaluation"; a tuning run's fresh validation seeds use "validation".
[[nodiscard]] std::vector<std::uint64_t> plan_seeds(std::uint64_t base, std::string_view purpose,
                                                    std::size_t count);

// A copy of `spec` with the numeric parameter at `path` set to `value`. The path is a parameter
// name ("e"), or names through nested specs ("bidding.e": the parameter e of the spec written
// as the parameter bidding). Throws UserError when a nested spec on the path is not written in
// `spec`, or a parameter on the path holds something else than expected.
[[nodiscard]] Spec with_number(const Spec& spec, std::string_view path, double value);

// The numeric value written at `path` in `spec`, or nullopt when it is not written.
[[nodiscard]] std::optional<double> written_number(const Spec& spec, std::string_view path);

}  // namespace treatysim
