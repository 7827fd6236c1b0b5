// The payoff-matrix reader: a TOML [payoff_matrix] file as `treatysim validate` recognises it and
// `treatysim evolve` reads it (a text starting with '{' is a summary.json: fuzz_summary's), then
// a short run of the population dynamics and the meta-game analysis.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "tests/fuzz/targets/evolve_support.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_payoff_matrix(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::string text(fuzz::as_text(data, size));
  try {
    static_cast<void>(is_payoff_matrix_text(text));
    const PayoffMatrix matrix = parse_payoff_matrix_toml(text, "fuzz-matrix.toml");
    fuzz::evolve_briefly(matrix, "fuzz-matrix.toml");
  } catch (const UserError&) {
  }
  return 0;
}
