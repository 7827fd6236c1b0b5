// tournament_bench — throughput and memory of `treatysim tournament` (issue 7, "Performance").
//
// 1. Scaling: the negotiation presets that play under private information (12 competitors, both
//    sides of every pairing) on configs/three-clauses.toml and configs/sta-2024.toml, run by the
//    engine's run_tournament as `treatysim tournament` runs them (files written to a temporary
//    folder), with 1 and with 2 threads: negotiations per second and the speed-up (wall clock),
//    and the CPU time each run used (on a busy machine the CPU figures show the parallel overhead
//    when the wall clock cannot). The two runs' files are compared byte for byte.
// 2. Memory: the same tournament with about 10^4 and about 10^6 negotiations, each in a fresh
//    child process: its peak resident set (VmHWM from /proc/self/status) before and after the
//    run. Streamed aggregation keeps the growth flat.
// Usage: treatysim_tournament_bench [negotiations for the scaling runs, default 20000]
//                                   [negotiations of the large memory run, default 1000000]
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_run.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kCompetitors[] = {"boulware",
                                        "linear",
                                        "conceder",
                                        "hardliner",
                                        "time_dependent_exp",
                                        "random",
                                        "boa",
                                        "relative_tit_for_tat",
                                        "absolute_tit_for_tat",
                                        "nice_tit_for_tat",
                                        "pareto_follower",
                                        "bandit"};
constexpr long long kPairingsTimesScenarios = 12 * 11 * 2;

// Writes the tournament file with enough repetitions for about `negotiations` negotiations.
std::string write_tournament(const fs::path& dir, long long negotiations) {
  const long long repetitions =
      std::max(1LL, (negotiations + kPairingsTimesScenarios - 1) / kPairingsTimesScenarios);
  std::string text =
      "[tournament]\nname = \"bench\"\nseed = 1\nrepetitions = " + std::to_string(repetitions) +
      "\n";
  for (const char* c : kCompetitors) {
    text += "[[competitors]]\nlabel = \"" + std::string(c) + "\"\nstrategy = \"" + c + "\"\n";
  }
  for (const char* s : {"three-clauses", "sta-2024"}) {
    text +=
        "[[scenarios]]\nfile = \"" TREATYSIM_SOURCE_DIR "/configs/" + std::string(s) + ".toml\"\n";
  }
  const fs::path path = dir / ("bench-" + std::to_string(negotiations) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

long long negotiations_of(long long requested) {
  const long long repetitions =
      std::max(1LL, (requested + kPairingsTimesScenarios - 1) / kPairingsTimesScenarios);
  return repetitions * kPairingsTimesScenarios;
}

// Peak resident set size in KiB (VmHWM), or -1.
long long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

// User + system CPU seconds of this process so far.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double g_last_cpu = 0.0;  // CPU seconds of the last run()

double run(const std::string& file, const fs::path& out, int jobs) {
  const treatysim::agents::Registry& registry = treatysim::agents::builtin_registry();
  treatysim::TournamentRunOptions options;
  options.jobs = jobs;
  options.out = out.string();
  fs::remove_all(out);
  const double cpu_start = cpu_seconds();
  const auto start = Clock::now();
  try {
    // Loading (and checking every competitor on every scenario) is part of the timed run, as in
    // `treatysim tournament`.
    const treatysim::TournamentDef def = treatysim::load_tournament_file(
        file, [&](const treatysim::Spec& spec, const treatysim::Scenario& scenario,
                  treatysim::PartyIndex party) { registry.check(spec, scenario, party); });
    const treatysim::TournamentRunResult result = treatysim::run_tournament(def, registry, options);
    if (!result.complete) throw treatysim::UserError("the run stopped before its end");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tournament failed: %s\n", error.what());
    std::exit(1);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  g_last_cpu = cpu_seconds() - cpu_start;
  return seconds;
}

bool same_file(const fs::path& a, const fs::path& b) {
  return treatysim::read_text_file(a.string()) == treatysim::read_text_file(b.string());
}

}  // namespace

// The child of a memory measurement: one tournament of about `requested` negotiations.
int measure_memory(const fs::path& dir, long long requested) {
  const std::string big = write_tournament(dir, requested);
  const long long before = peak_rss_kib();
  const double s = run(big, dir / ("rss" + std::to_string(requested)), 2);
  std::printf("  %9lld negotiations: peak RSS %lld KiB (%lld KiB before the run), %.1f s\n",
              negotiations_of(requested), peak_rss_kib(), before, s);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--memory") {
    return measure_memory(argv[2], std::atoll(argv[3]));
  }
  const long long scaling = argc > 1 ? std::atoll(argv[1]) : 20000;
  const long long large = argc > 2 ? std::atoll(argv[2]) : 1000000;
  const fs::path dir = fs::temp_directory_path() / ("treatysim-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);

  const std::string file = write_tournament(dir, scaling);
  const long long n = negotiations_of(scaling);
  std::printf("tournament of 12 presets on three-clauses + sta-2024, %lld negotiations\n", n);
  double seconds[3] = {0, 0, 0};
  for (int jobs = 1; jobs <= 2; ++jobs) {
    seconds[jobs] = run(file, dir / ("jobs" + std::to_string(jobs)), jobs);
    std::printf(
        "  --jobs %d: %.2f s, %.0f negotiations/s (%.2f CPU s, %.0f negotiations per CPU s)\n",
        jobs, seconds[jobs], static_cast<double>(n) / seconds[jobs], g_last_cpu,
        static_cast<double>(n) / g_last_cpu);
  }
  std::printf("  speed-up with 2 threads: %.2fx\n", seconds[1] / seconds[2]);
  const bool identical =
      same_file(dir / "jobs1/negotiations.csv", dir / "jobs2/negotiations.csv") &&
      same_file(dir / "jobs1/summary.json", dir / "jobs2/summary.json");
  std::printf("  files identical for --jobs 1 and 2: %s\n", identical ? "yes" : "NO");

  // Each memory run in a fresh process (exec, not a bare fork: TBB's threads do not survive one).
  std::printf("memory (peak resident set, fresh process each, --jobs 2)\n");
  for (const long long requested : {10000LL, large}) {
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
      const std::string count = std::to_string(requested);
      const std::string folder = dir.string();
      execl("/proc/self/exe", argv[0], "--memory", folder.c_str(), count.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
  }
  fs::remove_all(dir);
  return identical ? 0 : 1;
}
