#include <doctest/doctest.h>

#include "agents/time_dependent.hpp"

using treatysim::agents::ConcessionFamily;
using treatysim::agents::concession_fraction;

TEST_CASE("Faratin polynomial family: THEORY.md worked example (kappa = 0.1, t = 5/10)") {
  const double t = 5.0 / 10.0;
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 0.5, 0.1) == doctest::Approx(0.325).epsilon(1e-12));
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 1.0, 0.1) == doctest::Approx(0.55).epsilon(1e-12));
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 2.0, 0.1) == doctest::Approx(0.736396).epsilon(1e-6));
}
