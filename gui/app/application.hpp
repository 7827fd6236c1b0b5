// The treatysim-gui application: opens the window, runs the main loop (events, shortcuts,
// session.update, layout, panels, overlays, render, screenshots) and the non-interactive modes
// (--screenshot/--frames, --bench-frames, --script). gui/main.cpp parses the command line into
// AppOptions and calls run_application.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gui/logic/layout.hpp"

namespace treatysim::gui {

/// What the command line asks for.
struct AppOptions {
  std::string scenario_path;           ///< The scenario to open (resolved; see resolve_path).
  std::string fallback_scenario_path;  ///< Opened instead when scenario_path fails ("" none).
  bool presenter = false;              ///< Start in presenter mode.
  std::string replay_path;             ///< A trace to open in Replay mode ("" none).
  std::string tournament_path;         ///< Tournament results (folder, summary.json or matrix TOML)
                                       ///< to open in Tournament mode ("" none).
  std::optional<std::uint64_t> seed;   ///< The run seed (else the session's default, 42).
  std::optional<Mode> mode;            ///< The mode to start in (else Simulate, or Replay).
  std::string screenshot_path;         ///< Save the last frame here, then exit ("" none).
  int frames = 0;                      ///< Frames to render before exiting (0: interactive).
  int bench_frames = 0;                ///< Render this many frames of a busy state and report.
  int bench_offers = 2000;             ///< Offers in the benchmark's history.
  std::string script_path;             ///< Scripted input (script.hpp), "" none.
  std::string save_trace_path;         ///< Save the session's trace here at exit ("" none).
  std::string estimate_party;          ///< Show this party's opponent-model estimate ("" none).
  unsigned width = 1280;               ///< Window width in pixels.
  unsigned height = 800;               ///< Window height in pixels.
};

/// Runs the window until it is closed (or the frames / script / benchmark are done) and returns
/// the exit status: 0 normally, 2 when there is no display, 3 when a script step failed, 1 when a
/// requested screenshot or trace could not be written.
[[nodiscard]] int run_application(const AppOptions& options);

/// `path` when it exists relative to the working directory, else the same path under the source
/// tree (TREATYSIM_GUI_SOURCE_DIR) when it exists there, else `path` unchanged.
[[nodiscard]] std::string resolve_path(const std::string& path);

/// The scenario files offered in the picker: configs/*.toml (relative to the working
/// directory, or else in the source tree), sorted.
[[nodiscard]] std::vector<std::string> find_scenario_files();

/// The mode named on the command line ("simulate", "play", "edit", "replay", "tournament").
[[nodiscard]] std::optional<Mode> mode_from_name(const std::string& name) noexcept;

}  // namespace treatysim::gui
