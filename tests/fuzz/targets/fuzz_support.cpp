#include "tests/fuzz/targets/fuzz_support.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <sys/mman.h>
#include <unistd.h>

#include "agents/trace_replay.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim::fuzz {

std::string source_dir() {
  return TREATYSIM_SOURCE_DIR;
}

std::string study_source_name() {
  return source_dir() + "/configs/tournaments/fuzz-input.toml";
}

const agents::Registry& registry() {
  return agents::builtin_registry();
}

MemoryFile::MemoryFile(std::string_view content) {
  fd_ = ::memfd_create("treatysim-fuzz", MFD_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd_, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd_);
      throw std::runtime_error(std::string("write to memfd: ") + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemoryFile::~MemoryFile() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// The folder of write_temp_file, made on first use and removed at exit.
class TempFolder {
 public:
  TempFolder() {
    std::error_code error;
    const bool shm =
        std::filesystem::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0;
    std::string pattern = std::string(shm ? "/dev/shm" : "/tmp") + "/treatysim-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
    }
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string write_temp_file(const std::string& name, std::string_view content) {
  static const TempFolder folder;
  const std::string path = folder.path() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
  return path;
}

namespace {

// Utilities lie in [0, 1] up to the weights' tolerance: validate_scenario_def accepts weights
// summing to 1 within 1e-6 (rounded weights), and utilities are not renormalised, so a best
// outcome may be worth 1 + 1e-6 (a fuzzed scenario found it: the weights summing to 1.0000004).
constexpr double kWeightSumTolerance = 1e-6;

bool in_unit_interval(double u) {
  return std::isfinite(u) && u >= -kWeightSumTolerance - 1e-9 &&
         u <= 1.0 + kWeightSumTolerance + 1e-9;
}

// The result's invariants: an end, at most `deadline` offers, utilities in [0, 1], discounted
// utilities no larger than the undiscounted ones.
void check_result(const Scenario& scenario, const NegotiationResult& result) {
  FUZZ_EXPECT(result.end != NegotiationEnd::kRunning, "a finished negotiation has an end");
  FUZZ_EXPECT(result.offers >= 1 && result.offers <= scenario.protocol().deadline,
              "1 to deadline offers are made");
  FUZZ_EXPECT(result.agreement.has_value() == (result.end == NegotiationEnd::kAgreement),
              "an agreement exactly when the negotiation ends in one");
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    FUZZ_EXPECT(in_unit_interval(result.utilities[p]), "utilities lie in [0, 1]");
    FUZZ_EXPECT(in_unit_interval(result.discounted_utilities[p]),
                "discounted utilities lie in [0, 1]");
    FUZZ_EXPECT(result.discounted_utilities[p] <= result.utilities[p] + 1e-9,
                "discounting never raises a utility");
  }
}

}  // namespace

void play_and_analyze(const Scenario& original, std::uint64_t seed) {
  const Scenario scenario = original.protocol().deadline > kMaxFuzzDeadline
                                ? original.with_deadline(kMaxFuzzDeadline)
                                : original;
  const std::array<Spec, kPartyCount> specs{parse_spec(scenario.party(0).agent),
                                            parse_spec(scenario.party(1).agent)};
  const Trace trace = run_traced(scenario, specs, seed, registry());
  check_result(scenario, trace.result);

  // What `run --format json` writes, `replay` reads and re-runs to the same events.
  const std::string text = trace_to_text(trace);
  const SavedTrace saved = parse_trace(text, "fuzz-trace.json");
  const Trace rerun =
      agents::rerun_trace(saved, events_from_trace_json(saved, "fuzz-trace.json"), registry());
  FUZZ_EXPECT(rerun.events == trace.events, "a saved trace replays to the same events");
  FUZZ_EXPECT(rerun.result == trace.result, "a saved trace replays to the same result");

  if (scenario.space().enumerable() && scenario.space().size() <= kMaxFuzzAnalysedOutcomes) {
    const ScenarioAnalysis analysis = analyze_scenario(scenario);
    FUZZ_EXPECT(!analysis.frontier.points.empty(), "every space has a Pareto frontier");
    if (trace.result.agreement) {
      const OutcomeMetrics metrics = outcome_metrics(scenario, analysis, *trace.result.agreement,
                                                     trace.result.agreement_offer_index);
      FUZZ_EXPECT(std::isfinite(metrics.distance_to_pareto) && metrics.distance_to_pareto >= 0.0,
                  "the distance to the frontier is a finite non-negative number");
    }
  }

  if (const auto& lifecycle = scenario.def().lifecycle) {
    const LifecycleResult life =
        simulate_lifecycle(scenario, seed, registry(), std::min(lifecycle->treaty.years, 2));
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      FUZZ_EXPECT(std::isfinite(life.cumulative_discounted[p]),
                  "a lifecycle's cumulative payoffs are finite");
    }
  }
}

}  // namespace treatysim::fuzz
