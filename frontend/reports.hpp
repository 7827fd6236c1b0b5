// reports.hpp — the human-readable text of results, the same in every front end: what the CLI
// prints and the Python package shows for print(result). Every number comes from the engine;
// these functions only lay it out.
#pragma once

#include <optional>
#include <string>

#include "engine/analysis/analysis.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/lifecycle_runs.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim {
struct ModelReport;       // engine/analysis/model_accuracy.hpp
struct PopulationResult;  // engine/studies/population.hpp (not included: its payoff_matrix.hpp
                          // overloads parse_tournament_summary with tournament_results.hpp's)
}  // namespace treatysim

namespace treatysim::frontend {

// A negotiation (`treatysim run`): a header (scenario, parties, strategies), a round-by-round
// table (who offered which clauses, both utilities, the response; a '*' marks a clause the
// proposer changed since its previous offer) and a summary of the result.
[[nodiscard]] std::string format_negotiation_text(const Trace& trace);

// The accuracy of each agent's opponent model (`treatysim run --model-report`): per agent with a
// model, its measures (Pearson, Kendall, mean absolute error, Pareto share, estimated reservation
// value and its error) after a selection of the opponent's offers (at most 12 rows, evenly
// spread, always the first and the last) and at the end.
[[nodiscard]] std::string format_model_report_text(const Trace& trace, const ModelReport& report);

// An analysis (`treatysim analyze`): outcomes, frontier, disagreement point, ZOPA, the four
// solutions with their clauses, for a scenario with drawn reservation values their distribution
// over the types (engine/analysis/type_analysis.hpp), the subgame-perfect equilibrium, and the
// metrics of `chosen`.
[[nodiscard]] std::string analysis_text(const Scenario& scenario, const ScenarioAnalysis& analysis,
                                        const std::optional<Outcome>& chosen = std::nullopt);

// A treaty's life (`treatysim simulate`): the dated timeline, what happened, every
// negotiation, compliance, trust and payoffs.
[[nodiscard]] std::string lifecycle_text(const Scenario& scenario, const LifecycleResult& result);

// The paths and final clauses over many seeds (`treatysim simulate --runs K`).
[[nodiscard]] std::string lifecycle_distribution_text(const Scenario& scenario,
                                                      const LifecycleDistribution& distribution);

// A tournament's ranking (mean utility, or mean advantage when the plan ranks by it, with its 95%
// CI and the plan's metrics: agreement, offers, welfare, distances, advantage, the opponent
// models' accuracy), the significance of adjacent ranks, and the payoff matrix (`treatysim
// tournament`, `merge`).
[[nodiscard]] std::string tournament_tables(const TournamentPlan& plan,
                                            const TournamentResults& results);

// Population dynamics and the meta-game of the payoff matrix read from `source` (`treatysim
// evolve`): the matrix, the symmetric equilibria, regrets, replicator and Moran shares, and the
// fixation probabilities.
[[nodiscard]] std::string population_text(const std::string& source,
                                          const PopulationResult& result);

}  // namespace treatysim::frontend
