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

namespace treatysim::mpi {
class Job;
}

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
  bool model_report = false;  // also measure the agents' opponent models (text and json)
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
  bool progress = false;          // a progress bar on stderr (set when it is a terminal)
  const mpi::Job* job = nullptr;  // the MPI job (mpi/job.hpp): --runs spread over its ranks
};
int simulate_command(const SimulateOptions& options, std::ostream& out);

struct AnalyzeOptions {
  std::string scenario;
  std::string format = "text";  // text | json
  std::string outcome;          // option ids in issue order, "S0/IP1/D1/G1/T2": print its metrics
  std::string svg;              // write the outcome-space picture here
  double time_limit = 0.0;      // seconds for the exact frontier of non-linear scenarios (0: none)
  std::string
      compare;  // another scenario on the same issues: its frontier and Nash against this one
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

// The options of `import-genius` and `import-geniusweb`.
struct ImportGeniusOptions {
  std::string domain;            // the domain file (GENIUS XML or GeniusWeb JSON)
  std::string profile_a;         // the utility profile of the first party (moves first)
  std::string profile_b;         // the utility profile of the second party
  std::string out;               // the scenario file to write; empty = standard output
  int deadline = 100;            // number of offers
  std::string id;                // scenario id; empty = from the domain file name
  std::string parties = "a,b";   // the two party ids, "A,B"
  std::string agent = "linear";  // default strategy of both parties
};
// Converts GENIUS / ANAC XML files to a scenario file (engine/io/genius_import.hpp). With `out`
// set, writes the file (whole or not at all) and prints a one-line summary to `out`; otherwise
// writes the scenario to `out`, the summary as its first line (a TOML comment).
int import_genius_command(const ImportGeniusOptions& options, std::ostream& out);
// The same for GeniusWeb JSON files (engine/io/geniusweb_import.hpp). A file in the other format
// is an error naming the other command.
int import_geniusweb_command(const ImportGeniusOptions& options, std::ostream& out);

struct EvolveOptions {
  std::string file;               // a tournament's summary.json or a payoff-matrix TOML file
  int generations = 100;          // replicator time horizon and Moran generations
  int population = 100;           // Moran population size N
  double selection = 0.1;         // Moran selection intensity w (0 = neutral drift)
  int runs = 1000;                // Moran runs per trajectory and per fixation probability
  std::uint64_t seed = 1;         // Moran run seed
  std::string initial_shares;     // "0.8,0.2": starting shares (any scale); empty = equal shares
  std::string out;                // CSV of the shares over time (whole or not at all); empty = none
  std::string format = "text";    // text | json
  int jobs = 0;                   // threads for the Moran runs (0: all cores); same results
  const mpi::Job* job = nullptr;  // the MPI job (mpi/job.hpp): Moran runs spread over its ranks
};
// Replicator dynamics, the Moran process and the meta-game's Nash equilibria and regrets of a
// payoff matrix (engine/studies/population.hpp); text tables or JSON to `out`, the shares to a CSV file.
int evolve_command(const EvolveOptions& options, std::ostream& out);

struct SweepOptions {
  std::string file;  // the sweep file (TOML, a [sweep] table)
  std::string csv;   // the CSV to write; empty = FILE's name with .csv, in the working folder
  std::string svg;   // the chart to write; empty = FILE's name with .svg, in the working folder
  int jobs = 0;      // threads (0: all cores); results do not depend on it
  bool progress = false;          // the point count on stderr (set when it is a terminal)
  const mpi::Job* job = nullptr;  // the MPI job (mpi/job.hpp): grid points spread over its ranks
};
// A grid over one or two parameters of a strategy or its scenarios (engine/studies/sweep.hpp): a table to
// `out`, the CSV and the chart (a line with its 95% band, or a heat map) written whole.
int sweep_command(const SweepOptions& options, std::ostream& out);

struct TuneOptions {
  std::string file;               // the tuning file (TOML, a [tune] table)
  int jobs = 0;                   // threads (0: all cores); results do not depend on it
  bool progress = false;          // the evaluation count on stderr (set when it is a terminal)
  const mpi::Job* job = nullptr;  // the MPI job (mpi/job.hpp): each evaluation over its ranks
};
// Optimises a strategy's numeric parameters with NLopt (engine/studies/tuning.hpp): progress lines, the
// best parameters, and both the best's and the defaults' scores on fresh seeds, to `out`.
int tune_command(const TuneOptions& options, std::ostream& out);

struct TournamentOptions {
  std::string file;     // the tournament file (TOML, a [tournament] table)
  int jobs = 0;         // threads (0: all cores); the files do not depend on it
  std::string out;      // output folder; empty = "tournament-<name>" in the working folder
  bool resume = false;  // finish the run recorded in `out`
  std::string shard;    // "i/n": play the negotiations with index ≡ i−1 (mod n); empty = all
  bool traces = false;  // also write every negotiation's trace to OUT/traces/INDEX.json
  std::uint64_t chunk =
      0;  // negotiations per chunk (0: the default); the files do not depend on it
  bool interactive = false;       // stderr is a terminal: a redrawn progress bar (else plain lines)
  const mpi::Job* job = nullptr;  // the MPI job (mpi/job.hpp): the run spread over its ranks
};
// Runs a tournament (engine/studies/tournament.hpp): OUT/negotiations.csv and OUT/summary.json, the
// ranking, the significance of adjacent ranks and the payoff matrix to `out`. Ctrl-C stops
// cleanly (exit status 130): finished rows kept, summary marked incomplete; --resume finishes.
int tournament_command(const TournamentOptions& options, std::ostream& out);

struct MergeOptions {
  std::vector<std::string> dirs;  // output folders of the shards of one tournament
  std::string out;                // the folder to write
};
// Merges shard outputs into the files one whole run writes, and prints the same tables.
int merge_command(const MergeOptions& options, std::ostream& out);

struct ClassOptions {
  std::string scenario;
  unsigned short port = 8080;          // 0: a free port
  std::string bind = "127.0.0.1";      // 0.0.0.0: every network of this machine (a classroom)
  std::string db;                      // empty: class-<scenario id>.sqlite in the working folder
  std::optional<int> deadline;         // default deadline of rounds (default: the scenario's)
  std::optional<std::uint64_t> seed;   // run seed (default 1; a resumed class keeps its own)
  std::optional<std::string> against;  // the agent students meet (default: the scenario's)
  std::string ready_file;  // once listening, write {"student_url", "teacher_url", "code",
                           // "teacher_token", "port"} here
  bool ansi = false;       // colour the QR code (standard output is a terminal)
};
// Class mode (server/): serves the student and teacher pages and the JSON API until Ctrl-C
// (exit status 130, everything saved); resumes the class of an existing --db.
int class_command(const ClassOptions& options, std::ostream& out);

struct ClassExportOptions {
  std::string db;   // a class database (also while its server runs)
  std::string out;  // folder: negotiations.csv and traces/K.json
};
// Writes a class's negotiations as CSV and traces (whole files or none).
int class_export_command(const ClassExportOptions& options, std::ostream& out);

}  // namespace treatysim::cli
