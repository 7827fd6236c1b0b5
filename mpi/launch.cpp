#include "mpi/launch.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace treatysim::mpi {

namespace {

// A whole number ≥ 0 from a variable, or `otherwise` when unset or not a number.
int number(const Environment& environment, const char* name, int otherwise) {
  const char* text = environment(name);
  if (text == nullptr) return otherwise;
  const std::string_view view(text);
  int value = 0;
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error != std::errc() || end != view.data() + view.size() || value < 0) return otherwise;
  return value;
}

}  // namespace

Launch detect_launch(const Environment& environment) {
  Launch launch;
  if (environment("OMPI_COMM_WORLD_SIZE") != nullptr) {
    launch.kind = Launch::Kind::kMpi;
    launch.launcher = "mpirun";
    launch.size = number(environment, "OMPI_COMM_WORLD_SIZE", 0);
    launch.rank = number(environment, "OMPI_COMM_WORLD_RANK", -1);
    return launch;
  }
  if (environment("PMIX_RANK") != nullptr) {
    launch.kind = Launch::Kind::kMpi;
    launch.launcher = "PMIx";
    launch.size = number(environment, "PMIX_SIZE", 0);
    launch.rank = number(environment, "PMIX_RANK", -1);
    return launch;
  }
  if (environment("PMI_RANK") != nullptr || environment("PMI_SIZE") != nullptr) {
    launch.kind = Launch::Kind::kMpi;
    launch.launcher = "PMI";
    launch.size = number(environment, "PMI_SIZE", 0);
    launch.rank = number(environment, "PMI_RANK", -1);
    return launch;
  }
  if (number(environment, "SLURM_STEP_NUM_TASKS", 1) > 1) {
    launch.kind = Launch::Kind::kSrunWithoutMpi;
    launch.launcher = "srun";
    launch.size = number(environment, "SLURM_STEP_NUM_TASKS", 0);
    launch.rank = number(environment, "SLURM_PROCID", -1);
  }
  return launch;
}

Launch detect_launch() {
  return detect_launch([](const char* name) -> const char* { return std::getenv(name); });
}

}  // namespace treatysim::mpi
