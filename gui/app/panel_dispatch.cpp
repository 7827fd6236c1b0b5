#include "gui/app/panel_dispatch.hpp"

#include "gui/panels/clause_board.hpp"
#include "gui/panels/controls.hpp"
#include "gui/panels/human_play.hpp"
#include "gui/panels/narration_bar.hpp"
#include "gui/panels/outcome_space.hpp"
#include "gui/panels/replay_bar.hpp"
#include "gui/panels/scenario_editor.hpp"
#include "gui/panels/timeline.hpp"
#include "gui/panels/tournament_view.hpp"
#include "gui/panels/utilities_over_rounds.hpp"

namespace treatysim::gui {

PanelSet wired_panels() noexcept {
  return kAllPanels;
}

void draw_panel(PanelId id, AppContext& ctx) {
  switch (id) {
    case PanelId::kControls:
      draw_controls(ctx);
      break;
    case PanelId::kHumanPlay:
      draw_human_play(ctx);
      break;
    case PanelId::kScenarioEditor:
      draw_scenario_editor(ctx);
      break;
    case PanelId::kOutcomeSpace:
      draw_outcome_space(ctx);
      break;
    case PanelId::kClauseBoard:
      draw_clause_board(ctx);
      break;
    case PanelId::kReplayBar:
      draw_replay_bar(ctx);
      break;
    case PanelId::kNarration:
      draw_narration_bar(ctx);
      break;
    case PanelId::kUtilities:
      draw_utilities_over_rounds(ctx);
      break;
    case PanelId::kTimeline:
      draw_timeline(ctx);
      break;
    case PanelId::kTournament:
      draw_tournament_view(ctx);
      break;
  }
}

bool panel_needs_scenario(PanelId id) noexcept {
  return id != PanelId::kControls && id != PanelId::kReplayBar && id != PanelId::kTournament;
}

}  // namespace treatysim::gui
