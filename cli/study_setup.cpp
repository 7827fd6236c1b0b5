#include "cli/study_setup.hpp"

#include <filesystem>
#include <memory>
#include <vector>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "engine/model/user_error.hpp"
#include "engine/studies/sweep.hpp"
#include "engine/studies/tuning.hpp"

namespace treatysim::cli {

namespace {

std::string numeric_parameters(const agents::StrategyInfo& info) {
  std::string list;
  for (const agents::ParameterInfo& p : info.parameters) {
    if (p.type == agents::ParameterType::kNumber || p.type == agents::ParameterType::kInteger) {
      list += (list.empty() ? "" : ", ") + p.name;
    }
  }
  return list.empty() ? "none" : list;
}

}  // namespace

ParameterRange registry_parameter_range(const agents::Registry& registry, const Spec& strategy,
                                        const std::string& path) {
  Spec spec = strategy;
  std::optional<agents::ComponentKind> kind = agents::ComponentKind::kNegotiator;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string name = path.substr(start, dot == std::string::npos ? dot : dot - start);
    const agents::StrategyInfo* info = nullptr;
    static_cast<void>(registry.resolve(spec, &info, kind));
    const agents::ParameterInfo* parameter = nullptr;
    for (const agents::ParameterInfo& p : info->parameters) {
      if (p.name == name) parameter = &p;
    }
    if (dot == std::string::npos) {
      const bool numeric =
          parameter != nullptr && (parameter->type == agents::ParameterType::kNumber ||
                                   parameter->type == agents::ParameterType::kInteger);
      if (!numeric) {
        throw UserError(info->name + " has no numeric parameter \"" + name +
                        "\" (its numeric parameters: " + numeric_parameters(*info) + ")");
      }
      const SpecValue* written = spec.find(name);
      const double value = written != nullptr && written->kind == SpecValue::Kind::kNumber
                               ? written->number
                               : parameter->default_number;
      return {parameter->min, parameter->max, value,
              parameter->type == agents::ParameterType::kInteger};
    }
    if (parameter == nullptr || parameter->type != agents::ParameterType::kSpec) {
      throw UserError(info->name + " has no parameter \"" + name + "\" that takes a spec");
    }
    const SpecValue* written = spec.find(name);
    if (written == nullptr || written->kind != SpecValue::Kind::kSpec) {
      throw UserError("write the nested spec of \"" + name + "\" in the strategy (e.g. " +
                      info->name + "(" + name + "=" + parameter->default_text +
                      ")) to vary its parameters");
    }
    const Spec nested = written->spec.front();
    spec = nested;
    kind = parameter->spec_kind;
    start = dot + 1;
  }
}

ParameterLookup builtin_parameter_lookup() {
  return [](const Spec& strategy, const std::string& path) {
    return registry_parameter_range(agents::builtin_registry(), strategy, path);
  };
}

void check_batch_strategies(const StudyDef& study) {
  const agents::Registry& registry = agents::builtin_registry();
  const auto check = [&](const Spec& spec, const std::string& key, const SourceLocation& at) {
    try {
      static_cast<void>(registry.resolve(spec, nullptr, agents::ComponentKind::kNegotiator));
      if (registry.traits(spec).interactive) {
        throw UserError(spec.to_string() +
                        " is played by a person, so it cannot take part in a batch run");
      }
    } catch (const UserError& e) {
      if (!e.location().file.empty()) throw;
      throw UserError(at, key, e.message());
    }
  };
  check(study.strategy, study.table + ".strategy", study.strategy_at);
  for (std::size_t i = 0; i < study.opponents.size(); ++i) {
    check(study.opponents[i], study.table + ".opponents[" + std::to_string(i) + "]",
          study.opponent_at[i]);
  }
}

std::string study_metric_label(const StudyDef& study) {
  switch (study.metric) {
    case Metric::kUtility:
      return "mean utility of " + study.strategy.name + " (discounted)";
    case Metric::kAgreementRate:
      return "agreement rate";
    case Metric::kSocialWelfare:
      return "mean social welfare (sum of utilities)";
    case Metric::kDistanceToNash:
      return "mean distance to the Nash point";
  }
  return "";
}

std::string study_description(const StudyDef& study, std::size_t max_opponents) {
  std::string opponents;
  for (std::size_t i = 0; i < study.opponents.size(); ++i) {
    if (i == max_opponents) {
      opponents += " +" + std::to_string(study.opponents.size() - i) + " more";
      break;
    }
    opponents += (i == 0 ? "" : ", ") + study.opponents[i].to_string();
  }
  std::string scenarios;
  for (const std::string& path : study.scenarios) {
    scenarios += (scenarios.empty() ? "" : ", ") + std::filesystem::path(path).stem().string();
  }
  return study.strategy.to_string() + " vs " + opponents + " · " + scenarios + " · " +
         (study.roles == "both" ? std::string("both roles") : "as " + study.roles) + " · " +
         std::to_string(study.repetitions) + " seeds per pairing";
}

std::optional<std::string> validate_study_file(const std::string& file, const std::string& text) {
  const std::optional<StudyKind> kind = study_kind(text);
  if (!kind) return std::nullopt;
  const agents::Registry& registry = agents::builtin_registry();
  if (*kind == StudyKind::kSweep) {
    SweepDef def = parse_sweep(text, file);
    check_batch_strategies(def.study);
    const PreparedSweep sweep = prepare_sweep(std::move(def), registry, builtin_parameter_lookup());
    return "sweep \"" + sweep.def.study.name + "\", " + std::to_string(sweep.point_count()) +
           " grid points, " + std::to_string(sweep.negotiation_count()) + " negotiations";
  }
  TuneDef def = parse_tune(text, file);
  check_batch_strategies(def.study);
  const PreparedTune tune = prepare_tune(std::move(def), registry, builtin_parameter_lookup());
  return "tuning \"" + tune.def.study.name + "\", " + std::to_string(tune.parameters.size()) +
         (tune.parameters.size() == 1 ? " parameter, " : " parameters, ") +
         tune_algorithm_name(tune.def.algorithm) + ", " + std::to_string(tune.def.evaluations) +
         " evaluations of " + std::to_string(tune.plan.negotiation_count()) + " negotiations";
}

ParallelFor parallel_for_jobs(int jobs) {
  if (jobs == 1) return {};
  auto arena = std::make_shared<oneapi::tbb::task_arena>(
      jobs > 0 ? jobs : static_cast<int>(oneapi::tbb::task_arena::automatic));
  return [arena](std::size_t count, const std::function<void(std::size_t)>& body) {
    arena->execute(
        [&] { oneapi::tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) { body(i); }); });
  };
}

}  // namespace treatysim::cli
