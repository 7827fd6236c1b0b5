// treatysim-gui: the interactive window. Parses the command line (the only GUI file that
// includes CLI11) and hands over to the application (gui/app/application.hpp).
//
//   treatysim-gui [SCENARIO] [--presenter] [--replay TRACE] [--tournament RESULTS] [--seed N]
//                 [--mode MODE] [--estimate ID]
//                 [--screenshot FILE --frames N] [--bench-frames N] [--script FILE]
//                 [--save-trace FILE]
#include <CLI/CLI.hpp>

#include <cstdint>
#include <iostream>
#include <string>

#include "gui/app/application.hpp"
#include "gui/platform/allocator.hpp"

int main(int argc, char** argv) {
  treatysim::gui::retain_freed_heap_memory();
  using treatysim::gui::AppOptions;
  constexpr const char* kDefaultScenario = "configs/sta-2024.toml";

  CLI::App app{"treatysim-gui: watch, play and edit treaty negotiations in a window"};
  std::string scenario;
  std::uint64_t seed = 0;
  std::string mode_name;
  AppOptions options;
  app.add_option("scenario", scenario,
                 "Scenario file to open (default: configs/sta-2024.toml, looked up in the "
                 "working directory, then in the source tree)");
  app.add_flag("--presenter", options.presenter,
               "Start in presenter mode: big fonts, high contrast, fewer panels");
  app.add_option("--replay", options.replay_path, "Open a saved trace (JSON) in Replay mode");
  app.add_option("--tournament", options.tournament_path,
                 "Open a tournament's results (the --out folder of `treatysim tournament`, or its "
                 "summary.json) or a payoff-matrix TOML file in Tournament mode");
  auto* seed_option = app.add_option("--seed", seed, "Run seed of the negotiation");
  app.add_option("--mode", mode_name, "Start in this mode")
      ->check(CLI::IsMember({"simulate", "play", "edit", "replay", "tournament"}));
  auto* screenshot_option = app.add_option(
      "--screenshot", options.screenshot_path,
      "Render --frames frames (playing the negotiation), save the last one as this PNG, exit");
  auto* frames_option =
      app.add_option("--frames", options.frames, "Frames to render before exiting")
          ->check(CLI::Range(1, 1'000'000));
  screenshot_option->needs(frames_option);
  app.add_option("--bench-frames", options.bench_frames,
                 "Render this many frames of a busy state (2,000-offer history, treaty timeline) "
                 "and print the mean and 95th-percentile frame time")
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--bench-offers", options.bench_offers, "Offers in the benchmark's history")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--script", options.script_path,
                 "Feed the synthetic input events listed in FILE (see gui/app/script.hpp), "
                 "then exit");
  app.add_option("--save-trace", options.save_trace_path,
                 "Save the negotiation's trace (JSON) to FILE at exit");
  app.add_option("--estimate", options.estimate_party,
                 "Show party ID's opponent-model estimate of the other side beside the truth, "
                 "and the models' accuracy over rounds");
  app.add_option("--width", options.width, "Window width in pixels")
      ->capture_default_str()
      ->check(CLI::Range(320U, 8192U));
  app.add_option("--height", options.height, "Window height in pixels")
      ->capture_default_str()
      ->check(CLI::Range(240U, 8192U));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::cerr << "treatysim-gui: error: " << e.what() << "\n"
              << "Run `treatysim-gui --help` for more information.\n";
    return 2;
  }
  if (*seed_option) options.seed = seed;
  if (!mode_name.empty()) options.mode = treatysim::gui::mode_from_name(mode_name);
  const std::string fallback = treatysim::gui::resolve_path(kDefaultScenario);
  options.scenario_path = scenario.empty() ? fallback : scenario;
  options.fallback_scenario_path = fallback;
  return treatysim::gui::run_application(options);
}
