// evolve_command.cpp — `treatysim evolve`: population dynamics and the meta-game of a payoff
// matrix (a tournament's summary.json or a payoff-matrix TOML file). Every number comes from
// engine/studies/population.hpp and engine/studies/metagame.hpp; this file only lays them out.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/study_setup.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_map.hpp"

namespace treatysim::cli {

namespace {

using nlohmann::ordered_json;

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

std::string evolve_text(const std::string& path, const PopulationResult& r) {
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

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// process,generation,<one column per strategy>: the replicator's shares, then the Moran
// process's mean shares, one row per generation.
std::string evolve_csv(const PopulationResult& r) {
  std::string text = "process,generation";
  for (const std::string& label : r.matrix.strategies) text += "," + csv_field(label);
  text += "\n";
  const auto rows = [&](const char* process, const std::vector<std::vector<double>>& shares) {
    for (std::size_t g = 0; g < shares.size(); ++g) {
      text += std::string(process) + "," + std::to_string(g);
      for (const double share : shares[g]) text += "," + format_number(round_for_output(share));
      text += "\n";
    }
  };
  rows("replicator", r.replicator);
  rows("moran", r.moran.mean_share);
  return text;
}

ordered_json numbers(const std::vector<double>& values) {
  ordered_json array = ordered_json::array();
  for (const double value : values) array.push_back(round_for_output(value));
  return array;
}

ordered_json evolve_json(const std::string& path, const PopulationResult& r) {
  const PayoffMatrix& m = r.matrix;
  const PopulationOptions& o = r.options;
  ordered_json json;
  json["format"] = "treatysim-evolve";
  json["version"] = 1;
  json["source"] = path;
  json["name"] = m.name;
  json["complete"] = m.complete;
  json["strategies"] = m.strategies;
  json["payoffs"] = ordered_json::array();
  for (const auto& row : m.payoff) json["payoffs"].push_back(numbers(row));
  json["options"] = {{"generations", o.generations},
                     {"steps_per_generation", o.steps_per_generation},
                     {"initial_shares", numbers(o.initial_shares)},
                     {"population", o.population},
                     {"selection", o.selection},
                     {"runs", o.runs},
                     {"seed", o.seed}};
  ordered_json equilibria = ordered_json::array();
  for (const SymmetricEquilibrium& eq : r.metagame.equilibria) {
    ordered_json support = ordered_json::array();
    for (const std::size_t i : eq.support) support.push_back(m.strategies[i]);
    equilibria.push_back({{"mix", numbers(eq.mix)},
                          {"support", support},
                          {"payoff", round_for_output(eq.payoff)},
                          {"regret", round_for_output(eq.regret)},
                          {"strategy_payoff", numbers(eq.strategy_payoff)},
                          {"strategy_regret", numbers(eq.strategy_regret)},
                          {"evolutionarily_stable", eq.evolutionarily_stable
                                                        ? ordered_json(*eq.evolutionarily_stable)
                                                        : ordered_json(nullptr)}});
  }
  json["metagame"] = {{"equilibria", equilibria},
                      {"pure_profile_regret", numbers(r.metagame.pure_profile_regret)},
                      {"degenerate", r.metagame.degenerate}};
  json["replicator"] = ordered_json::array();
  for (const auto& shares : r.replicator) json["replicator"].push_back(numbers(shares));
  json["replicator_time_scale"] = round_for_output(r.replicator_time_scale);
  ordered_json mean = ordered_json::array();
  for (const auto& shares : r.moran.mean_share) mean.push_back(numbers(shares));
  json["moran"] = {{"mean_share", mean}, {"fixed_share", numbers(r.moran.fixed_share)}};
  ordered_json fixation = ordered_json::array();
  for (std::size_t i = 0; i < m.size(); ++i) {
    for (std::size_t j = 0; j < m.size(); ++j) {
      if (i == j) continue;
      const FixationProbability& p = r.fixation[i][j];
      fixation.push_back({{"mutant", m.strategies[i]},
                          {"resident", m.strategies[j]},
                          {"estimate", round_for_output(p.estimate)},
                          {"standard_error", round_for_output(p.standard_error)},
                          {"exact", round_for_output(p.exact)},
                          {"runs", p.runs}});
    }
  }
  json["fixation"] = fixation;
  return json;
}

// "--initial-shares 3,1" → {3, 1}; the engine checks the count and the values.
std::vector<double> parse_shares(const std::string& text) {
  std::vector<double> shares;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string item = text.substr(begin, comma == std::string::npos ? comma : comma - begin);
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size()) {
      throw UserError(
          "--initial-shares: expected numbers separated by commas, one per strategy "
          "(e.g. 0.8,0.2), got \"" +
          text + "\"");
    }
    shares.push_back(value);
    if (comma == std::string::npos) return shares;
    begin = comma + 1;
  }
}

}  // namespace

int evolve_command(const EvolveOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  // Under MPI every rank loads the file; a problem on any rank stops them all alike.
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  PayoffMatrix matrix;
  job.collectively([&] {
    matrix = load_payoff_matrix(options.file);
    validate_population_payoffs(matrix, options.file);
  });
  PopulationOptions population;
  population.generations = options.generations;
  population.population = options.population;
  population.selection = options.selection;
  population.runs = options.runs;
  population.seed = options.seed;
  if (!options.initial_shares.empty())
    population.initial_shares = parse_shares(options.initial_shares);
  try {
    validate_population_options(matrix, population);
  } catch (const UserError& e) {
    std::string flag = e.key();
    std::replace(flag.begin(), flag.end(), '_', '-');
    throw UserError("--" + flag + ": " + e.message());
  }
  if (job.distributed() && job.root()) {
    std::cerr << "treatysim: " << mpi::describe_ranks(job, options.jobs) << "\n";
  }
  // The Moran runs and the fixation pairs spread over the threads (and over the ranks of an MPI
  // job); the numbers do not depend on it.
  const ParallelFor threads = parallel_for_jobs(options.jobs);
  const PopulationResult result = evolve(
      matrix, population,
      job.distributed() ? mpi::rank_parallel_map(job, threads) : local_parallel_map(threads));
  if (!job.root()) return 0;  // rank 0 writes the file
  if (!options.out.empty()) write_file_atomically(options.out, evolve_csv(result));
  if (options.format == "json") {
    out << evolve_json(options.file, result).dump(2) << "\n";
  } else {
    out << evolve_text(options.file, result);
    if (!options.out.empty()) out << "\nShares over time written to " << options.out << "\n";
  }
  return 0;
}

}  // namespace treatysim::cli
