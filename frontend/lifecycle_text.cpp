// lifecycle_text.cpp — the text of `treatysim simulate`: one life, or the distribution of many.
#include <cstdio>

#include "engine/model/issue.hpp"
#include "frontend/reports.hpp"

namespace treatysim::frontend {

namespace {

std::string fixed(double value, int digits) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string lifecycle_text(const Scenario& scenario, const LifecycleResult& r) {
  std::string text = scenario.title() + " — the treaty's life " + r.start.to_string() + " to " +
                     r.end.to_string() + ", seed " + std::to_string(r.seed) +
                     "\nPath: " + r.path() + "\n\nTimeline\n";
  for (const TimelineEntry& e : r.timeline) {
    std::string dates = e.from.to_string() + " – " + e.to.to_string();
    text += "  " + dates + "  " + pad(std::string(treaty_state_name(e.state)), 14) + " " + e.cause +
            "\n";
  }
  text += "\nWhat happened\n";
  for (const LogEntry& e : r.log) {
    if (e.kind == "transition") continue;  // shown in the timeline
    text += "  " + e.date.to_string() + "  " + pad(e.kind, 12) + " " + e.text + "\n";
  }
  text += "\nNegotiations\n";
  for (const NegotiationRecord& n : r.negotiations) {
    text += "  " + n.opened.to_string() + "  " + pad(n.phase, 13) + " " +
            std::to_string(n.trace.result.offers) + " offers, ";
    if (n.agreed && n.superseded) {
      text += "heading for " + scenario.space().format(*n.trace.result.agreement) + " in " +
              n.agreed->to_string() + ", superseded before it was signed\n";
    } else if (n.agreed) {
      text += "agreement in " + n.agreed->to_string() + " on " +
              scenario.space().format(*n.trace.result.agreement) + " (" + scenario.party(0).id +
              " " + fixed(n.trace.result.utilities[0], 2) + ", " + scenario.party(1).id + " " +
              fixed(n.trace.result.utilities[1], 2) + "), ratified: " + scenario.party(0).id +
              (n.ratified[0] ? " yes" : " no") + ", " + scenario.party(1).id +
              (n.ratified[1] ? " yes" : " no") + "\n";
    } else {
      text += "no agreement\n";
    }
  }
  int exploited[2] = {0, 0};
  int detected[2] = {0, 0};
  for (const CompliancePeriod& c : r.compliance) {
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      exploited[p] += c.moves[p] == Move::kExploit ? 1 : 0;
      detected[p] += c.detected[p] ? 1 : 0;
    }
  }
  text += "\nCompliance: " + std::to_string(r.compliance.size()) +
          " periods; exploited (detected): " + scenario.party(0).id + " " +
          std::to_string(exploited[0]) + " (" + std::to_string(detected[0]) + "), " +
          scenario.party(1).id + " " + std::to_string(exploited[1]) + " (" +
          std::to_string(detected[1]) + ")\n";
  const auto& trust = r.trust.back();
  text += "Trust at the end: " + scenario.party(0).id + " " + fixed(trust[0], 2) + ", " +
          scenario.party(1).id + " " + fixed(trust[1], 2) + "\n";
  text += "Cumulative discounted payoff: " + scenario.party(0).id + " " +
          fixed(r.cumulative_discounted[0], 2) + ", " + scenario.party(1).id + " " +
          fixed(r.cumulative_discounted[1], 2) + "\n";
  text += "Final state: " + std::string(treaty_state_name(r.final_state)) + " with " +
          scenario.space().format(r.final_clauses) + "\n";
  return text;
}

std::string lifecycle_distribution_text(const Scenario& scenario, const LifecycleDistribution& d) {
  const auto n = static_cast<double>(d.runs);
  std::string text = scenario.title() + ": " + std::to_string(d.runs) + " runs, seeds " +
                     std::to_string(d.first_seed) + "–" +
                     std::to_string(d.first_seed + d.runs - 1) + "\n\nPaths\n";
  for (const auto& [path, count] : d.paths) {
    text += "  " + pad(fixed(100.0 * static_cast<double>(count) / n, 1) + "%", 7) + " " +
            pad(std::to_string(count), 6) + " " + path + "\n";
  }
  text += "\nFinal state and clauses\n";
  for (const auto& [clauses, count] : d.finals) {
    text += "  " + pad(fixed(100.0 * static_cast<double>(count) / n, 1) + "%", 7) + " " +
            pad(std::to_string(count), 6) + " " + clauses + "\n";
  }
  return text;
}

}  // namespace treatysim::frontend
