// payoff_matrix.hpp — the payoff matrix of a symmetric two-player game between strategies.
//
// The empirical game of a tournament (Wellman 2006): strategy i meets strategy j and earns
// payoff[i][j] on average; the game is symmetric, so j earns payoff[j][i] in the same meeting.
// Population dynamics (engine/studies/population.hpp) and the meta-game analysis (engine/studies/metagame.hpp)
// read it. It comes from two kinds of file, recognised by their content:
//
// - a tournament's summary.json ("format": "treatysim-tournament-summary", version 1): the
//   matrix is payoff_matrix.mean_utility, its labels payoff_matrix.competitors. A null entry
//   means the pair never met; the diagonal is null when the tournament ran without self-play,
//   and such a file is refused (population dynamics need every strategy's payoff against
//   itself).
// - a small TOML file (the teaching games in configs/tournaments/):
//       [payoff_matrix]
//       name = "hawk-dove"                 # optional; default: the file name without .toml
//       strategies = ["hawk", "dove"]      # 2 to 16 distinct labels
//       payoffs = [[-1.0, 4.0],            # payoffs[i][j]: payoff to strategies[i]
//                  [ 0.0, 2.0]]            #                against strategies[j]
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace treatysim {

// Most strategies a payoff matrix may have: support enumeration visits 2^n − 1 supports.
inline constexpr std::size_t kMaxMetaGameStrategies = 16;

// A symmetric two-player game: labels and payoffs (payoff[i][j]: to i against j).
struct PayoffMatrix {
  std::string name;                         // the game or tournament name
  std::vector<std::string> strategies;      // distinct labels, in file order
  std::vector<std::vector<double>> payoff;  // square, strategies.size() rows, finite numbers
  bool complete = true;                     // false: from a tournament marked incomplete

  // Number of strategies.
  [[nodiscard]] std::size_t size() const noexcept { return strategies.size(); }
  // Payoff to strategy i against strategy j.
  [[nodiscard]] double operator()(std::size_t i, std::size_t j) const { return payoff[i][j]; }

  friend bool operator==(const PayoffMatrix&, const PayoffMatrix&) = default;
};

// Checks the shape and values (2 to kMaxMetaGameStrategies distinct non-empty labels, a square
// matrix of finite numbers); throws UserError naming `source` and the key otherwise.
void validate_payoff_matrix(const PayoffMatrix& matrix, const std::string& source);

// Parses a tournament summary (JSON text); `source` names the file in errors.
[[nodiscard]] PayoffMatrix parse_tournament_summary(const std::string& text,
                                                    const std::string& source);

// Parses a payoff-matrix TOML file's text; `source` names the file in errors.
[[nodiscard]] PayoffMatrix parse_payoff_matrix_toml(const std::string& text,
                                                    const std::string& source);

// True when `text` is TOML with a top-level [payoff_matrix] table (how `validate` recognises a
// payoff-matrix file); false for anything else, syntax errors included.
[[nodiscard]] bool is_payoff_matrix_text(const std::string& text);

// Reads a payoff matrix from a file: a tournament summary when its text starts with '{', a
// payoff-matrix TOML file otherwise. Throws UserError (file, line, key, what was expected).
[[nodiscard]] PayoffMatrix load_payoff_matrix(const std::string& path);

}  // namespace treatysim
