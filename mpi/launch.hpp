// launch.hpp — was this process started by an MPI launcher (mpirun, srun), and as one of how many?
//
// treatysim initialises MPI only when a launcher started it, so that a plain run (no mpirun, no
// srun) never touches the MPI runtime: OpenMPI's "singleton" start-up would otherwise spawn a
// helper daemon and slow every command. The launcher is recognised from its environment, read
// before MPI is initialised:
//   OMPI_COMM_WORLD_SIZE / OMPI_COMM_WORLD_RANK   OpenMPI's mpirun (also under sbatch)
//   PMIX_RANK                                     a PMIx launcher (srun --mpi=pmix, prterun)
//   PMI_RANK, PMI_SIZE                            a PMI-1/PMI-2 launcher (srun --mpi=pmi2, MPICH's
//                                                 mpiexec)
// srun without an MPI plugin starts independent copies (SLURM_STEP_NUM_TASKS > 1 and none of the
// above): each would run the whole job and write the same files, so it is recognised and refused.
#pragma once

#include <functional>
#include <string>

namespace treatysim::mpi {

// How this process was started.
struct Launch {
  enum class Kind {
    kAlone,           // no launcher: a plain run, MPI untouched
    kMpi,             // by an MPI launcher: initialise MPI
    kSrunWithoutMpi,  // by srun, several tasks, but no MPI plugin: refuse
  };
  Kind kind = Kind::kAlone;
  std::string launcher;  // "mpirun", "PMIx", "PMI", "srun" (for messages); empty when alone
  int size = 0;          // ranks, when the environment says (0: ask MPI)
  int rank = -1;         // this process's rank, when the environment says (-1: ask MPI)
};

// Reads a variable of the environment (nullptr when unset): std::getenv, or a table in tests.
using Environment = std::function<const char*(const char*)>;

// The launch as the environment describes it (see the top of this file).
[[nodiscard]] Launch detect_launch(const Environment& environment);

// detect_launch of this process's environment.
[[nodiscard]] Launch detect_launch();

}  // namespace treatysim::mpi
