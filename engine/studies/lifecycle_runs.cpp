#include "engine/studies/lifecycle_runs.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"

namespace treatysim {

using nlohmann::ordered_json;

namespace {

std::vector<std::pair<std::string, std::uint64_t>> sorted(
    const std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> list(counts.begin(), counts.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  return list;
}

std::string fixed4(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

}  // namespace

LifecycleRunSummary summarize_lifecycle(const Scenario& scenario, const LifecycleResult& result) {
  return {result.path(), std::string(treaty_state_name(result.final_state)) + " " +
                             scenario.space().format(result.final_clauses)};
}

LifecycleRunSummary lifecycle_run(const Scenario& scenario, std::uint64_t first_seed,
                                  std::uint64_t k, const AgentFactory& factory, int years) {
  return summarize_lifecycle(scenario,
                             simulate_lifecycle(scenario, first_seed + k, factory, years));
}

LifecycleDistribution lifecycle_distribution(std::uint64_t first_seed,
                                             const std::vector<LifecycleRunSummary>& summaries) {
  std::map<std::string, std::uint64_t> paths;
  std::map<std::string, std::uint64_t> finals;
  for (const LifecycleRunSummary& s : summaries) {
    ++paths[s.path];
    ++finals[s.final];
  }
  return {first_seed, summaries.size(), sorted(paths), sorted(finals)};
}

std::optional<LifecycleDistribution> simulate_lifecycle_runs(
    const Scenario& scenario, std::uint64_t first_seed, std::uint64_t runs,
    const AgentFactory& factory, int years, const ParallelFor& parallel,
    const std::function<void(std::uint64_t)>& progress, const std::atomic<bool>* stop) {
  std::vector<LifecycleRunSummary> summaries(static_cast<std::size_t>(runs));
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> stopped{false};
  const auto body = [&](std::size_t k) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
      stopped.store(true, std::memory_order_relaxed);
      return;
    }
    try {
      summaries[k] = lifecycle_run(scenario, first_seed, k, factory, years);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
    if (progress) progress(1);
  };
  if (parallel) {
    parallel(summaries.size(), body);
  } else {
    for (std::size_t k = 0; k < summaries.size(); ++k) body(k);
  }
  if (failure) std::rethrow_exception(failure);
  if (stopped.load()) return std::nullopt;
  return lifecycle_distribution(first_seed, summaries);
}

LifecycleDistribution simulate_lifecycle_runs(const Scenario& scenario, std::uint64_t first_seed,
                                              std::uint64_t runs, const AgentFactory& factory,
                                              int years, const ParallelMap& map,
                                              const std::function<void(std::uint64_t)>& progress) {
  std::vector<LifecycleRunSummary> summaries;
  summaries.reserve(static_cast<std::size_t>(runs));
  const auto compute = [&](std::size_t k) {
    const LifecycleRunSummary summary = lifecycle_run(scenario, first_seed, k, factory, years);
    ByteWriter out;
    out.put_string(summary.path);
    out.put_string(summary.final);
    return out.take();
  };
  map(static_cast<std::size_t>(runs), compute, [&](std::size_t, std::string_view bytes) {
    ByteReader in(bytes);
    LifecycleRunSummary summary;
    summary.path = std::string(in.get_string());
    summary.final = std::string(in.get_string());
    TREATYSIM_CHECK(in.at_end(),
                    "simulate_lifecycle_runs: a run's bytes hold more than its summary");
    summaries.push_back(std::move(summary));
    if (progress) progress(1);
  });
  return lifecycle_distribution(first_seed, summaries);
}

ordered_json lifecycle_distribution_to_json(const Scenario& scenario,
                                            const LifecycleDistribution& d) {
  const auto n = static_cast<double>(d.runs);
  ordered_json json;
  json["scenario"] = scenario.id();
  json["runs"] = d.runs;
  json["seeds"] = {{"first", d.first_seed}, {"last", d.first_seed + d.runs - 1}};
  ordered_json paths = ordered_json::array();
  for (const auto& [path, count] : d.paths) {
    paths.push_back({{"path", path}, {"count", count}, {"share", static_cast<double>(count) / n}});
  }
  json["paths"] = std::move(paths);
  ordered_json finals = ordered_json::array();
  for (const auto& [final, count] : d.finals) {
    finals.push_back(
        {{"final", final}, {"count", count}, {"share", static_cast<double>(count) / n}});
  }
  json["final_clauses"] = std::move(finals);
  return json;
}

std::string lifecycle_distribution_csv(const LifecycleDistribution& d) {
  const auto n = static_cast<double>(d.runs);
  std::string csv = "kind,value,count,share\n";
  for (const auto& [path, count] : d.paths) {
    csv += "path,\"" + path + "\"," + std::to_string(count) + "," +
           fixed4(static_cast<double>(count) / n) + "\n";
  }
  for (const auto& [final, count] : d.finals) {
    csv += "final,\"" + final + "\"," + std::to_string(count) + "," +
           fixed4(static_cast<double>(count) / n) + "\n";
  }
  return csv;
}

}  // namespace treatysim
