#include "cli/study_setup.hpp"

#include "agents/registry.hpp"
#include "engine/studies/sweep.hpp"
#include "engine/studies/tuning.hpp"
#include "frontend/batch.hpp"

namespace treatysim::cli {

std::optional<std::string> validate_study_file(const std::string& file, const std::string& text) {
  const std::optional<StudyKind> kind = study_kind(text);
  if (!kind) return std::nullopt;
  const agents::Registry& registry = agents::builtin_registry();
  if (*kind == StudyKind::kSweep) {
    SweepDef def = parse_sweep(text, file);
    frontend::check_batch_strategies(def.study, registry);
    const PreparedSweep sweep =
        prepare_sweep(std::move(def), registry, frontend::registry_parameter_lookup(registry));
    return "sweep \"" + sweep.def.study.name + "\", " + std::to_string(sweep.point_count()) +
           " grid points, " + std::to_string(sweep.negotiation_count()) + " negotiations";
  }
  TuneDef def = parse_tune(text, file);
  frontend::check_batch_strategies(def.study, registry);
  const PreparedTune tune =
      prepare_tune(std::move(def), registry, frontend::registry_parameter_lookup(registry));
  return "tuning \"" + tune.def.study.name + "\", " + std::to_string(tune.parameters.size()) +
         (tune.parameters.size() == 1 ? " parameter, " : " parameters, ") +
         tune_algorithm_name(tune.def.algorithm) + ", " + std::to_string(tune.def.evaluations) +
         " evaluations of " + std::to_string(tune.plan.negotiation_count()) + " negotiations";
}

}  // namespace treatysim::cli
