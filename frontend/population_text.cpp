// population_text.cpp — the text of `treatysim evolve`.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "engine/model/issue.hpp"
#include "engine/studies/population.hpp"
#include "frontend/reports.hpp"

namespace treatysim::frontend {

namespace {

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string text = buffer;
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

// A plain-text table: the first column left-aligned, the others (numbers) right-aligned, each
// padded to its widest cell, two spaces apart.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - row[c].size(), ' ');
      if (c == 0) {
        line += row[c] + (row.size() > 1 ? padding : "");
      } else {
        line += "  " + padding + row[c];
      }
    }
    text += line + "\n";
  }
  return text;
}

// The generations a text table shows: 0, about every tenth, and the last.
std::vector<std::size_t> shown_generations(std::size_t last) {
  std::vector<std::size_t> shown;
  for (std::size_t k = 0; k <= 10; ++k) {
    const std::size_t g = (k * last + 5) / 10;
    if (shown.empty() || shown.back() != g) shown.push_back(g);
  }
  return shown;
}

std::string shares_table(const std::vector<std::string>& strategies,
                         const std::vector<std::vector<double>>& shares) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"generation"});
  rows[0].insert(rows[0].end(), strategies.begin(), strategies.end());
  for (const std::size_t g : shown_generations(shares.size() - 1)) {
    std::vector<std::string> row{std::to_string(g)};
    for (const double share : shares[g]) row.push_back(fixed(share, 3));
    rows.push_back(std::move(row));
  }
  return table(rows, "  ");
}

std::string percent(double fraction) {
  return fixed(100.0 * fraction, 1) + "%";
}

}  // namespace

std::string population_text(const std::string& path, const PopulationResult& r) {
  const PayoffMatrix& m = r.matrix;
  const PopulationOptions& o = r.options;
  const std::size_t n = m.size();
  std::string text = "Payoff matrix \"" + m.name + "\" (" + path + "): " + std::to_string(n) +
                     " strategies; row's payoff against column\n";
  if (!m.complete) {
    text +=
        "note: the tournament summary is marked incomplete: the payoffs cover only the "
        "negotiations finished so far\n";
  }
  std::vector<std::vector<std::string>> rows{{""}};
  rows[0].insert(rows[0].end(), m.strategies.begin(), m.strategies.end());
  for (std::size_t i = 0; i < n; ++i) {
    rows.push_back({m.strategies[i]});
    for (std::size_t j = 0; j < n; ++j) rows.back().push_back(fixed(m(i, j), 4));
  }
  text += table(rows, "  ");

  const MetaGame& game = r.metagame;
  text += "\nSymmetric Nash equilibria of the meta-game (support enumeration): " +
          std::to_string(game.equilibria.size()) + "\n";
  rows = {{"#"}};
  rows[0].insert(rows[0].end(), m.strategies.begin(), m.strategies.end());
  rows[0].insert(rows[0].end(), {"payoff", "regret", "ESS"});
  for (std::size_t e = 0; e < game.equilibria.size(); ++e) {
    const SymmetricEquilibrium& eq = game.equilibria[e];
    rows.push_back({"NE" + std::to_string(e + 1)});
    for (const double share : eq.mix) rows.back().push_back(fixed(share, 3));
    rows.back().push_back(fixed(eq.payoff, 4));
    rows.back().push_back(fixed(eq.regret, 4));
    rows.back().push_back(!eq.evolutionarily_stable   ? "?"
                          : *eq.evolutionarily_stable ? "yes"
                                                      : "no");
  }
  text += table(rows, "  ");
  text +=
      "ESS: evolutionarily stable (resists small invasions; attracts the replicator "
      "dynamics nearby); ?: undecided (an alternative best reply off the support)\n";
  if (game.degenerate) {
    text +=
        "note: the game is degenerate (a support's indifference system is singular): "
        "equilibria may form a continuum there, and those are not listed\n";
  }

  text +=
      "\nRegret of each strategy: against each equilibrium, best-response payoff minus the "
      "strategy's payoff;\nall-play: best deviation's gain when everyone plays the strategy\n";
  rows = {{"strategy"}};
  for (std::size_t e = 0; e < game.equilibria.size(); ++e) {
    rows[0].push_back("NE" + std::to_string(e + 1));
  }
  rows[0].push_back("all-play");
  for (std::size_t i = 0; i < n; ++i) {
    rows.push_back({m.strategies[i]});
    for (const SymmetricEquilibrium& eq : game.equilibria) {
      rows.back().push_back(fixed(eq.strategy_regret[i], 4));
    }
    rows.back().push_back(fixed(game.pure_profile_regret[i], 4));
  }
  text += table(rows, "  ");

  std::string start;
  for (std::size_t i = 0; i < n; ++i) {
    start += (i == 0 ? "" : ", ") + m.strategies[i] + " " + fixed(o.initial_shares[i], 3);
  }
  text += "\nReplicator dynamics (from " + start + "; " + std::to_string(o.steps_per_generation) +
          " Runge-Kutta steps per generation)\n";
  if (r.replicator_time_scale > 1.0) {
    text += "note: the payoffs span more than " + format_number(kReplicatorPayoffSpan) +
            ", so the dynamics run on them divided by " +
            format_number(round_for_output(r.replicator_time_scale)) +
            " (the same path, to the same rest points): a generation is " +
            format_number(round_for_output(r.replicator_time_scale)) + " units of payoff time\n";
  }
  text += shares_table(m.strategies, r.replicator);

  const std::vector<int> counts = initial_counts(o.initial_shares, o.population);
  start.clear();
  for (std::size_t i = 0; i < n; ++i) {
    start += (i == 0 ? "" : ", ") + std::to_string(counts[i]) + " " + m.strategies[i];
  }
  text += "\nMoran process (N = " + std::to_string(o.population) +
          ", w = " + format_number(o.selection) + ", seed " + std::to_string(o.seed) +
          "; mean shares over " + std::to_string(o.runs) + " runs from " + start + ")\n";
  text += shares_table(m.strategies, r.moran.mean_share);
  text += "  taken over by generation " + std::to_string(o.generations) + ":";
  for (std::size_t i = 0; i < n; ++i) {
    text += (i == 0 ? " " : ", ") + m.strategies[i] + " " + percent(r.moran.fixed_share[i]);
  }
  text += " of runs\n";

  text += "\nFixation probability of one mutant (row) among " + std::to_string(o.population - 1) +
          " residents (column): estimate +- standard error " + "over " + std::to_string(o.runs) +
          " runs [exact]; neutral 1/N = " + fixed(1.0 / o.population, 4) + "\n";
  rows = {{"mutant"}};
  rows[0].insert(rows[0].end(), m.strategies.begin(), m.strategies.end());
  for (std::size_t i = 0; i < n; ++i) {
    rows.push_back({m.strategies[i]});
    for (std::size_t j = 0; j < n; ++j) {
      const FixationProbability& p = r.fixation[i][j];
      rows.back().push_back(i == j ? "-"
                                   : fixed(p.estimate, 4) + " +- " + fixed(p.standard_error, 4) +
                                         " [" + fixed(p.exact, 4) + "]");
    }
  }
  text += table(rows, "  ");
  return text;
}

}  // namespace treatysim::frontend
