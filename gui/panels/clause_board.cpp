#include "gui/panels/clause_board.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "engine/model/term_report.hpp"
#include "gui/logic/clause_fit.hpp"
#include "gui/logic/narration.hpp"
#include "gui/logic/text_wrap.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// Each party's latest offer and the one before it.
struct Proposals {
  std::array<std::optional<Outcome>, kPartyCount> latest;
  std::array<std::optional<Outcome>, kPartyCount> previous;
};

Proposals proposals_of(const std::vector<Session::OfferPoint>& offers) {
  Proposals out;
  for (const Session::OfferPoint& offer : offers) {
    out.previous[offer.proposer] = out.latest[offer.proposer];
    out.latest[offer.proposer] = offer.outcome;
  }
  return out;
}

ImFont* font_or_default(ImFont* font) {
  return font != nullptr ? font : ImGui::GetFont();
}

float text_width_of(ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

float wrapped_height(ImFont* font, const std::string& text, float width) {
  return font->CalcTextSizeA(font->FontSize, 1e9f, width, text.c_str()).y;
}

}  // namespace

void draw_clause_board(AppContext& ctx) {
  const Session& session = ctx.session;
  const Scenario& scenario = session.scenario();
  const OutcomeSpace& space = scenario.space();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;
  ImFont* bold = font_or_default(ctx.fonts.bold);
  ImFont* body = font_or_default(ctx.fonts.body);
  ImFont* small = font_or_default(ctx.fonts.small);
  const Proposals proposals = proposals_of(session.offers());
  const ValueVisibility visible = visible_values(ctx);
  const std::optional<PartyIndex> viewer = visible.only();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
  const float pad = (ctx.presenter ? 4.0f : 6.0f) * scale;
  const float gap = (ctx.presenter ? 4.0f : 6.0f) * scale;
  // The issue labels take a column when the longest word of any label fits in 30% of the width;
  // otherwise (presenter mode, narrow panel) each label heads its row and the cells get the
  // full width.
  float longest_word = 0.0f;
  float longest_label = 0.0f;
  for (const Issue& issue : space.issues()) {
    longest_label = std::max(longest_label, text_width_of(bold, issue.label));
    std::size_t begin = 0;
    while (begin <= issue.label.size()) {
      const std::size_t end = std::min(issue.label.find(' ', begin), issue.label.size());
      longest_word =
          std::max(longest_word, text_width_of(bold, issue.label.substr(begin, end - begin)));
      begin = end + 1;
    }
  }
  const bool stacked = longest_word + pad > width * 0.3f;
  const float label_width = stacked ? 0.0f : std::min(longest_label + pad, width * 0.3f);
  const float cells_x = origin.x + (stacked ? 0.0f : label_width + gap);
  const float cell_width = (width - (stacked ? 0.0f : label_width + gap) - gap) / 2.0f;
  const float text_width = std::max(cell_width - 2.0f * pad, 10.0f);

  // Header: whose proposal each column shows (the party alone when "… proposal" does not fit).
  float y = origin.y;
  std::array<std::string, kPartyCount> headers;
  bool long_headers_fit = true;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    headers[p] = party_short_name(scenario, p);
    long_headers_fit =
        long_headers_fit && text_width_of(bold, headers[p] + " proposal") <= cell_width;
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const float x = cells_x + static_cast<float>(p) * (cell_width + gap);
    const std::string text = long_headers_fit ? headers[p] + " proposal" : headers[p];
    draw->AddText(bold, bold->FontSize, ImVec2(x, y), im_color(party_color(p)), text.c_str());
  }
  y += bold->FontSize + gap;

  // A cell shows the option's label, wrapped at spaces (and after '/' in a long word); beside
  // the issue labels its id is a bold line above the label. When the board would not fit the
  // panel's height (presenter mode at 1280×800), rows get the lines clause_fit gives them and
  // the rest of a label is cut with "…", whole on hover.
  const float first_line = stacked ? 0.0f : bold->FontSize;
  ImFont* label_font = stacked && !ctx.presenter ? body : small;
  const float line_height = label_font->FontSize;
  const auto measure = [&](std::string_view text) {
    return label_font
        ->CalcTextSizeA(label_font->FontSize, 1e9f, 0.0f, text.data(), text.data() + text.size())
        .x;
  };
  const auto option_of = [&](PartyIndex p, std::size_t i) -> const Option* {
    if (!proposals.latest[p]) return nullptr;
    return &space.issue(i).options[static_cast<std::size_t>((*proposals.latest[p])[i])];
  };
  // What each row needs.
  std::vector<RowLines> needs;
  // The board's height with every row at the lines it holds anyway. In presenter mode the
  // clauses come first: the worth lines below them may need scrolling; otherwise they count.
  float base = (y - origin.y);
  if (!ctx.presenter) base += 2.0f * gap + small->FontSize + 2.0f * (body->FontSize + 2.0f * scale);
  std::vector<float> heading_heights;
  std::vector<float> label_heights;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    RowLines need;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (const Option* option = option_of(p, i)) {
        const auto whole = wrap_to_lines(option->label, text_width, 1000, measure);
        need.needed = std::max(need.needed, static_cast<int>(whole.lines.size()));
      }
    }
    const float heading = stacked ? wrapped_height(bold, issue.label, width) + 2.0f * scale : 0.0f;
    const float label = stacked ? 0.0f : wrapped_height(bold, issue.label, label_width - pad);
    heading_heights.push_back(heading);
    label_heights.push_back(label);
    // Beside a label as tall as several lines, the cell has those lines anyway.
    need.free =
        std::max(1, static_cast<int>((label - first_line - 2.0f * pad + 0.5f) / line_height));
    needs.push_back(need);
    base += heading + first_line + static_cast<float>(need.free) * line_height + 2.0f * pad + gap;
  }
  const std::vector<int> lines =
      fit_row_lines(needs, line_height, ImGui::GetContentRegionAvail().y - base);

  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const float row =
        std::max(label_heights[i], first_line + static_cast<float>(lines[i]) * line_height) +
        2.0f * pad;
    if (stacked) {
      draw->AddText(bold, bold->FontSize, ImVec2(origin.x, y), im_color({0xdc, 0xde, 0xe3, 255}),
                    issue.label.c_str(), nullptr, width);
      y += heading_heights[i];
    } else {
      draw->AddText(bold, bold->FontSize, ImVec2(origin.x, y + (row - label_heights[i]) / 2.0f),
                    im_color({0xdc, 0xde, 0xe3, 255}), issue.label.c_str(), nullptr,
                    label_width - pad);
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const float x = cells_x + static_cast<float>(p) * (cell_width + gap);
      const ImVec2 min(x, y);
      const ImVec2 max(x + cell_width, y + row);
      const Option* option = option_of(p, i);
      if (option == nullptr) {
        draw->AddRect(min, max, IM_COL32(90, 96, 108, 160), 3.0f * scale);
        draw->AddText(small, small->FontSize, ImVec2(x + pad, y + pad),
                      IM_COL32(140, 146, 156, 255), "no offer yet");
        continue;
      }
      const int chosen = (*proposals.latest[p])[i];
      // Coloured by the worth to the proposing side; to the person alone while they play
      // under private information; plain grey while no values may be shown.
      const PartyIndex judge = viewer ? *viewer : p;
      // A party whose preferences are interaction terms only (the ANAC hyper-rectangles) has no
      // per-clause value: the cell takes the whole proposal's worth to it.
      const auto& values = scenario.party(judge).preferences.values;
      const double value = i < values.size() ? values[i][static_cast<std::size_t>(chosen)]
                                             : scenario.utility(judge)(*proposals.latest[p]);
      const Rgba fill = visible.shows_none() ? kHiddenCellGrey : shade(utility_color(value), 0.9);
      draw->AddRectFilled(min, max, im_color(fill), 3.0f * scale);
      const bool changed = proposals.previous[p] && (*proposals.previous[p])[i] != chosen;
      if (changed) {
        draw->AddRect(min, max, im_color(kChangedOutline), 3.0f * scale, 0, 2.5f * scale);
      }
      if (!stacked) {
        draw->AddText(bold, bold->FontSize, ImVec2(x + pad, y + pad), IM_COL32(250, 250, 250, 255),
                      option->id.c_str());
      }
      const WrappedText text =
          wrap_to_lines(option->label, text_width, static_cast<std::size_t>(lines[i]), measure);
      float line_y = y + pad + first_line;
      for (const std::string& line : text.lines) {
        draw->AddText(label_font, label_font->FontSize, ImVec2(x + pad, line_y),
                      IM_COL32(245, 245, 245, 240), line.c_str());
        line_y += line_height;
      }
      if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(min, max)) {
        ImGui::SetTooltip("%s  %s", option->id.c_str(), option->label.c_str());
      }
    }
    y += row + gap;
  }

  // What each proposal is worth to both sides (the scenario's utilities); to the person alone
  // while they play under private information.
  y += gap;
  const std::string worth_header =
      visible.shows_none()
          ? "Worth: private until you pick a side"
          : (viewer
                 ? "Worth to " + party_phrase(scenario, *viewer) + " (you)"
                 : "Worth to " + party_phrase(scenario, 0) + " / to " + party_phrase(scenario, 1));
  draw->AddText(small, small->FontSize, ImVec2(origin.x, y), IM_COL32(160, 166, 176, 255),
                worth_header.c_str());
  y += small->FontSize + 2.0f * scale;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    std::string line = party_short_name(scenario, p) + " proposal   ";
    if (!proposals.latest[p] || visible.shows_none()) {
      line += "—";
    } else if (viewer) {
      line += format_utility(scenario.utility(*viewer)(*proposals.latest[p]));
    } else {
      line += format_utility(scenario.utility(0)(*proposals.latest[p])) + " / " +
              format_utility(scenario.utility(1)(*proposals.latest[p]));
    }
    draw->AddText(body, body->FontSize, ImVec2(origin.x, y), IM_COL32(220, 222, 227, 255),
                  line.c_str());
    y += body->FontSize + 2.0f * scale;
  }
  // Linked clauses (interaction terms) each proposal triggers, with whose utility they change;
  // under private information only the person's own terms.
  if (!visible.shows_none() &&
      (scenario.utility(0).has_interactions() || scenario.utility(1).has_interactions())) {
    y += gap;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (!proposals.latest[p]) continue;
      std::string line;
      for (const TriggeredTerm& term : triggered_term_texts(scenario, *proposals.latest[p])) {
        if (viewer && term.party != *viewer) continue;
        line += (line.empty() ? "" : "; ") + term.text;
      }
      line = party_short_name(scenario, p) + " proposal links: " + (line.empty() ? "none" : line);
      draw->AddText(small, small->FontSize, ImVec2(origin.x, y), IM_COL32(220, 200, 140, 255),
                    line.c_str(), nullptr, width);
      y += wrapped_height(small, line, width) + 2.0f * scale;
    }
  }
  y += gap;
  std::vector<const char*> legend{"gold outline = changed since that side's last offer"};
  if (visible.shows_none()) {
    legend.push_back("cell colours (each clause's worth) appear once you pick a side");
  } else {
    legend.push_back(viewer ? "cell colour = the clause's worth to you"
                            : "cell colour = the clause's worth to the side proposing it");
    legend.push_back("(red = low, green = high)");
  }
  for (const char* text : legend) {
    draw->AddText(small, small->FontSize, ImVec2(origin.x, y), IM_COL32(140, 146, 156, 255), text,
                  nullptr, width);
    y += wrapped_height(small, text, width) + 1.0f * scale;
  }
  // The board is drawn with the draw list: reserve its height so the window scrolls over it.
  ImGui::Dummy(ImVec2(width, y - origin.y));
}

}  // namespace treatysim::gui
