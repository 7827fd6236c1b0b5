// What every panel of the window receives: the session, the mode, presenter settings, fonts and
// the hooks back into the application (error dialog, screenshots). Owned by the application;
// panels read it and may set the outcome fields.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/outcome.hpp"
#include "gui/logic/layout.hpp"  // Mode
#include "gui/logic/session.hpp"
#include "gui/logic/visibility.hpp"

struct ImFont;

namespace treatysim::gui {

class Lifecycle;
class ScenarioEditor;
class TournamentView;

/// The fonts of the current frame (rebuilt larger for presenter mode); never null once the
/// application has started.
struct Fonts {
  ImFont* body = nullptr;     ///< Running text and widgets.
  ImFont* small = nullptr;    ///< Axis labels, captions, legends.
  ImFont* heading = nullptr;  ///< Panel titles and the scenario title.
  ImFont* bold = nullptr;     ///< Emphasis inside running text (party names, labels).
};

/// Everything a panel function `draw_<name>(AppContext&)` may use.
struct AppContext {
  /// The negotiation shown in the window.
  Session& session;
  /// The active mode (tab).
  Mode mode = Mode::kSimulate;
  /// True in presenter mode: high contrast, big fonts, fewer panels.
  bool presenter = false;
  /// The fonts of this frame.
  Fonts fonts{};
  /// 1 normally, about 2 in presenter mode: multiply fixed pixel sizes (line widths, markers).
  float ui_scale = 1.0f;
  /// The scenario files in configs/ (paths relative to the working directory), sorted.
  std::vector<std::string> scenario_files{};
  /// Opens the error dialog with this message (the same text the CLI prints).
  std::function<void(const std::string&)> report_error{};
  /// Saves a screenshot of this frame to this path (taken before the frame is displayed).
  std::function<void(const std::string&)> request_screenshot{};
  /// The outcome under the mouse in the outcome space this frame, for the other panels.
  std::optional<Outcome> hovered_outcome{};
  /// An outcome clicked in the outcome space (read and cleared by human play).
  std::optional<Outcome> picked_outcome{};
  /// GC's model of the treaty's life for the session's scenario (null until created).
  Lifecycle* lifecycle = nullptr;
  /// GC's scenario editor model (null until created).
  ScenarioEditor* editor = nullptr;
  /// The tournament view's model (results, population dynamics); null until created.
  TournamentView* tournament = nullptr;
  /// The party whose opponent model the outcome space draws beside the truth (its estimate of
  /// the other side as a second cloud and frontier), or none.
  std::optional<PartyIndex> shown_estimate{};
  /// True when the rounds panel shows the opponent models' accuracy instead of the utilities.
  bool show_accuracy = false;
};

/// Whose values the panels may show now (visibility.hpp), from the mode and the session's state.
/// Computed at each call, so a panel drawn after a move in the same frame already follows it.
[[nodiscard]] inline ValueVisibility visible_values(const AppContext& ctx) {
  const Session& session = ctx.session;
  if (!session.has_scenario()) return ValueVisibility::all();
  return value_visibility(ctx.mode, session.scenario().protocol().information,
                          play_phase(session.human(), session.replaying(), session.done()),
                          session.human());
}

}  // namespace treatysim::gui
