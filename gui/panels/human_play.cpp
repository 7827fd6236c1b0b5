// human_play.cpp — side picker, clause-by-clause offer builder, moves and the end-of-game summary.
#include "gui/panels/human_play.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/user_error.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/control_rows.hpp"
#include "gui/logic/human_play.hpp"
#include "gui/logic/text_wrap.hpp"
#include "gui/panels/model_controls.hpp"

namespace treatysim::gui {

namespace {

constexpr float kDefaultPause = 0.8f;

struct PanelState {
  OfferBuilder builder;
  std::string scenario_hash;  // the scenario the builder was reset for
  std::optional<PartyIndex> side;
  float pause = kDefaultPause;
  bool pause_applied = false;
};

PanelState& panel_state() {
  static PanelState state;
  return state;
}

ImVec4 to_vec4(Rgba c) {
  return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f);
}

std::string two(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// ".91" for 0.91 (buttons are narrow), "1.00" for 1.
std::string compact(double value) {
  std::string text = two(value);
  if (text.rfind("0.", 0) == 0) text.erase(0, 1);
  return text;
}

// Runs a move; a UserError (not your turn, not an outcome) goes to the error dialog.
template <typename Move>
void move(AppContext& ctx, Move&& action) {
  try {
    action();
  } catch (const UserError& error) {
    ctx.report_error(error.what());
  }
}

void text_colored(Rgba colour, const std::string& text) {
  ImGui::TextColored(to_vec4(colour), "%s", text.c_str());
}

void draw_side_picker(AppContext& ctx) {
  const Scenario& scenario = ctx.session.scenario();
  ImGui::TextWrapped("Negotiate yourself against a strategy. Pick your side:");
  ImGui::Spacing();
  const float width = ImGui::GetContentRegionAvail().x;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const Rgba colour = party_color(p);
    ImGui::PushStyleColor(ImGuiCol_Button, colour.packed());
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, shade(colour, 1.15).packed());
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, shade(colour, 0.85).packed());
    const std::string label = "Play " + scenario.party(p).name + "###play-" + std::to_string(p);
    if (ImGui::Button(label.c_str(), ImVec2(width, 0.0f))) {
      move(ctx, [&] { ctx.session.set_human(p); });
    }
    ImGui::PopStyleColor(3);
    ImGui::PushFont(ctx.fonts.small);
    const PartyIndex other = other_party(p);
    // Wrapped: the strategy's spec is long in presenter mode's large text.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("against %s playing %s", scenario.party(other).name.c_str(),
                       ctx.session.specs()[other].to_string().c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Spacing();
  }
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.small);
  ImGui::TextWrapped(shows_other_utility(scenario)
                         ? "Complete information: you will see what each offer is worth to the "
                           "other side."
                         : "Private information: you see only what offers are worth to you, as "
                           "the agent does.");
  ImGui::PopFont();
}

// The status line: whose move it is, the offer on the table, the agent's pause.
void draw_status(AppContext& ctx, PartyIndex you) {
  const Scenario& scenario = ctx.session.scenario();
  const PartyIndex agent = other_party(you);
  const std::string& agent_name = scenario.party(agent).name;
  const int made = static_cast<int>(ctx.session.offers().size());
  if (ctx.session.done()) {
    const auto result = ctx.session.result();
    ImGui::Text("The game is over after %d offer%s.", result ? result->offers : made,
                (result ? result->offers : made) == 1 ? "" : "s");
    return;
  }
  if (ctx.session.awaiting_human_response()) {
    const auto table = ctx.session.offer_on_table();
    if (table) {
      text_colored(party_color(agent),
                   agent_name + " offers " + scenario.space().format(table->outcome) + ".");
      std::string worth = "It is worth " + two(table->utilities[you]) + " to you";
      if (shows_other_utility(scenario)) {
        worth += ", " + two(table->utilities[agent]) + " to " + agent_name;
      }
      ImGui::TextWrapped("%s (walking away: %s).", worth.c_str(),
                         two(ctx.session.reservation_values()[you]).c_str());
    }
    ImGui::TextDisabled("Accept, walk away, or counter:");
    if (ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 22.0f) ImGui::SameLine();
    if (ImGui::SmallButton("use their offer###from-theirs") && table) {
      panel_state().builder.set_offer(scenario, table->outcome);
    }
  } else if (ctx.session.awaiting_human_offer()) {
    ImGui::Text("Your offer: offer %d of %d.", made + 1, ctx.session.deadline());
  } else {
    const double left = ctx.session.agent_pause_left();
    text_colored(party_color(agent), agent_name + " is thinking…");
    const float total = std::max(panel_state().pause, 0.001f);
    ImGui::ProgressBar(1.0f - static_cast<float>(left) / total, ImVec2(-1.0f, 4.0f * ctx.ui_scale),
                       "");
  }
  if (made + 1 >= ctx.session.deadline() && !ctx.session.done()) {
    ImGui::TextColored(to_vec4(kDeadlineRed), "Last offer: rejecting it ends without agreement.");
  }
}

// One clause: its label, the chosen option, and a button per option coloured by its worth.
void draw_clause(AppContext& ctx, PanelState& state, std::size_t issue_index, bool enabled) {
  const Scenario& scenario = ctx.session.scenario();
  const Issue& issue = scenario.space().issue(issue_index);
  const PartyIndex agent = other_party(state.builder.you());
  const int chosen = state.builder.offer()[issue_index];
  ImGui::PushID(issue.id.c_str());
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(issue.label.c_str());
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  // The chosen option's label in the room left on the line, whole on hover.
  const std::string& chosen_label = issue.options[static_cast<std::size_t>(chosen)].label;
  ImGui::SameLine();
  const std::string shown = fit_with_ellipsis(
      chosen_label, ImGui::GetContentRegionAvail().x,
      [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; });
  ImGui::TextDisabled("%s", shown.c_str());
  if (shown != chosen_label && ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", chosen_label.c_str());
  }
  const auto worths = state.builder.option_worths(scenario, issue_index);
  const auto tooltip = [&](const OptionWorth& w) {
    const Option& option = issue.options[static_cast<std::size_t>(w.option)];
    std::string text = option.id + " — " + option.label;
    if (!option.description.empty()) text += "\n" + option.description;
    text += "\nThe offer with it: " + two(w.own_utility) + " to you";
    if (w.other_utility) text += ", " + two(*w.other_utility) + " to " + scenario.party(agent).name;
    ImGui::SetTooltip("%s", text.c_str());
  };
  ImGui::BeginDisabled(!enabled);
  if (worths.size() > 8) {
    int level = chosen;
    ImGui::SetNextItemWidth(-1.0f);
    const std::string format = "%d: " + issue.options[static_cast<std::size_t>(chosen)].label +
                               " (you " +
                               two(worths[static_cast<std::size_t>(chosen)].own_utility) + ")";
    if (ImGui::SliderInt("##level", &level, 0, static_cast<int>(worths.size()) - 1,
                         format.c_str())) {
      state.builder.choose(issue_index, level);
    }
    if (ImGui::IsItemHovered()) tooltip(worths[static_cast<std::size_t>(chosen)]);
  } else {
    // Equal buttons, as many per row as their labels allow (they wrap on narrow panels).
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto label_of = [&](const OptionWorth& w) {
      std::string text =
          issue.options[static_cast<std::size_t>(w.option)].id + " " + compact(w.own_utility);
      if (w.other_utility) text += "/" + compact(*w.other_utility);
      return text;
    };
    float widest = 0.0f;
    for (const OptionWorth& w : worths) {
      widest = std::max(widest, ImGui::CalcTextSize(label_of(w).c_str()).x);
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const float needed = widest + 2.0f * style.FramePadding.x;
    const int per_row =
        std::clamp(static_cast<int>((avail + style.ItemSpacing.x) / (needed + style.ItemSpacing.x)),
                   1, static_cast<int>(worths.size()));
    const float width = (avail - style.ItemSpacing.x * static_cast<float>(per_row - 1)) /
                        static_cast<float>(per_row);
    for (const OptionWorth& w : worths) {
      const Option& option = issue.options[static_cast<std::size_t>(w.option)];
      if (w.option % per_row != 0) ImGui::SameLine();
      const Rgba fill = utility_color(w.own_utility);
      const bool selected = w.option == chosen;
      ImGui::PushStyleColor(ImGuiCol_Button, fill.with_alpha(selected ? 255 : 120).packed());
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill.with_alpha(200).packed());
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, fill.packed());
      ImGui::PushStyleColor(ImGuiCol_Border,
                            selected ? kSolutionGold.packed() : Rgba{0, 0, 0, 0}.packed());
      ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, selected ? 2.0f * ctx.ui_scale : 0.0f);
      // The label shows the option id and your utility; the ID is the option id alone.
      const std::string label = label_of(w) + "###" + option.id;
      if (ImGui::Button(label.c_str(), ImVec2(width, 0.0f))) {
        state.builder.choose(issue_index, w.option);
      }
      ImGui::PopStyleVar();
      ImGui::PopStyleColor(4);
      if (ImGui::IsItemHovered()) tooltip(w);
    }
  }
  ImGui::EndDisabled();
  ImGui::PopID();
}

void draw_summary(AppContext& ctx, PartyIndex you) {
  const auto result = ctx.session.result();
  if (!result) return;
  const Scenario& scenario = ctx.session.scenario();
  const GameSummary summary =
      summarize_game(scenario, ctx.session.analysis(), you, *result, ctx.session.events());
  const PartyIndex agent = other_party(you);
  if (ctx.fonts.heading != nullptr) ImGui::PushFont(ctx.fonts.heading);
  ImGui::TextUnformatted(summary.agreement ? "Agreement" : "No agreement");
  if (ctx.fonts.heading != nullptr) ImGui::PopFont();
  if (visible_values(ctx).debrief) {
    // Under private information the other side's values were hidden until now.
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextWrapped(
        "Debrief: %s's values, private during the game, are shown now, here and "
        "in the outcome space.",
        scenario.party(agent).name.c_str());
    ImGui::PopFont();
  }
  // The rows: what, its clauses, its worth to you and to them.
  struct Row {
    std::string what;
    std::string clauses;
    std::array<double, kPartyCount> utilities;
  };
  std::vector<Row> rows;
  if (summary.deal) {
    rows.push_back({"Your deal", scenario.space().format(*summary.deal), summary.deal_utilities});
  }
  if (summary.nash) {
    rows.push_back(
        {"Nash solution", scenario.space().format(summary.nash->outcome), summary.nash->utilities});
  }
  rows.push_back({"Walking away", "\xE2\x80\x94", summary.reservation});
  rows.push_back({"Their ideal", scenario.space().format(summary.agent_ideal.outcome),
                  summary.agent_ideal.utilities});
  if (summary.agent_best_offer) {
    rows.push_back({"Their best offer", scenario.space().format(summary.agent_best_offer->outcome),
                    summary.agent_best_offer->utilities});
  }
  // Four columns when they fit the panel; else the clauses go under each row's name (presenter
  // mode), so that nothing is cut.
  const ImGuiStyle& style = ImGui::GetStyle();
  float what_width = 0.0f;
  float clauses_width = 0.0f;
  for (const Row& row : rows) {
    what_width = std::max(what_width, ImGui::CalcTextSize(row.what.c_str()).x);
    clauses_width = std::max(clauses_width, ImGui::CalcTextSize(row.clauses.c_str()).x);
  }
  const float number_width = std::max(ImGui::CalcTextSize("0.00").x, ImGui::CalcTextSize("them").x);
  const bool four = what_width + clauses_width + 2.0f * number_width + 8.0f * style.CellPadding.x <=
                    ImGui::GetContentRegionAvail().x;
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("##summary", four ? 4 : 3, flags)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    if (four) ImGui::TableSetupColumn("clauses");
    ImGui::TableSetupColumn("you");
    ImGui::TableSetupColumn("them");
    ImGui::TableHeadersRow();
    for (const Row& row : rows) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(row.what.c_str());
      if (four) {
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(row.clauses.c_str());
      } else {
        ImGui::PushFont(ctx.fonts.small);
        ImGui::TextDisabled("%s", row.clauses.c_str());
        ImGui::PopFont();
      }
      ImGui::TableSetColumnIndex(four ? 2 : 1);
      ImGui::TextColored(to_vec4(party_color(you)), "%s", two(row.utilities[you]).c_str());
      ImGui::TableSetColumnIndex(four ? 3 : 2);
      ImGui::TextColored(to_vec4(party_color(agent)), "%s", two(row.utilities[agent]).c_str());
    }
    ImGui::EndTable();
  }
  if (summary.metrics) {
    const auto lines = summary_lines(scenario, summary);
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextWrapped("%s", lines.back().c_str());
    ImGui::PopFont();
  }
}

void draw_game(AppContext& ctx, PanelState& state, PartyIndex you) {
  const Scenario& scenario = ctx.session.scenario();
  const PartyIndex agent = other_party(you);
  // Who plays whom; then New game / Stop and the agent's strategy.
  text_colored(party_color(you), "You: " + scenario.party(you).name);
  ImGui::SameLine();
  ImGui::TextDisabled("vs");
  ImGui::SameLine();
  text_colored(party_color(agent), scenario.party(agent).name);
  ImGui::PushFont(ctx.fonts.small);
  if (ImGui::SmallButton("New game###new-game")) {
    move(ctx, [&] { ctx.session.set_human(you); });
    state.builder.reset(scenario, you);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Stop###stop")) {
    move(ctx, [&] { ctx.session.set_human(std::nullopt); });
  }
  // Who the agent is: beside the buttons when it fits, else wrapped on the lines below.
  const std::string plays =
      scenario.party(agent).name + " plays " + ctx.session.specs()[agent].to_string();
  // (ImGui clips a window's items half its padding beyond the content edge.)
  const ImGuiStyle& style = ImGui::GetStyle();
  const float beside = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x +
                       0.5f * style.WindowPadding.x - ImGui::GetItemRectMax().x -
                       style.ItemSpacing.x;
  if (ImGui::CalcTextSize(plays.c_str()).x <= beside) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", plays.c_str());
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", plays.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
  ImGui::Separator();
  draw_status(ctx, you);
  ImGui::Spacing();

  if (ctx.session.done()) {
    draw_summary(ctx, you);
  } else {
    const bool my_turn =
        ctx.session.awaiting_human_offer() || ctx.session.awaiting_human_response();
    // A click in the outcome space becomes the offer.
    if (ctx.picked_outcome) {
      state.builder.set_offer(scenario, *ctx.picked_outcome);
      ctx.picked_outcome.reset();
    }
    std::string worth = "worth " + two(state.builder.own_utility(scenario)) + " to you";
    if (const auto other = state.builder.other_utility(scenario)) {
      worth += ", " + two(*other) + " to " + scenario.party(agent).name;
    }
    ImGui::TextWrapped(
        "%s",
        ("Your offer " + scenario.space().format(state.builder.offer()) + ": " + worth).c_str());
    const bool responding = ctx.session.awaiting_human_response();
    // Equal buttons, as many a row as keep every label whole (control_rows.hpp).
    const char* propose = responding ? "Counter###propose" : "Propose###propose";
    const std::vector<float> labels{ImGui::CalcTextSize(propose, nullptr, true).x,
                                    ImGui::CalcTextSize("Accept").x,
                                    ImGui::CalcTextSize("Walk away").x};
    const float avail = ImGui::GetContentRegionAvail().x;
    const std::size_t per_row =
        buttons_per_row(labels, avail, style.ItemSpacing.x, style.FramePadding.x);
    const float third = (avail - style.ItemSpacing.x * static_cast<float>(per_row - 1)) /
                        static_cast<float>(per_row);
    const auto next_button = [per_row](std::size_t index) {
      if (index % per_row != 0) ImGui::SameLine();
    };
    ImGui::BeginDisabled(!my_turn);
    if (ImGui::Button(propose, ImVec2(third, 0.0f))) {
      const Outcome offer = state.builder.offer();
      move(ctx, [&] {
        if (ctx.session.awaiting_human_response()) ctx.session.human_respond(Response::kReject);
        if (ctx.session.awaiting_human_offer()) ctx.session.human_propose(offer);
      });
    }
    if (ImGui::IsItemHovered() && responding) {
      ImGui::SetTooltip("Reject the offer on the table and propose yours");
    }
    ImGui::EndDisabled();
    next_button(1);
    ImGui::BeginDisabled(!responding);
    if (ImGui::Button("Accept###accept", ImVec2(third, 0.0f))) {
      move(ctx, [&] { ctx.session.human_respond(Response::kAccept); });
    }
    next_button(2);
    if (ImGui::Button("Walk away###walk-away", ImVec2(third, 0.0f))) {
      move(ctx, [&] { ctx.session.human_respond(Response::kWalkAway); });
    }
    ImGui::EndDisabled();
    ImGui::Separator();
    for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
      draw_clause(ctx, state, i, my_turn);
    }
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextDisabled("Or click a point in the outcome space.");
    ImGui::PopFont();
  }
}

}  // namespace

void draw_human_play(AppContext& ctx) {
  PanelState& state = panel_state();
  if (!state.pause_applied) {
    ctx.session.set_agent_pause(state.pause);
    state.pause_applied = true;
  }
  if (ctx.session.replaying()) {
    ImGui::TextWrapped("A saved negotiation is being replayed. Leave the replay to play.");
    return;
  }
  const std::optional<PartyIndex> human = ctx.session.human();
  if (!human) {
    state.side.reset();
    draw_side_picker(ctx);
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.small);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Agent's pause before it answers");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::SliderFloat("##agent-pause", &state.pause, 0.0f, 3.0f, "%.1f s")) {
      ctx.session.set_agent_pause(state.pause);
    }
    ImGui::PopFont();
  } else {
    const Scenario& scenario = ctx.session.scenario();
    if (state.side != human || state.scenario_hash != scenario.content_hash() ||
        !state.builder.ready()) {
      state.builder.reset(scenario, *human);
      state.side = human;
      state.scenario_hash = scenario.content_hash();
    }
    draw_game(ctx, state, *human);
  }
  draw_model_controls(ctx);
}

}  // namespace treatysim::gui
