// commands.hpp — the treatysim subcommands as plain functions (no CLI11 here).
//
// Each command writes its normal output to `out` and returns the process exit status: 0 on
// success, 1 when a check fails (replay mismatch), 2 for bad user input (the caller prints
// UserError messages and returns 2).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace treatysim::cli {

// Strategy choices from the command line: "--agent ID=SPEC", "--us SPEC", "--cn SPEC".
struct AgentOverrides {
  std::vector<std::string> assignments;  // "ID=SPEC", in the order given
  std::optional<std::string> us;
  std::optional<std::string> cn;
};

struct RunOptions {
  std::string scenario;
  AgentOverrides agents;
  std::uint64_t seed = 1;
  std::optional<int> deadline;
  std::string format = "text";  // text | json | csv
  std::string out;              // file; empty = standard output
  int series = 0;   // > 0: a series of this many negotiations (learning agents keep learning)
  std::string svg;  // also write the negotiation's picture here (SVG)
};
int run_command(const RunOptions& options, std::ostream& out);

int validate_command(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

int agents_command(const std::string& format, std::ostream& out);

int replay_command(const std::string& trace_path, std::ostream& out);

struct BenchOptions {
  std::vector<std::string> scenarios;
  AgentOverrides agents;
  std::uint64_t seed = 1;
  long long negotiations = 100000;
  std::optional<int> deadline;
  std::string format = "text";  // text | json
};
int bench_command(const BenchOptions& options, std::ostream& out);

struct SimulateOptions {
  std::string scenario;
  std::optional<int> years;           // default: the scenario's [treaty] years
  std::optional<std::uint64_t> seed;  // default: the scenario's [treaty] seed
  int runs = 1;                       // > 1: that many seeds (seed, seed+1, …), in parallel
  int jobs = 0;                       // threads for --runs (0: all cores)
  std::string format = "text";        // text | json | csv
  std::string out;
  bool progress = false;  // a progress bar on stderr (set when it is a terminal)
};
int simulate_command(const SimulateOptions& options, std::ostream& out);

struct AnalyzeOptions {
  std::string scenario;
  std::string format = "text";  // text | json
  std::string outcome;          // option ids in issue order, "S0/IP1/D1/G1/T2": print its metrics
  std::string svg;              // write the outcome-space picture here
};
int analyze_command(const AnalyzeOptions& options, std::ostream& out);

struct PlayOptions {
  std::string scenario;
  std::string as;                      // the party the person plays
  std::optional<std::string> against;  // the agent's strategy (default: the scenario's)
  std::uint64_t seed = 1;
  std::optional<int> deadline;
  bool echo_input = false;  // echo each answer (when input comes from a file or pipe)
};
// The terminal game: a person plays one side against an agent, reading decisions from `in`
// (bad input is asked again; the end of input abandons the game) and writing to `out`.
int play_command(const PlayOptions& options, std::istream& in, std::ostream& out);

struct ImportGeniusOptions {
  std::string domain;            // the GENIUS domain file (XML)
  std::string profile_a;         // the utility profile of the first party (moves first)
  std::string profile_b;         // the utility profile of the second party
  std::string out;               // the scenario file to write; empty = standard output
  int deadline = 100;            // number of offers
  std::string id;                // scenario id; empty = from the domain file name
  std::string parties = "a,b";   // the two party ids, "A,B"
  std::string agent = "linear";  // default strategy of both parties
};
// Converts GENIUS / ANAC XML files to a scenario file (engine/genius_import.hpp). With `out`
// set, writes the file (whole or not at all) and prints a one-line summary to `out`; otherwise
// writes the scenario to `out`, the summary as its first line (a TOML comment).
int import_genius_command(const ImportGeniusOptions& options, std::ostream& out);

}  // namespace treatysim::cli
