// study_file.hpp — sweep and tuning files (TOML): what `treatysim sweep` and `treatysim tune`
// read, parsed and checked with the same located errors as scenario files.
//
// Both kinds share the keys that say how a strategy is scored (docs/file-formats.md):
//   strategy     the strategy spec under study, e.g. "boulware" or "boulware(k=0.1)"; the
//                parameters it writes are fixed, the studied ones are set on top
//   opponents    its fixed opponents, e.g. ["conceder", "linear", "hardliner"] (non-empty)
//   scenarios    scenario files (TOML), relative to this file's folder (non-empty)
//   roles        "both" (default: the strategy plays each party in turn) or a party id
//   repetitions  seeds per pairing (default 10, 1 … 100000): the same seeds for every candidate
//   seed         base seed (default 1); the seeds are derive_seed(seed, "evaluation", i)
//   metric       utility (default) | agreement_rate | social_welfare | distance_to_nash
//   deadline     optional: overrides every scenario's deadline (offers)
//   name         optional title of the chart and report (default: the file name without .toml)
// A sweep file has a [sweep] table with these keys and one or two [[sweep.axes]]:
//   parameter    a numeric parameter of the strategy ("e", or "bidding.e" inside a nested spec
//                that the strategy writes), or of the scenarios: "scenario.PARTY.reservation",
//                "scenario.PARTY.discount", "scenario.PARTY.weights.ISSUE"
//   values       the grid, e.g. [0.1, 0.2, 0.5]  — or —  from, to, steps (≥ 2 points, ends
//                included) and scale = "linear" (default) | "log" (from > 0; the points
//                between the ends rounded to 3 significant digits)
// A tuning file has a [tune] table with these keys and:
//   parameters   the numeric parameters to optimise, e.g. ["e", "k"] (strategy parameters only)
//   bounds       optional inline table narrowing the registry's ranges: { e = [0.05, 2] }
//   algorithm    crs2 (default) | isres | bobyqa | sbplx | neldermead
//   evaluations  the optimiser's budget of evaluations (default 100, 2 … 100000)
//   validation_repetitions  fresh seeds per pairing for the final comparison (default 50),
//                derive_seed(seed, "validation", i): disjoint from the tuning seeds
// Unknown keys are errors (they are usually typos).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/studies/evaluation.hpp"

namespace treatysim {

// The keys both kinds of file share.
struct StudyDef {
  std::string file;   // the path as given
  std::string table;  // "sweep" or "tune": the prefix of keys in messages
  std::string name;   // title
  Spec strategy;
  SourceLocation strategy_at;
  std::vector<Spec> opponents;
  std::vector<SourceLocation> opponent_at;
  std::vector<std::string> scenarios;  // paths, resolved against the file's folder
  std::vector<SourceLocation> scenario_at;
  std::string roles = "both";  // "both" or a party id
  SourceLocation roles_at;
  std::optional<int> deadline;
  SourceLocation deadline_at;
  std::size_t repetitions = 10;
  std::uint64_t seed = 1;
  Metric metric = Metric::kUtility;
};

// One axis of a sweep: a parameter and its grid, in the order the values are visited.
struct SweepAxis {
  std::string parameter;
  std::vector<double> values;
  bool log_scale = false;  // from scale = "log" (charts use a logarithmic axis)
  SourceLocation at;       // of the axis's parameter key
};

struct SweepDef {
  StudyDef study;
  std::vector<SweepAxis> axes;  // one or two
};

// The NLopt algorithms a tuning file may choose.
enum class TuneAlgorithm { kCrs2, kIsres, kBobyqa, kSubplex, kNelderMead };
// The algorithm's name in files: crs2, isres, bobyqa, sbplx, neldermead.
[[nodiscard]] const char* tune_algorithm_name(TuneAlgorithm algorithm) noexcept;
// True for the global ones (crs2, isres).
[[nodiscard]] bool tune_algorithm_is_global(TuneAlgorithm algorithm) noexcept;

// A narrowed range for one tuned parameter.
struct TuneBound {
  std::string parameter;
  double min = 0.0;
  double max = 0.0;
  SourceLocation at;
};

struct TuneDef {
  StudyDef study;
  std::vector<std::string> parameters;
  SourceLocation parameters_at;
  std::vector<TuneBound> bounds;
  TuneAlgorithm algorithm = TuneAlgorithm::kCrs2;
  int evaluations = 100;
  std::size_t validation_repetitions = 50;
};

// Which kind of study file a text is.
enum class StudyKind { kSweep, kTune };

// kSweep for TOML text with a top-level [sweep] table, kTune for one with [tune]; nullopt for
// anything else (including text that is not valid TOML).
[[nodiscard]] std::optional<StudyKind> study_kind(const std::string& text);

// Parses a sweep file's text (`source_name` stands for the file in messages; scenario paths are
// resolved against its folder). Throws UserError naming the line, the key and what was expected.
[[nodiscard]] SweepDef parse_sweep(const std::string& text, const std::string& source_name);
// Reads and parses a sweep file.
[[nodiscard]] SweepDef load_sweep_file(const std::string& path);

// Parses a tuning file's text, as parse_sweep.
[[nodiscard]] TuneDef parse_tune(const std::string& text, const std::string& source_name);
// Reads and parses a tuning file.
[[nodiscard]] TuneDef load_tune_file(const std::string& path);

// The axis label of a study's metric, e.g. "mean utility of boulware (discounted)".
[[nodiscard]] std::string study_metric_label(const StudyDef& study);

// One line on what a study plays: "boulware vs conceder, linear · sta-2024 · both roles · 20
// seeds per pairing", listing at most `max_opponents` opponents ("+2 more").
[[nodiscard]] std::string study_description(const StudyDef& study, std::size_t max_opponents);

}  // namespace treatysim
