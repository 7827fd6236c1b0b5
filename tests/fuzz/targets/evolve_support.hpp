// evolve_support.hpp — what `treatysim evolve` does with a payoff matrix it has read, in a few
// generations and runs (tests/fuzz: the payoff-matrix and summary targets).
#pragma once

#include <string>

#include "engine/studies/payoff_matrix.hpp"

namespace treatysim::fuzz {

// Checks the matrix as `evolve` does, then runs the replicator dynamics, a short Moran process
// and the meta-game analysis, checking that shares stay a distribution. UserErrors propagate.
void evolve_briefly(const PayoffMatrix& matrix, const std::string& source);

}  // namespace treatysim::fuzz
