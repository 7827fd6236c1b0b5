// tune_command.cpp — `treatysim tune FILE`: optimise a strategy's numeric parameters, then
// compare the best parameters with the defaults on fresh seeds.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "engine/model/issue.hpp"
#include "engine/studies/tuning.hpp"
#include "frontend/batch.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_map.hpp"

namespace treatysim::cli {

namespace {

constexpr int kReportEvery = 10;  // a progress line every this many evaluations (and on news)

std::string fixed(double value, int decimals = 4) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string signed_fixed(double value) {
  return (value >= 0 ? "+" : "") + fixed(value);
}

std::string p_value_text(double p) {
  if (p < 0.001) return "p < 0.001";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "p = %.3f", p);
  return buffer;
}

std::string interval(const SampleSummary& s) {
  return fixed(s.mean) + "  95% CI [" + fixed(s.ci_low) + ", " + fixed(s.ci_high) + "]";
}

}  // namespace

int tune_command(const TuneOptions& options, std::ostream& out) {
  const agents::Registry& registry = agents::builtin_registry();
  // Under MPI every rank loads the files and runs the same search; a problem on any rank stops
  // them all alike.
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  std::optional<PreparedTune> prepared;
  job.collectively([&] {
    TuneDef def = load_tune_file(options.file);
    frontend::check_batch_strategies(def.study, registry);
    prepared.emplace(
        prepare_tune(std::move(def), registry, frontend::registry_parameter_lookup(registry)));
  });
  const PreparedTune& tune = *prepared;
  const StudyDef& study = tune.def.study;
  const std::string metric(metric_name(study.metric));

  std::string parameters;
  for (const TunedParameter& p : tune.parameters) {
    parameters += (parameters.empty() ? "" : ", ") + p.path + " in [" + format_number(p.min) +
                  ", " + format_number(p.max) + "]" + (p.integer ? " (whole)" : "");
  }
  const bool global = tune_algorithm_is_global(tune.def.algorithm);
  out << "Tuning " << study.name << ": " << parameters << "\n"
      << study_description(study, 100) << " (" << tune.plan.negotiation_count()
      << " negotiations per evaluation, the same seeds every time)\n"
      << "algorithm " << tune_algorithm_name(tune.def.algorithm)
      << (global ? " (global, then a Subplex polish from the best point)"
                 : " (local, restarted from the best point on plateaus)")
      << ", budget " << tune.def.evaluations << " evaluations; maximising "
      << (metric_higher_is_better(study.metric) ? metric : "−" + metric) << "\n\n";

  const auto progress = [&](const TuneStep& step) {
    if (step.improved || step.evaluation % kReportEvery == 0) {
      char head[48];
      std::snprintf(head, sizeof head, "eval %4d/%d  ", step.evaluation, step.budget);
      out << head << metric << " " << fixed(step.score) << "  best " << fixed(step.best_score)
          << "  " << (step.improved ? "new best " : "") << step.spec.to_string() << "\n";
    }
    if (options.progress) {
      std::cerr << "\rtune: evaluation " << step.evaluation << "/" << step.budget << ", best "
                << fixed(step.best_score) << std::flush;
    }
  };
  if (job.distributed() && job.root()) {
    std::cerr << "treatysim: " << mpi::describe_ranks(job, options.jobs) << "\n";
  }
  // Over MPI ranks: the pairings of each evaluation are the items, each rank playing on its
  // threads; every rank receives every score, so all follow the optimiser's one path.
  const TuneResult result =
      job.distributed() ? run_tuning(tune, registry, progress,
                                     mpi::rank_parallel_map(job, parallel_for_jobs(options.jobs)))
                        : run_tuning(tune, registry, progress, parallel_for_jobs(options.jobs));
  if (options.progress) std::cerr << "\n";

  const std::size_t fresh = tune.validation_plan.negotiation_count();
  out << "\nbest after " << result.evaluations << " evaluations: " << result.best_spec.to_string()
      << "  " << metric << " " << fixed(result.best_score) << " on the tuning seeds (defaults "
      << fixed(result.default_score) << ")\n\n"
      << "On fresh seeds (" << tune.def.validation_repetitions << " per pairing, " << fresh
      << " negotiations, disjoint from the tuning seeds):\n"
      << "  tuned     " << result.best_spec.to_string() << "\n"
      << "            " << metric << " " << interval(result.best_validation) << "\n"
      << "  defaults  " << tune.default_spec.to_string() << "\n"
      << "            " << metric << " " << interval(result.default_validation) << "\n";
  const PairedTest& t = result.comparison;
  out << "  difference " << signed_fixed(t.mean_difference);
  if (t.n >= 2 && std::isfinite(t.t)) {
    out << " (paired t-test over the " << t.n << " negotiations: t = " << fixed(t.t, 2) << ", "
        << p_value_text(t.p_value) << ")";
  } else {
    out << " (" << p_value_text(t.p_value) << ")";
  }
  out << "\n";
  return 0;
}

}  // namespace treatysim::cli
