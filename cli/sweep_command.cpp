// sweep_command.cpp — `treatysim sweep FILE`: a grid over one or two parameters, written as a
// CSV and a chart (a line with its confidence band, or a heat map).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "charts/svg.hpp"
#include "cli/commands.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/issue.hpp"
#include "engine/studies/sweep.hpp"
#include "frontend/batch.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_map.hpp"

namespace treatysim::cli {

namespace {

std::string fixed(double value, int decimals = 4) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

}  // namespace

int sweep_command(const SweepOptions& options, std::ostream& out) {
  const agents::Registry& registry = agents::builtin_registry();
  // Under MPI every rank loads the files; a problem on any rank stops them all alike.
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  std::optional<PreparedSweep> prepared;
  job.collectively([&] {
    SweepDef def = load_sweep_file(options.file);
    frontend::check_batch_strategies(def.study, registry);
    prepared.emplace(
        prepare_sweep(std::move(def), registry, frontend::registry_parameter_lookup(registry)));
  });
  const PreparedSweep& sweep = *prepared;
  const StudyDef& study = sweep.def.study;
  const std::string stem = std::filesystem::path(options.file).stem().string();
  const std::string csv_path = options.csv.empty() ? stem + ".csv" : options.csv;
  const std::string svg_path = options.svg.empty() ? stem + ".svg" : options.svg;
  if (std::filesystem::path(csv_path).lexically_normal() ==
      std::filesystem::path(svg_path).lexically_normal()) {
    throw UserError("--csv and --svg: both name " + csv_path +
                    "; the chart would overwrite the table (give two files)");
  }
  const std::size_t per_point = sweep.negotiation_count() / sweep.point_count();

  out << "Sweep " << study.name << ": " << study_description(study, 100) << "\n"
      << sweep.point_count() << " grid points × " << per_point
      << " negotiations = " << sweep.negotiation_count()
      << " negotiations (the same seeds at every point)\n"
      << "metric: " << metric_name(study.metric) << " — " << study_metric_label(study)
      << ", with a 95% confidence interval\n\n";

  const auto progress = [&](std::size_t done, std::size_t total) {
    if (options.progress) std::cerr << "\rsweep: point " << done << "/" << total << std::flush;
  };
  if (job.distributed() && job.root()) {
    std::cerr << "treatysim: " << mpi::describe_ranks(job, options.jobs) << "\n";
  }
  const ParallelFor threads = parallel_for_jobs(options.jobs);
  // Over MPI ranks: the grid points are the items, each played on the rank's threads.
  const SweepResult result =
      job.distributed()
          ? run_sweep(sweep, registry, threads, mpi::rank_parallel_map(job, threads), progress)
          : run_sweep(sweep, registry, threads, progress);
  if (options.progress) std::cerr << "\n";

  const std::string metric(metric_name(study.metric));
  const std::vector<SweepAxis>& axes = sweep.def.axes;
  std::vector<double> means;
  for (const SweepPoint& p : result.points) means.push_back(p.summary.mean);
  const std::size_t best = best_sweep_point(sweep, result);

  if (axes.size() == 1) {
    std::size_t width = std::max<std::size_t>(axes[0].parameter.size(), 6);
    for (const double v : axes[0].values) width = std::max(width, format_number(v).size());
    out << pad_left(axes[0].parameter, width) << "  "
        << pad_left(metric, std::max<std::size_t>(metric.size(), 8))
        << "  95% CI            agreement  welfare\n";
    for (const SweepPoint& p : result.points) {
      out << pad_left(format_number(p.values[0]), width) << "  "
          << pad_left(fixed(p.summary.mean), std::max<std::size_t>(metric.size(), 8)) << "  ["
          << fixed(p.summary.ci_low) << ", " << fixed(p.summary.ci_high) << "]  "
          << pad_left(fixed(p.means[static_cast<std::size_t>(Metric::kAgreementRate)], 3), 9)
          << "  " << fixed(p.means[static_cast<std::size_t>(Metric::kSocialWelfare)], 3) << "\n";
    }
  } else {
    // Rows: the first axis; columns: the second. The heat map puts the first axis across.
    const std::size_t rows = axes[0].values.size();
    const std::size_t columns = axes[1].values.size();
    out << metric << " by " << axes[0].parameter << " (rows) and " << axes[1].parameter
        << " (columns)\n";
    const std::string corner = axes[0].parameter + " \\ " + axes[1].parameter;
    std::size_t first = corner.size();
    for (const double v : axes[0].values) first = std::max(first, format_number(v).size());
    out << pad_left(corner, first);
    for (const double v : axes[1].values) out << "  " << pad_left(format_number(v), 8);
    out << "\n";
    for (std::size_t r = 0; r < rows; ++r) {
      out << pad_left(format_number(axes[0].values[r]), first);
      for (std::size_t c = 0; c < columns; ++c) {
        out << "  " << pad_left(fixed(means[r * columns + c]), 8);
      }
      out << "\n";
    }
  }

  const SweepPoint& b = result.points[best];
  out << "\nbest: ";
  for (std::size_t a = 0; a < axes.size(); ++a) {
    out << (a == 0 ? "" : ", ") << axes[a].parameter << " = " << format_number(b.values[a]);
  }
  out << ": " << metric << " " << fixed(b.summary.mean) << " [" << fixed(b.summary.ci_low) << ", "
      << fixed(b.summary.ci_high) << "]\n";

  if (!job.root()) return 0;  // rank 0 writes the files
  write_file_atomically(csv_path, sweep_csv(sweep, result));
  write_file_atomically(svg_path, charts::sweep_svg(sweep, result));
  out << "wrote " << csv_path << " (" << result.points.size() << " rows) and " << svg_path << "\n";
  return 0;
}

}  // namespace treatysim::cli
