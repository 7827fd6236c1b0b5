// main.cpp — the treatysim command line (the only translation unit that includes CLI11).
//
// Every numeric flag is checked by a validator before CLI11 converts it, so that a bad value
// gets the project's wording ("--deadline: expected a number of offers from 1 to 1000000, got
// 1e12"), never CLI11's ("Could not convert"), and exit status 2 (engine/model/number_text.hpp).
#include <cstdint>
#include <iostream>
#include <string>

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "engine/model/number_text.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/population.hpp"
#include "engine/version.hpp"
#include "mpi/job.hpp"

namespace {

void add_agent_options(CLI::App& command, treatysim::cli::AgentOverrides& agents) {
  // One ID=SPEC per --agent: without allow_extra_args(false) CLI11 lets a vector option swallow
  // the words after it, scenario files included ("bench --agent us=linear a.toml b.toml").
  command
      .add_option(
          "--agent", agents.assignments,
          "Set a party's strategy: ID=SPEC, e.g. us=boulware(e=0.2) (repeat for each party)")
      ->allow_extra_args(false);
  command.add_option("--us", agents.us, "Strategy of party \"us\" (shorthand for --agent us=SPEC)");
  command.add_option("--cn", agents.cn, "Strategy of party \"cn\" (shorthand for --agent cn=SPEC)");
}

// CLI11 2.1 reads "-1" into an unsigned option as 2^64 − 1, clamps 2^64 and above to it, and
// reads "010" as octal: a seed must be written as a non-negative whole number below 2^64.
const CLI::Validator kSeed(
    [](const std::string& text) { return treatysim::seed_problem(text).value_or(""); }, "UINT",
    "seed");

// A whole number from `min` to `max`; `what` names it in the message.
CLI::Validator whole_number(const std::string& what, std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [=](const std::string& text) {
        return treatysim::whole_number_problem(text, min, max, what).value_or("");
      },
      "INT", what);
}

// A real number from `min` to `max`.
CLI::Validator real_number(const std::string& what, double min, double max) {
  return CLI::Validator(
      [=](const std::string& text) {
        return treatysim::real_number_problem(text, min, max, what).value_or("");
      },
      "NUMBER", what);
}

// Limits of the command line's own settings (the engine's limits come from its headers).
constexpr std::int64_t kMaxJobs = 1024;         // threads
constexpr std::int64_t kMaxSeries = 1'000'000;  // run --series
constexpr std::int64_t kMaxBenchNegotiations = 1'000'000'000;
constexpr std::int64_t kMaxSimulateRuns = 10'000'000;  // simulate --runs
constexpr std::int64_t kMaxYears = 100;                // simulate --years

const CLI::Validator kDeadline = whole_number("a number of offers", 1, treatysim::kMaxDeadline);
const CLI::Validator kJobs = whole_number("a number of threads (0: all cores)", 0, kMaxJobs);

// The message for a command line CLI11 rejected, in the same "treatysim: error:" form as every
// other error. CLI11 reports an unknown subcommand or top-level option as "A subcommand is
// required"; name it instead.
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& e, int argc,
                                char** argv) {
  if (app.get_subcommands().empty() && argc > 1) {
    const std::string first = argv[1];
    if (first.size() > 1 && first[0] == '-') {
      return "unknown option \"" + first +
             "\" (options go after the subcommand: treatysim SUBCOMMAND [OPTIONS])";
    }
    if (!first.empty()) {
      std::string names;
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
      }
      return "unknown subcommand \"" + first + "\" (the subcommands are " + names + ")";
    }
  }
  return e.what();
}

// Where the ranks other than 0 send what rank 0 prints: nowhere.
std::ostream& null_stream() {
  static std::ostream stream(nullptr);
  return stream;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace treatysim::cli;
  // Under mpirun or srun this process is one rank of an MPI job (mpi/job.hpp); in a plain run, a
  // job of one that never touches MPI. Rank 0 prints; the other ranks' messages would repeat it.
  const treatysim::mpi::Job job;
  if (job.refusal()) {
    if (job.root()) std::cerr << "treatysim: error: " << *job.refusal() << "\n";
    return 2;
  }
  std::ostream& err = job.root() ? std::cerr : null_stream();
  CLI::App app{"treatysim — a game-theoretic negotiation simulator (U.S.–China STA and more)",
               "treatysim"};
  app.set_version_flag("--version", std::string("treatysim ") + treatysim::kProgramVersion);
  app.require_subcommand(1);

  RunOptions run;
  auto* run_cmd = app.add_subcommand(
      "run", "Run one negotiation and print it (text), its trace (json) or its offers (csv)");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (TOML)")->required();
  add_agent_options(*run_cmd, run.agents);
  run_cmd->add_option("--seed", run.seed, "Run seed (all randomness derives from it)")
      ->capture_default_str()
      ->check(kSeed);
  run_cmd->add_option("--deadline", run.deadline, "Override the deadline (number of offers)")
      ->check(kDeadline);
  run_cmd->add_option("--svg", run.svg, "Also write the negotiation's picture (SVG) to FILE");
  run_cmd
      ->add_option(
          "--series", run.series,
          "Run a series of N negotiations between the same agents (learning agents keep learning); "
          "prints one line per negotiation")
      ->check(whole_number("a number of negotiations", 1, kMaxSeries));
  run_cmd->add_flag("--model-report", run.model_report,
                    "Also measure each agent's opponent model against the truth after every "
                    "offer (text: a table; json: the trace's \"model_report\")");
  run_cmd->add_option("--format", run.format, "Output: text, json (the trace) or csv (the offers)")
      ->capture_default_str();
  run_cmd->add_option("--out", run.out,
                      "Write to FILE (whole or not at all) instead of standard output");

  std::vector<std::string> validate_files;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Check scenario files; print OK per file or the errors (exit 2)");
  validate_cmd->add_option("files", validate_files, "Files to check")->required();

  std::string agents_format = "text";
  auto* agents_cmd = app.add_subcommand(
      "agents", "List every registered strategy and component with its parameters");
  agents_cmd->add_option("--format", agents_format, "text or json")->capture_default_str();

  std::string replay_trace;
  auto* replay_cmd = app.add_subcommand(
      "replay", "Re-run a saved trace and confirm the result is identical (exit 1 if not)");
  replay_cmd->add_option("trace", replay_trace, "Trace file (JSON, from run --format json)")
      ->required();

  BenchOptions bench;
  auto* bench_cmd =
      app.add_subcommand("bench", "Run many negotiations with tracing off and print throughput");
  bench_cmd->add_option("scenarios", bench.scenarios, "Scenario files")->required();
  add_agent_options(*bench_cmd, bench.agents);
  bench_cmd->add_option("--negotiations", bench.negotiations, "Negotiations per scenario")
      ->capture_default_str()
      ->check(whole_number("a number of negotiations", 1, kMaxBenchNegotiations));
  bench_cmd->add_option("--seed", bench.seed, "Base seed (negotiation i derives its seed from it)")
      ->capture_default_str()
      ->check(kSeed);
  bench_cmd->add_option("--deadline", bench.deadline, "Override the deadline (number of offers)")
      ->check(kDeadline);
  bench_cmd->add_option("--format", bench.format, "text or json")->capture_default_str();

  SimulateOptions simulate;
  auto* simulate_cmd = app.add_subcommand(
      "simulate", "The treaty's life: negotiations, extensions, lapses, compliance, trust, events");
  simulate_cmd->add_option("scenario", simulate.scenario, "Scenario file with a [treaty] section")
      ->required();
  simulate_cmd->add_option("--years", simulate.years, "Horizon in years (default: the scenario's)")
      ->check(whole_number("a number of years", 1, kMaxYears));
  simulate_cmd
      ->add_option("--seed", simulate.seed, "Run seed (default: the scenario's [treaty] seed)")
      ->check(kSeed);
  simulate_cmd
      ->add_option(
          "--runs", simulate.runs,
          "Simulate K seeds (seed, seed+1, ...) in parallel; print the distribution of paths")
      ->check(whole_number("a number of runs", 1, kMaxSimulateRuns));
  simulate_cmd->add_option("--jobs", simulate.jobs, "Threads for --runs (default: all cores)")
      ->check(kJobs);
  simulate_cmd->add_option("--format", simulate.format, "text, json or csv")->capture_default_str();
  simulate_cmd->add_option("--out", simulate.out,
                           "Write to FILE (whole or not at all) instead of standard output");

  AnalyzeOptions analyze;
  auto* analyze_cmd = app.add_subcommand(
      "analyze", "The outcome space: frontier, bargaining solutions, ZOPA, equilibrium");
  analyze_cmd->add_option("scenario", analyze.scenario, "Scenario file (TOML)")->required();
  analyze_cmd->add_option("--format", analyze.format, "text or json")->capture_default_str();
  analyze_cmd->add_option(
      "--outcome", analyze.outcome,
      "Metrics of one outcome: option ids in issue order, e.g. S0/IP1/D1/G1/T2");
  analyze_cmd->add_option("--svg", analyze.svg, "Write the outcome-space picture (SVG) to FILE");
  analyze_cmd
      ->add_option("--time-limit", analyze.time_limit,
                   "Seconds for the exact frontier of a scenario with interaction terms on a space "
                   "too large to enumerate; past it, the best frontier found (not proven)")
      ->check(CLI::NonNegativeNumber);
  analyze_cmd->add_option(
      "--compare", analyze.compare,
      "Another scenario on the same issues and options (e.g. the additive model of a linked one): "
      "how many of its frontier outcomes and whether its Nash outcome are Pareto-optimal here; "
      "with --svg its frontier is drawn too");

  PlayOptions play;
  auto* play_cmd =
      app.add_subcommand("play", "Bargain against an agent in the terminal: you take one side");
  play_cmd->add_option("scenario", play.scenario, "Scenario file (TOML)")->required();
  play_cmd->add_option("--as", play.as, "The party you play (its id, e.g. us)")->required();
  play_cmd->add_option("--against", play.against, "The agent's strategy (default: the scenario's)");
  play_cmd->add_option("--seed", play.seed, "Run seed")->check(kSeed)->capture_default_str();
  play_cmd->add_option("--deadline", play.deadline, "Override the deadline (number of offers)")
      ->check(kDeadline);

  ImportGeniusOptions import_genius;
  auto* import_genius_cmd = app.add_subcommand(
      "import-genius",
      "Convert a GENIUS / ANAC scenario (domain XML + two utility profiles) to a scenario file");
  import_genius_cmd->add_option("domain", import_genius.domain, "Domain file (XML)")->required();
  import_genius_cmd
      ->add_option("profile_a", import_genius.profile_a,
                   "Utility profile (XML) of the first party (it moves first)")
      ->required();
  import_genius_cmd
      ->add_option("profile_b", import_genius.profile_b,
                   "Utility profile (XML) of the second party")
      ->required();
  import_genius_cmd->add_option(
      "-o,--out", import_genius.out,
      "Write the scenario to FILE (whole or not at all) instead of standard output");
  import_genius_cmd
      ->add_option("--deadline", import_genius.deadline,
                   "Deadline in offers (GENIUS's discount d becomes d^(1/(N-1)) per offer)")
      ->capture_default_str()
      ->check(kDeadline);
  import_genius_cmd->add_option("--id", import_genius.id,
                                "Scenario id (default: from the domain file name)");
  import_genius_cmd->add_option("--parties", import_genius.parties, "The two party ids, A,B")
      ->capture_default_str();
  import_genius_cmd->add_option("--agent", import_genius.agent, "Default strategy of both parties")
      ->capture_default_str();

  ImportGeniusOptions import_geniusweb;
  auto* import_geniusweb_cmd = app.add_subcommand(
      "import-geniusweb",
      "Convert a GeniusWeb / ANAC scenario (domain JSON + two LinearAdditiveUtilitySpace profiles) "
      "to a scenario file");
  import_geniusweb_cmd->add_option("domain", import_geniusweb.domain, "Domain file (JSON)")
      ->required();
  import_geniusweb_cmd
      ->add_option("profile_a", import_geniusweb.profile_a,
                   "Profile (JSON) of the first party (it moves first)")
      ->required();
  import_geniusweb_cmd
      ->add_option("profile_b", import_geniusweb.profile_b, "Profile (JSON) of the second party")
      ->required();
  import_geniusweb_cmd->add_option(
      "-o,--out", import_geniusweb.out,
      "Write the scenario to FILE (whole or not at all) instead of standard output");
  import_geniusweb_cmd
      ->add_option("--deadline", import_geniusweb.deadline,
                   "Deadline in offers (GeniusWeb profiles have no discounting)")
      ->check(kDeadline)
      ->capture_default_str();
  import_geniusweb_cmd->add_option("--id", import_geniusweb.id,
                                   "Scenario id (default: from the domain's name)");
  import_geniusweb_cmd->add_option("--parties", import_geniusweb.parties, "The two party ids, A,B")
      ->capture_default_str();
  import_geniusweb_cmd
      ->add_option("--agent", import_geniusweb.agent, "Default strategy of both parties")
      ->capture_default_str();
  import_geniusweb_cmd->footer(
      "Utilities are GeniusWeb's: the weighted sum of the value utilities, not rescaled; the "
      "weights must sum to exactly 1. The reservation bid's utility is the reservation value (0 "
      "without one). Only LinearAdditiveUtilitySpace profiles with discrete value sets can be "
      "imported. See docs/geniusweb.md.");

  EvolveOptions evolve;
  auto* evolve_cmd = app.add_subcommand(
      "evolve",
      "Population dynamics (replicator, Moran) and the meta-game's Nash equilibria and regrets "
      "of a payoff matrix");
  evolve_cmd
      ->add_option("file", evolve.file,
                   "A tournament's summary.json (with self-play) or a payoff-matrix TOML file")
      ->required();
  evolve_cmd
      ->add_option("--generations", evolve.generations,
                   "Replicator time horizon and Moran generations (N birth-death steps each)")
      ->capture_default_str()
      ->check(whole_number("a number of generations", 1, treatysim::kMaxGenerations));
  evolve_cmd->add_option("--population", evolve.population, "Moran population size N")
      ->capture_default_str()
      ->check(
          whole_number("a population size", treatysim::kMinPopulation, treatysim::kMaxPopulation));
  evolve_cmd
      ->add_option("--selection", evolve.selection,
                   "Moran selection intensity w: fitness 1 - w + w*payoff (0: neutral drift)")
      ->capture_default_str()
      ->check(real_number("a selection intensity", 0.0, 1.0));
  evolve_cmd
      ->add_option("--runs", evolve.runs,
                   "Moran runs averaged per trajectory and per fixation probability")
      ->capture_default_str()
      ->check(whole_number("a number of runs", 1, treatysim::kMaxMoranRuns));
  evolve_cmd->add_option("--seed", evolve.seed, "Moran run seed")
      ->capture_default_str()
      ->check(kSeed);
  evolve_cmd->add_option(
      "--initial-shares", evolve.initial_shares,
      "Starting shares, one per strategy, e.g. 0.8,0.2 (normalised; default: equal shares)");
  evolve_cmd->add_option("--out", evolve.out,
                         "Write the shares over time to FILE.csv (whole or not at all)");
  evolve_cmd->add_option("--format", evolve.format, "text or json")->capture_default_str();
  evolve_cmd
      ->add_option("--jobs", evolve.jobs,
                   "Threads for the Moran runs (default: all cores; same results)")
      ->check(CLI::Range(0, 1024));

  SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand(
      "sweep", "Score a strategy over a grid of one or two parameters; write a CSV and a chart");
  sweep_cmd->add_option("file", sweep.file, "Sweep file (TOML, a [sweep] table)")->required();
  sweep_cmd->add_option("--csv", sweep.csv,
                        "Write the CSV to FILE (default: the sweep file's name with .csv)");
  sweep_cmd->add_option("--svg", sweep.svg,
                        "Write the chart to FILE (default: the sweep file's name with .svg)");
  sweep_cmd->add_option("--jobs", sweep.jobs, "Threads (default: all cores; same results)")
      ->check(kJobs);

  TuneOptions tune;
  auto* tune_cmd = app.add_subcommand(
      "tune", "Optimise a strategy's numeric parameters against opponents (NLopt)");
  tune_cmd->add_option("file", tune.file, "Tuning file (TOML, a [tune] table)")->required();
  tune_cmd->add_option("--jobs", tune.jobs, "Threads (default: all cores; same results)")
      ->check(kJobs);

  TournamentOptions tournament;
  auto* tournament_cmd = app.add_subcommand(
      "tournament", "Run every competitor against every other on every scenario, in parallel");
  tournament_cmd
      ->add_option("file", tournament.file, "Tournament file (TOML, a [tournament] table)")
      ->required();
  tournament_cmd->add_option("--jobs", tournament.jobs, "Threads (default: all cores; same files)")
      ->check(kJobs);
  tournament_cmd->add_option(
      "--out", tournament.out,
      "Output folder for negotiations.csv and summary.json (default: tournament-NAME)");
  tournament_cmd->add_flag("--resume", tournament.resume,
                           "Finish an interrupted run recorded in the output folder");
  tournament_cmd->add_option(
      "--shard", tournament.shard,
      "Play only shard i of n: the negotiations whose index k has k mod n = i-1 (merge the "
      "folders with `treatysim merge`)");
  tournament_cmd->add_flag("--traces", tournament.traces,
                           "Also write every negotiation's full trace to OUT/traces/INDEX.json");
  tournament_cmd
      ->add_option("--chunk", tournament.chunk,
                   "Negotiations per chunk: written to the journal at a time and, under MPI, the "
                   "most handed to a rank at once (default: total/32 within 256-4096; same files)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));
  tournament_cmd->footer(
      "Ranking: mean discounted utility per competitor (both sides, every scenario and "
      "repetition) with a 95% Student-t confidence interval. Adjacent ranks: two-sided paired "
      "t-test on matched cells (same opponent, scenario and side; a cell's value is the mean "
      "utility there), p-values adjusted by Holm's step-down method over the adjacent pairs; "
      "significant when the adjusted p <= 0.05. Negotiation k's seed is derived from the base seed "
      "and k alone, so files are identical for any --jobs and for merged shards. Ctrl-C stops "
      "cleanly (exit status 130); --resume finishes the run.");

  MergeOptions merge;
  auto* merge_cmd = app.add_subcommand(
      "merge", "Merge the output folders of a tournament's shards into one run's files");
  merge_cmd->add_option("dirs", merge.dirs, "Output folders of `tournament --shard i/n` runs")
      ->required();
  merge_cmd->add_option("--out", merge.out, "Folder to write")->required();

  ClassOptions class_options;
  auto* class_cmd = app.add_subcommand(
      "class", "Class mode: students negotiate from their browsers, the projector shows it live");
  class_cmd->add_option("scenario", class_options.scenario, "Scenario file (TOML)")->required();
  class_cmd->add_option("--port", class_options.port, "Port to listen on (0: a free one)")
      ->check(whole_number("a port number (0: a free one)", 0, 65535))
      ->capture_default_str();
  class_cmd
      ->add_option("--bind", class_options.bind,
                   "Address to listen on: 0.0.0.0 lets phones and laptops in the room join")
      ->capture_default_str();
  class_cmd->add_option("--db", class_options.db,
                        "Class database (SQLite; default class-SCENARIO_ID.sqlite); an existing "
                        "one resumes its class");
  class_cmd
      ->add_option("--deadline", class_options.deadline,
                   "Default deadline of rounds in offers (default: the scenario's)")
      ->check(kDeadline);
  class_cmd->add_option("--seed", class_options.seed, "Run seed of pairings and agents (default 1)")
      ->check(kSeed);
  class_cmd->add_option("--against", class_options.against,
                        "The agent students meet (default: the scenario's strategy for that side)");
  class_cmd->add_option("--ready-file", class_options.ready_file,
                        "Once listening, write the URLs, code, teacher token and port (JSON)");

  ClassExportOptions class_export;
  auto* class_export_cmd = app.add_subcommand(
      "class-export",
      "Write a class database's negotiations: OUT/negotiations.csv, OUT/traces/K.json");
  class_export_cmd->add_option("db", class_export.db, "Class database (SQLite)")->required();
  class_export_cmd->add_option("--out", class_export.out, "Folder to write")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
      return app.exit(e);  // --help, --version
    const auto parsed = app.get_subcommands();
    const std::string help =
        parsed.empty() ? "treatysim --help" : "treatysim " + parsed.front()->get_name() + " --help";
    err << "treatysim: error: " << parse_error_message(app, e, argc, argv) << "\n";
    // A bad value gets one line, as when a command finds it; a malformed command line the hint.
    if (dynamic_cast<const CLI::ValidationError*>(&e) == nullptr) {
      err << "Run `" << help << "` for more information.\n";
    }
    return 2;
  }

  // Over several ranks: the commands whose work spreads over them, each told of the job; the
  // others run in one process.
  if (job.distributed()) {
    const auto parsed = app.get_subcommands();
    const std::string name = parsed.empty() ? std::string() : parsed.front()->get_name();
    if (name != "tournament" && name != "sweep" && name != "tune" && name != "simulate" &&
        name != "evolve") {
      err << "treatysim: error: " << name
          << ": this command runs in one process; start it without mpirun or srun (the "
          << "commands that spread over MPI ranks: tournament, sweep, tune, simulate --runs, "
          << "evolve)\n";
      return 2;
    }
  }
  tournament.job = &job;
  sweep.job = &job;
  tune.job = &job;
  simulate.job = &job;
  evolve.job = &job;

  try {
    if (*run_cmd) return run_command(run, std::cout);
    if (*validate_cmd) return validate_command(validate_files, std::cout, std::cerr);
    if (*agents_cmd) return agents_command(agents_format, std::cout);
    if (*replay_cmd) return replay_command(replay_trace, std::cout);
    if (*bench_cmd) return bench_command(bench, std::cout);
    if (*analyze_cmd) return analyze_command(analyze, std::cout);
    if (*import_genius_cmd) return import_genius_command(import_genius, std::cout);
    if (*import_geniusweb_cmd) return import_geniusweb_command(import_geniusweb, std::cout);
    if (*evolve_cmd) return evolve_command(evolve, std::cout);
    if (*sweep_cmd) {
      sweep.progress = job.root() && ::isatty(STDERR_FILENO) != 0;
      return sweep_command(sweep, std::cout);
    }
    if (*tune_cmd) {
      tune.progress = job.root() && ::isatty(STDERR_FILENO) != 0;
      return tune_command(tune, std::cout);
    }
    if (*tournament_cmd) {
      tournament.interactive = ::isatty(STDERR_FILENO) != 0;
      return tournament_command(tournament, std::cout);
    }
    if (*merge_cmd) return merge_command(merge, std::cout);
    if (*class_cmd) {
      class_options.ansi = ::isatty(STDOUT_FILENO) != 0;
      return class_command(class_options, std::cout);
    }
    if (*class_export_cmd) return class_export_command(class_export, std::cout);
    if (*simulate_cmd) {
      simulate.progress = job.root() && ::isatty(STDERR_FILENO) != 0;
      return simulate_command(simulate, std::cout);
    }
    if (*play_cmd) {
      play.echo_input = ::isatty(STDIN_FILENO) == 0;
      return play_command(play, std::cin, std::cout);
    }
  } catch (const treatysim::UserError& e) {
    err << "treatysim: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
