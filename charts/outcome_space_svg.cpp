#include "charts/svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "engine/analysis/negotiation_solutions.hpp"
#include "engine/analysis/pareto.hpp"

namespace treatysim::charts {

namespace {

constexpr const char* kPartyColours[kPartyCount] = {"#2f6fdf", "#e8731a"};
constexpr const char* kFrontierColour = "#2e9e5b";
constexpr const char* kComparedColour = "#7a7a7a";  // another model's frontier (--compare)
constexpr const char* kSolutionColour = "#c99700";
constexpr const char* kInk = "#222222";
constexpr const char* kMuted = "#777777";

std::string num(double value) {
  return svg_number(value);
}
std::string escape(const std::string& text) {
  return svg_escape(text);
}

// A square plot of utility space: u₀ to the right, u₁ up, both in [0, 1].
struct Frame {
  double left;
  double top;
  double size;
  [[nodiscard]] double x(double u) const { return left + u * size; }
  [[nodiscard]] double y(double u) const { return top + (1.0 - u) * size; }
};

std::string text(double x, double y, const std::string& content, const char* anchor = "start",
                 int size = 13, const char* colour = kInk, const char* extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) +
         "\" text-anchor=\"" + anchor + "\" fill=\"" + colour + "\"" + extra + ">" +
         escape(content) + "</text>\n";
}

void axes(std::string& svg, const Frame& f, const std::string& x_label,
          const std::string& y_label) {
  svg += "<rect x=\"" + num(f.left) + "\" y=\"" + num(f.top) + "\" width=\"" + num(f.size) +
         "\" height=\"" + num(f.size) + "\" fill=\"none\" stroke=\"#999999\"/>\n";
  for (int k = 0; k <= 10; k += 2) {
    const double u = k / 10.0;
    char label[8];
    std::snprintf(label, sizeof label, "%.1f", u);
    svg += text(f.x(u), f.top + f.size + 16, label, "middle", 11, kMuted);
    svg += text(f.left - 6, f.y(u) + 4, label, "end", 11, kMuted);
  }
  svg += text(f.left + f.size / 2, f.top + f.size + 36, x_label, "middle", 13);
  svg += "<text x=\"" + num(f.left - 40) + "\" y=\"" + num(f.top + f.size / 2) +
         "\" font-size=\"13\" text-anchor=\"middle\" fill=\"" + kInk +
         "\" transform=\"rotate(-90 " + num(f.left - 40) + " " + num(f.top + f.size / 2) + ")\">" +
         escape(y_label) + "</text>\n";
}

void outcome_points(std::string& svg, const Scenario& scenario, const ScenarioAnalysis& analysis,
                    const Frame& f) {
  if (!analysis.enumerated) return;
  const std::vector<OutcomePoint> points = enumerate_outcomes(scenario);
  if (points.size() <= 4000) {
    svg += "<g fill=\"#9a9a9a\" fill-opacity=\"0.55\">\n";
    for (const OutcomePoint& p : points) {
      svg += "<circle cx=\"" + num(f.x(p.utilities[0])) + "\" cy=\"" + num(f.y(p.utilities[1])) +
             "\" r=\"2\"/>\n";
    }
    svg += "</g>\n";
    return;
  }
  // Density: a 96 × 96 grid, darker where more outcomes fall.
  constexpr int kCells = 96;
  std::vector<int> counts(kCells * kCells, 0);
  int top = 1;
  for (const OutcomePoint& p : points) {
    const int cx = std::clamp(static_cast<int>(p.utilities[0] * kCells), 0, kCells - 1);
    const int cy = std::clamp(static_cast<int>(p.utilities[1] * kCells), 0, kCells - 1);
    top = std::max(top, ++counts[static_cast<std::size_t>(cy * kCells + cx)]);
  }
  const double cell = f.size / kCells;
  svg += "<g fill=\"#808080\">\n";
  for (int cy = 0; cy < kCells; ++cy) {
    for (int cx = 0; cx < kCells; ++cx) {
      const int c = counts[static_cast<std::size_t>(cy * kCells + cx)];
      if (c == 0) continue;
      char opacity[16];
      std::snprintf(opacity, sizeof opacity, "%.2f", 0.15 + 0.75 * static_cast<double>(c) / top);
      svg += "<rect x=\"" + num(f.left + cx * cell) + "\" y=\"" +
             num(f.top + (kCells - 1 - cy) * cell) + "\" width=\"" + num(cell + 0.2) +
             "\" height=\"" + num(cell + 0.2) + "\" fill-opacity=\"" + opacity + "\"/>\n";
    }
  }
  svg += "</g>\n";
}

void outcome_space_panel(std::string& svg, const Scenario& scenario,
                         const ScenarioAnalysis& analysis, const Frame& f, const Trace* trace) {
  // A negotiation's picture uses its own reservation values (drawn from its seed when the
  // scenario draws them), and the solutions for them; the scenario's picture uses the scenario's
  // (for drawn values, their means: the labels say so).
  const std::array<double, kPartyCount> d =
      trace != nullptr ? trace->result.reservation_values : analysis.disagreement;
  std::array<std::optional<OutcomePoint>, 4> solutions;
  const BargainingSolution kinds[] = {
      BargainingSolution::kNash, BargainingSolution::kKalaiSmorodinsky,
      BargainingSolution::kEgalitarian, BargainingSolution::kUtilitarian};
  for (std::size_t k = 0; k < 4; ++k)
    solutions[k] = solution_for_reservations(analysis, d, kinds[k]);
  const bool own_point = d == analysis.disagreement;
  // The zone of possible agreement: the quadrant above both reservation values (at other values
  // than the analysis's, it exists when some outcome is individually rational: when the Nash
  // solution does).
  if (own_point ? (!analysis.zopa.empty || !analysis.zopa.counted) : solutions[0].has_value()) {
    svg += "<rect x=\"" + num(f.x(d[0])) + "\" y=\"" + num(f.top) + "\" width=\"" +
           num(f.x(1.0) - f.x(d[0])) + "\" height=\"" + num(f.y(d[1]) - f.top) + "\" fill=\"" +
           kFrontierColour + "\" fill-opacity=\"0.08\"/>\n";
  }
  outcome_points(svg, scenario, analysis, f);
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    char number[16];
    std::snprintf(number, sizeof number, "%.2f", d[p]);
    std::string value = number;
    if (scenario.def().parties[p].reservation_distribution) {
      value += trace != nullptr ? " (drawn)" : " (mean of the draws)";
    }
    if (p == 0) {
      svg += "<line x1=\"" + num(f.x(d[0])) + "\" y1=\"" + num(f.top) + "\" x2=\"" +
             num(f.x(d[0])) + "\" y2=\"" + num(f.top + f.size) + "\" stroke=\"" + kPartyColours[0] +
             "\" stroke-dasharray=\"5 4\"/>\n";
      // Right of the line, or left of it when the line is near the right edge (the legend).
      const bool left_side = d[0] > 0.6;
      svg += text(f.x(d[0]) + (left_side ? -4 : 4), f.top + 14,
                  scenario.party(0).name + " reservation " + value, left_side ? "end" : "start", 11,
                  kPartyColours[0]);
    } else {
      svg += "<line x1=\"" + num(f.left) + "\" y1=\"" + num(f.y(d[1])) + "\" x2=\"" +
             num(f.left + f.size) + "\" y2=\"" + num(f.y(d[1])) + "\" stroke=\"" +
             kPartyColours[1] + "\" stroke-dasharray=\"5 4\"/>\n";
      svg += text(f.left + 4, f.y(d[1]) - 5, scenario.party(1).name + " reservation " + value,
                  "start", 11, kPartyColours[1]);
    }
  }
  // The frontier, joined in order of u₀.
  std::string path;
  for (const OutcomePoint& p : analysis.frontier.points) {
    path += (path.empty() ? "M" : " L") + num(f.x(p.utilities[0])) + " " + num(f.y(p.utilities[1]));
  }
  if (!path.empty()) {
    svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kFrontierColour +
           "\" stroke-width=\"2\"/>\n";
    svg += "<g fill=\"" + std::string(kFrontierColour) + "\">\n";
    for (const OutcomePoint& p : analysis.frontier.points) {
      svg += "<circle cx=\"" + num(f.x(p.utilities[0])) + "\" cy=\"" + num(f.y(p.utilities[1])) +
             "\" r=\"2.5\"/>\n";
    }
    svg += "</g>\n";
  }
  if (trace != nullptr) {
    // Offer trails: each party's offers in order, older ones fainter.
    std::vector<const Event*> offers;
    for (const Event& e : trace->events) {
      if (e.kind == EventKind::kOffer) offers.push_back(&e);
    }
    for (PartyIndex party = 0; party < kPartyCount; ++party) {
      std::string trail;
      for (const Event* e : offers) {
        if (e->party != party) continue;
        trail += (trail.empty() ? "M" : " L") + num(f.x(scenario.utility(0)(e->outcome))) + " " +
                 num(f.y(scenario.utility(1)(e->outcome)));
      }
      if (!trail.empty()) {
        svg += "<path d=\"" + trail + "\" fill=\"none\" stroke=\"" + kPartyColours[party] +
               "\" stroke-width=\"1.2\" stroke-opacity=\"0.6\"/>\n";
      }
    }
    for (std::size_t k = 0; k < offers.size(); ++k) {
      const Event& e = *offers[k];
      char opacity[16];
      std::snprintf(opacity, sizeof opacity, "%.2f",
                    0.25 + 0.75 * static_cast<double>(k + 1) / static_cast<double>(offers.size()));
      svg += "<circle cx=\"" + num(f.x(scenario.utility(0)(e.outcome))) + "\" cy=\"" +
             num(f.y(scenario.utility(1)(e.outcome))) + "\" r=\"4\" fill=\"" +
             kPartyColours[e.party] + "\" fill-opacity=\"" + opacity + "\"/>\n";
    }
    if (trace->result.agreement) {
      const Outcome& a = *trace->result.agreement;
      const double ax = f.x(scenario.utility(0)(a));
      const double ay = f.y(scenario.utility(1)(a));
      svg += "<circle cx=\"" + num(ax) + "\" cy=\"" + num(ay) +
             "\" r=\"9\" fill=\"none\" stroke=\"" + kInk + "\" stroke-width=\"2\"/>\n";
      svg += text(ax - 12, ay + 4, "agreement", "end", 12, kInk, " font-weight=\"bold\"");
    }
  }
  // The four solutions: letters beside gold squares.
  struct Marker {
    const std::optional<OutcomePoint>* point;
    const char* letter;
  };
  const Marker markers[] = {
      {&solutions[0], "N"}, {&solutions[1], "KS"}, {&solutions[2], "E"}, {&solutions[3], "U"}};
  std::vector<std::array<double, 2>> placed;  // label anchors already used
  for (std::size_t k = 0; k < 4; ++k) {
    if (!markers[k].point->has_value()) continue;
    const OutcomePoint& p = **markers[k].point;
    const double x = f.x(p.utilities[0]);
    const double y = f.y(p.utilities[1]);
    svg += "<rect x=\"" + num(x - 5) + "\" y=\"" + num(y - 5) +
           "\" width=\"10\" height=\"10\" fill=\"" + kSolutionColour + "\" stroke=\"#5c4500\"/>\n";
    // Beside the marker; moved right while it would overlap a label already placed (coinciding
    // or neighbouring solutions stay readable).
    double lx = x + 9;
    const double ly = y - 7;
    bool moved = true;
    while (moved) {
      moved = false;
      for (const auto& q : placed) {
        if (std::abs(q[0] - lx) < 20 && std::abs(q[1] - ly) < 13) {
          lx = q[0] + 20;
          moved = true;
        }
      }
    }
    placed.push_back({lx, ly});
    svg += text(lx, ly, markers[k].letter, "start", 12, "#8a6700", " font-weight=\"bold\"");
  }
}

void legend(std::string& svg, double x, double y, bool with_trace, const Scenario& scenario) {
  struct Row {
    std::string label;
    std::string swatch;
  };
  std::vector<Row> rows;
  rows.push_back({"outcome", "<circle cx=\"6\" cy=\"0\" r=\"3\" fill=\"#9a9a9a\"/>"});
  rows.push_back({"Pareto frontier", "<line x1=\"0\" y1=\"0\" x2=\"12\" y2=\"0\" stroke=\"" +
                                         std::string(kFrontierColour) + "\" stroke-width=\"2\"/>"});
  rows.push_back({"zone of possible agreement",
                  "<rect x=\"0\" y=\"-6\" width=\"12\" height=\"12\" fill=\"" +
                      std::string(kFrontierColour) + "\" fill-opacity=\"0.15\"/>"});
  const std::string gold = "<rect x=\"1\" y=\"-5\" width=\"10\" height=\"10\" fill=\"" +
                           std::string(kSolutionColour) + "\"/>";
  rows.push_back({"N  Nash bargaining solution", gold});
  rows.push_back({"KS Kalai-Smorodinsky", gold});
  rows.push_back({"E  egalitarian", gold});
  rows.push_back({"U  utilitarian", gold});
  if (with_trace) {
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      rows.push_back(
          {scenario.party(p).name + " offers",
           "<circle cx=\"6\" cy=\"0\" r=\"4\" fill=\"" + std::string(kPartyColours[p]) + "\"/>"});
    }
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const double ry = y + 20.0 * static_cast<double>(k);
    svg +=
        "<g transform=\"translate(" + num(x) + " " + num(ry) + ")\">" + rows[k].swatch + "</g>\n";
    svg += text(x + 20, ry + 4, rows[k].label, "start", 12);
  }
}

void utility_over_rounds(std::string& svg, const Scenario& scenario, const Trace& trace,
                         double left, double top, double width, double height) {
  const int deadline = scenario.protocol().deadline;
  auto x = [&](int r) {
    return left + width * (deadline > 1 ? static_cast<double>(r) / (deadline - 1) : 0.5);
  };
  auto y = [&](double u) { return top + (1.0 - u) * height; };
  svg += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(width) +
         "\" height=\"" + num(height) + "\" fill=\"none\" stroke=\"#999999\"/>\n";
  svg += text(left + width / 2, top - 10, "Utility of each offer over rounds", "middle", 14, kInk,
              " font-weight=\"bold\"");
  for (int k = 0; k <= 10; k += 2) {
    char label[8];
    std::snprintf(label, sizeof label, "%.1f", k / 10.0);
    svg += text(left - 6, y(k / 10.0) + 4, label, "end", 11, kMuted);
  }
  svg += text(left, top + height + 16, "0", "middle", 11, kMuted);
  svg += text(left + width, top + height + 16, std::to_string(deadline - 1), "middle", 11, kMuted);
  svg += text(left + width / 2, top + height + 34,
              "offer index (deadline " + std::to_string(deadline) + " offers)", "middle", 13);
  // For each party: a line through the utility of its own offers (its concession curve) and dots
  // for what the other side's offers are worth to it.
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    std::string line;
    std::string dots;
    for (const Event& e : trace.events) {
      if (e.kind != EventKind::kOffer) continue;
      const double px = x(e.offer_index);
      const double py = y(scenario.utility(p)(e.outcome));
      if (e.party == p) {
        line += (line.empty() ? "M" : " L") + num(px) + " " + num(py);
      } else {
        dots += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"2.5\"/>";
      }
    }
    if (!line.empty()) {
      svg += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + kPartyColours[p] +
             "\" stroke-width=\"2\"/>\n";
    }
    svg += "<g fill=\"" + std::string(kPartyColours[p]) + "\">" + dots + "</g>\n";
  }
  svg += text(
      left, top + height + 52,
      "lines: each side's utility of its own offers · dots: its utility of the other side's offers",
      "start", 11, kMuted);
  if (trace.result.agreement) {
    const double ax = x(trace.result.agreement_offer_index);
    svg += "<line x1=\"" + num(ax) + "\" y1=\"" + num(top) + "\" x2=\"" + num(ax) + "\" y2=\"" +
           num(top + height) + "\" stroke=\"" + kInk + "\" stroke-dasharray=\"3 3\"/>\n";
    svg += text(ax - 4, top + height - 6, "agreement", "end", 11);
  }
}

// The compared frontier, dashed grey over the panel, with its legend row at (x, y).
void compared_frontier(std::string& svg, const Frame& f, const ComparedFrontier& compared, double x,
                       double y) {
  std::string path;
  for (const OutcomePoint& p : compared.points) {
    path += (path.empty() ? "M" : " L") + num(f.x(p.utilities[0])) + " " + num(f.y(p.utilities[1]));
  }
  if (!path.empty()) {
    svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kComparedColour +
           "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n";
    svg += "<g fill=\"" + std::string(kComparedColour) + "\">\n";
    for (const OutcomePoint& p : compared.points) {
      svg += "<circle cx=\"" + num(f.x(p.utilities[0])) + "\" cy=\"" + num(f.y(p.utilities[1])) +
             "\" r=\"2\"/>\n";
    }
    svg += "</g>\n";
  }
  svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x + 12) + "\" y2=\"" +
         num(y) + "\" stroke=\"" + kComparedColour +
         "\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n";
  svg += text(x + 20, y + 4, compared.label, "start", 12, kInk);
}

}  // namespace

std::string outcome_space_svg(const Scenario& scenario, const ScenarioAnalysis& analysis,
                              const Trace* trace, const ComparedFrontier* compared) {
  const double width = trace != nullptr ? 1260 : 900;
  const double height = 640;
  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" +
         num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
         "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n";
  svg += "<title>" + escape(scenario.title()) + "</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += text(24, 30, scenario.title(), "start", 17, kInk, " font-weight=\"bold\"");
  std::string subtitle = "Outcome space: every possible agreement, valued by each side";
  if (trace != nullptr)
    subtitle += " — " + trace->agent_specs[0] + " vs " + trace->agent_specs[1] + ", seed " +
                std::to_string(trace->seed);
  svg += text(24, 50, subtitle, "start", 12, kMuted);
  const Frame frame{80, 72, 500};
  axes(svg, frame, "utility to " + scenario.party(0).name + " →",
       "utility to " + scenario.party(1).name + " →");
  outcome_space_panel(svg, scenario, analysis, frame, trace);
  legend(svg, 610, 90, trace != nullptr, scenario);
  if (compared != nullptr) compared_frontier(svg, frame, *compared, 610, 90 + 20.0 * 7);
  if (trace != nullptr) utility_over_rounds(svg, scenario, *trace, 660, 340, 560, 220);
  if (!analysis.frontier.exact) {
    char note[96];
    std::snprintf(note, sizeof note, "frontier: epsilon-approximation (eps = %g)",
                  analysis.frontier.epsilon);
    svg += text(610, 90 + 20.0 * 10, note, "start", 11, kMuted);
  }
  svg += "</svg>\n";
  return svg;
}

std::string svg_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string svg_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace treatysim::charts
