// tournament_results.cpp — negotiations.csv rows, streamed aggregation, summary.json.
#include "engine/studies/tournament_results.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "engine/lifecycle/treaty_state.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

using nlohmann::ordered_json;

// [SECTION] Rows -----------------------------------------------------------------------------------

namespace {

constexpr std::size_t kBaseColumns = 18;     // up to reservation_b
constexpr std::size_t kOldBaseColumns = 16;  // before reservation_a, reservation_b existed
constexpr std::size_t kModelColumns = 5;     // per side
constexpr std::array<const char*, kModelColumns> kModelColumnNames{
    "model_pearson", "model_kendall", "model_mae", "model_pareto", "model_reservation_error"};
constexpr double kSignificanceLevel = 0.05;

std::string optional_number(const std::optional<double>& value) {
  return value ? format_number(*value) : std::string();
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

template <typename T>
bool parse_whole(std::string_view text, T& value) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  return !text.empty() && result.ec == std::errc{} && result.ptr == end;
}

// A real number that is neither infinite nor NaN (from_chars reads "nan" and "inf" too).
bool parse_finite(std::string_view text, double& value) {
  return parse_whole(text, value) && std::isfinite(value);
}

// The 'end' column of a negotiation tournament's rows (tournament.cpp's end_name).
bool negotiation_end(std::string_view end) {
  return end == "agreement" || end == "walk_away" || end == "deadline";
}

}  // namespace

namespace {

std::string old_csv_header() {
  return "index,scenario,repetition,seed,competitor_a,party_a,competitor_b,party_b,end,agreement,"
         "offers,utility_a,utility_b,social_welfare,distance_to_pareto,distance_to_nash\n";
}

std::size_t csv_columns(const TournamentPlan& plan) {
  return kBaseColumns + (plan.reports_models() ? 2 * kModelColumns : 0);
}

}  // namespace

std::string tournament_csv_header(const TournamentPlan& plan) {
  std::string header = old_csv_header();
  header.pop_back();
  header += ",reservation_a,reservation_b";
  if (plan.reports_models()) {
    for (const char* side : {"_a", "_b"}) {
      for (const char* name : kModelColumnNames) header += std::string(",") + name + side;
    }
  }
  return header + "\n";
}

std::string tournament_csv_line(const TournamentPlan& plan, const TournamentRow& row) {
  const NegotiationSlot& s = row.slot;
  const PlanScenario& scenario = plan.scenarios[s.scenario];
  std::string line;
  line.reserve(160);
  line += std::to_string(s.index) + "," + scenario.name + "," + std::to_string(s.repetition) + "," +
          std::to_string(s.seed) + "," + plan.competitors[s.competitors[0]].label + "," +
          scenario.parties[0] + "," + plan.competitors[s.competitors[1]].label + "," +
          scenario.parties[1] + "," + row.end + "," + (row.agreement ? "1" : "0") + "," +
          std::to_string(row.offers) + "," + format_number(row.utilities[0]) + "," +
          format_number(row.utilities[1]) + "," + format_number(row.social_welfare) + "," +
          optional_number(row.distance_to_pareto) + "," + optional_number(row.distance_to_nash) +
          ",";
  if (row.reservations) {
    line += format_number((*row.reservations)[0]) + "," + format_number((*row.reservations)[1]);
  } else {
    line += ",";
  }
  if (plan.reports_models()) {
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      const std::optional<ModelAccuracy>& m = row.models[p];
      if (!m) {
        line += ",,,,,";
        continue;
      }
      line += "," + optional_number(m->pearson) + "," + optional_number(m->kendall) + "," +
              format_number(m->mean_absolute_error) + "," + format_number(m->pareto_share) + "," +
              optional_number(m->reservation_error);
    }
  }
  return line + "\n";
}

TournamentRow parse_tournament_csv_line(const TournamentPlan& plan, std::string_view line,
                                        const std::string& file, int line_number) {
  const SourceLocation where{file, line_number, 0};
  const auto fail = [&](const std::string& message) -> TournamentRow {
    throw UserError(where, "", message);
  };
  const std::vector<std::string_view> f = split(line);
  const std::size_t columns = csv_columns(plan);
  if (f.size() != columns) {
    return fail("expected " + std::to_string(columns) + " comma-separated columns, got " +
                std::to_string(f.size()) +
                (f.size() == kOldBaseColumns
                     ? " (a row of an older treatysim, before reservation_a and reservation_b)"
                     : ""));
  }
  TournamentRow row;
  std::uint64_t index = 0;
  if (!parse_whole(f[0], index) || index >= plan.negotiation_count()) {
    return fail("expected a negotiation index below " + std::to_string(plan.negotiation_count()) +
                ", got \"" + std::string(f[0]) + "\"");
  }
  row.slot = plan.slot(index);
  const NegotiationSlot& s = row.slot;
  const PlanScenario& scenario = plan.scenarios[s.scenario];
  const bool matches =
      f[1] == scenario.name && f[2] == std::to_string(s.repetition) &&
      f[3] == std::to_string(s.seed) && f[4] == plan.competitors[s.competitors[0]].label &&
      f[5] == scenario.parties[0] && f[6] == plan.competitors[s.competitors[1]].label &&
      f[7] == scenario.parties[1];
  if (!matches) {
    return fail("negotiation " + std::to_string(index) +
                " does not match this tournament's (another tournament's file?)");
  }
  row.end = std::string(f[8]);
  const bool lifecycle = plan.mode == TournamentMode::kLifecycle;
  if (lifecycle ? !parse_treaty_state(row.end).has_value() : !negotiation_end(row.end)) {
    return fail(std::string("expected ") +
                (lifecycle ? "a treaty state" : "agreement, walk_away or deadline") +
                " in the 'end' column, got \"" + row.end + "\"");
  }
  if (f[9] != "0" && f[9] != "1") return fail("expected agreement 0 or 1");
  row.agreement = f[9] == "1";
  if (!lifecycle && row.agreement != (row.end == "agreement")) {
    return fail("the agreement column contradicts the 'end' column");
  }
  double number = 0.0;
  if (!parse_whole(f[10], row.offers) || row.offers < 0) return fail("expected a number of offers");
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    if (!parse_finite(f[11 + p], row.utilities[p])) {
      return fail("expected a utility (a finite number), got \"" + std::string(f[11 + p]) + "\"");
    }
  }
  if (!parse_finite(f[13], row.social_welfare)) {
    return fail("expected the social welfare (a finite number), got \"" + std::string(f[13]) +
                "\"");
  }
  for (std::size_t c = 14; c < 16; ++c) {
    if (f[c].empty()) continue;
    if (lifecycle) return fail("expected no distances in a lifecycle tournament's row");
    if (!parse_finite(f[c], number) || number < 0.0) {
      return fail("expected a distance (a finite number, 0 or more) or nothing, got \"" +
                  std::string(f[c]) + "\"");
    }
    (c == 14 ? row.distance_to_pareto : row.distance_to_nash) = number;
  }
  if (!lifecycle && !row.distance_to_pareto) return fail("expected a distance to Pareto");
  if (lifecycle) {
    if (!f[16].empty() || !f[17].empty()) {
      return fail("expected no reservation values in a lifecycle tournament's row");
    }
  } else {
    std::array<double, kPartyCount> reservations{};
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      if (!parse_finite(f[16 + p], reservations[p]) || reservations[p] < 0.0 ||
          reservations[p] > 1.0) {
        return fail("expected a reservation value in [0, 1], got \"" + std::string(f[16 + p]) +
                    "\"");
      }
    }
    row.reservations = reservations;
  }
  if (plan.reports_models()) {
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      const std::size_t first = kBaseColumns + p * kModelColumns;
      bool any = false;
      for (std::size_t c = first; c < first + kModelColumns; ++c) any = any || !f[c].empty();
      if (!any) continue;
      ModelAccuracy m;
      const auto read = [&](std::size_t c, double low, double high, bool optional,
                            std::optional<double>& into) -> bool {
        if (f[c].empty()) return optional;
        double v = 0.0;
        if (!parse_finite(f[c], v) || v < low || v > high) return false;
        into = v;
        return true;
      };
      std::optional<double> mae;
      std::optional<double> pareto;
      if (!read(first, -1.0, 1.0, true, m.pearson) ||
          !read(first + 1, -1.0, 1.0, true, m.kendall) || !read(first + 2, 0.0, 1e6, false, mae) ||
          !read(first + 3, 0.0, 1.0, false, pareto) ||
          !read(first + 4, 0.0, 1.0, true, m.reservation_error)) {
        return fail(std::string("expected the model accuracy of side ") + (p == 0 ? "a" : "b") +
                    " (correlations in [-1, 1], an error of 0 or more, a share in [0, 1], a "
                    "reservation error in [0, 1]; or all five empty)");
      }
      m.mean_absolute_error = *mae;
      m.pareto_share = *pareto;
      row.models[p] = m;
    }
  }
  return row;
}

CsvRows parse_tournament_csv(const TournamentPlan& plan, std::string_view text,
                             const std::string& file, bool prefix_only) {
  CsvRows result;
  const std::string header = tournament_csv_header(plan);
  if (text.substr(0, header.size()) != header) {
    if (prefix_only && text.size() < header.size() && header.substr(0, text.size()) == text) {
      return result;  // cut short before its header was whole
    }
    const std::string old = old_csv_header();
    if (text.substr(0, old.size()) == old) {
      throw UserError(SourceLocation{file, 1, 0}, "",
                      "written by an older treatysim (its columns end at distance_to_nash, "
                      "without reservation_a and reservation_b): finish it with that version, or "
                      "play the tournament again into a new folder");
    }
    const std::size_t end_of_line = text.find('\n');
    if (end_of_line != std::string_view::npos &&
        text.substr(0, end_of_line + 1).find("reservation_a,reservation_b") !=
            std::string_view::npos) {
      throw UserError(SourceLocation{file, 1, 0}, "",
                      "its columns do not match this tournament's metrics (model_* columns are "
                      "written when a model_* metric is reported): another tournament's file?");
    }
    throw UserError(SourceLocation{file, 1, 0}, "",
                    "not a tournament's negotiations.csv (unexpected header)");
  }
  std::size_t position = header.size();
  result.valid_bytes = position;
  int line_number = 1;
  while (position < text.size()) {
    const std::size_t newline = text.find('\n', position);
    if (newline == std::string_view::npos) {
      if (prefix_only) break;
      throw UserError(SourceLocation{file, line_number + 1, 0}, "",
                      "the last line has no line break (a file cut short)");
    }
    ++line_number;
    try {
      result.rows.push_back(parse_tournament_csv_line(
          plan, text.substr(position, newline - position), file, line_number));
    } catch (const UserError&) {
      if (prefix_only) break;
      throw;
    }
    position = newline + 1;
    result.valid_bytes = position;
  }
  return result;
}

// [SECTION] Aggregation --------------------------------------------------------------------------

TournamentAggregate::TournamentAggregate(const TournamentPlan& plan)
    : plan_(plan),
      competitors_(plan.competitors.size()),
      pairs_(plan.competitors.size() * plan.competitors.size()),
      cells_(plan.competitors.size() * plan.competitors.size() * plan.scenarios.size() *
             kPartyCount) {}

std::size_t TournamentAggregate::cell(std::size_t competitor, std::size_t opponent,
                                      std::size_t scenario, std::size_t side) const noexcept {
  const std::size_t n = plan_.competitors.size();
  return ((competitor * n + opponent) * plan_.scenarios.size() + scenario) * kPartyCount + side;
}

void TournamentAggregate::add(const TournamentRow& row) {
  ++count_;
  const std::size_t n = plan_.competitors.size();
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const std::size_t c = row.slot.competitors[p];
    const std::size_t o = row.slot.competitors[1 - p];
    const double u = row.utilities[p];
    PerCompetitor& stats = competitors_[c];
    stats.utility.add(u);
    if (row.reservations) stats.advantage.add(row.advantage(p));
    if (const std::optional<ModelAccuracy>& m = row.models[p]) {
      if (m->pearson) stats.model_pearson.add(*m->pearson);
      if (m->kendall) stats.model_kendall.add(*m->kendall);
      stats.model_error.add(m->mean_absolute_error);
      stats.model_pareto.add(m->pareto_share);
      if (m->reservation_error) stats.model_reservation_error.add(*m->reservation_error);
    }
    // The value the ranking and its paired tests use.
    const double score =
        plan_.rank_by == RankBy::kAdvantage && row.reservations ? row.advantage(p) : u;
    stats.agreement.add(row.agreement ? 1.0 : 0.0);
    stats.offers.add(row.offers);
    stats.social_welfare.add(row.social_welfare);
    if (row.distance_to_pareto) stats.distance_to_pareto.add(*row.distance_to_pareto);
    if (row.distance_to_nash) stats.distance_to_nash.add(*row.distance_to_nash);
    pairs_[c * n + o].add(u);
    cells_[cell(c, o, row.slot.scenario, p)].add(score);
  }
}

TournamentResults TournamentAggregate::results() const {
  TournamentResults results;
  results.negotiations = count_;
  const std::size_t n = plan_.competitors.size();
  for (std::size_t c = 0; c < n; ++c) {
    const PerCompetitor& s = competitors_[c];
    RankingEntry entry{c,
                       s.utility.summary(),
                       s.agreement.summary(),
                       s.offers.summary(),
                       s.social_welfare.summary(),
                       s.distance_to_pareto.summary(),
                       s.distance_to_nash.summary(),
                       s.advantage.summary(),
                       {},
                       s.model_pearson.summary(),
                       s.model_kendall.summary(),
                       s.model_error.summary(),
                       s.model_pareto.summary(),
                       s.model_reservation_error.summary()};
    entry.score = plan_.rank_by == RankBy::kAdvantage ? entry.advantage : entry.utility;
    results.ranking.push_back(entry);
  }
  std::stable_sort(results.ranking.begin(), results.ranking.end(),
                   [](const RankingEntry& x, const RankingEntry& y) {
                     if ((x.score.n == 0) != (y.score.n == 0)) return y.score.n == 0;
                     return x.score.mean > y.score.mean;
                   });
  std::vector<double> p_values;
  for (std::size_t r = 0; r + 1 < results.ranking.size(); ++r) {
    AdjacentTest test;
    test.higher = results.ranking[r].competitor;
    test.lower = results.ranking[r + 1].competitor;
    std::vector<double> a;
    std::vector<double> b;
    for (std::size_t o = 0; o < n; ++o) {
      for (std::size_t s = 0; s < plan_.scenarios.size(); ++s) {
        for (std::size_t side = 0; side < kPartyCount; ++side) {
          const RunningStats& x = cells_[cell(test.higher, o, s, side)];
          const RunningStats& y = cells_[cell(test.lower, o, s, side)];
          if (x.count() == 0 || y.count() == 0) continue;
          a.push_back(x.mean());
          b.push_back(y.mean());
        }
      }
    }
    if (a.size() >= 2) {
      test.test = paired_t_test(a, b);
      p_values.push_back(test.test->p_value);
    }
    results.adjacent.push_back(test);
  }
  const std::vector<double> adjusted = holm_adjust(p_values);
  std::size_t next = 0;
  for (AdjacentTest& test : results.adjacent) {
    if (!test.test) continue;
    test.holm_p_value = adjusted[next++];
    test.significant = test.holm_p_value <= kSignificanceLevel;
  }
  results.payoff_matrix.assign(n, std::vector<std::optional<double>>(n));
  results.payoff_count.assign(n, std::vector<std::uint64_t>(n, 0));
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      const RunningStats& s = pairs_[a * n + b];
      results.payoff_count[a][b] = s.count();
      if (s.count() > 0) results.payoff_matrix[a][b] = s.mean();
    }
  }
  return results;
}

// [SECTION] summary.json ---------------------------------------------------------------------------

namespace {

ordered_json rounded(double value) {
  return round_for_output(value);
}

ordered_json mean_or_null(const SampleSummary& s) {
  return s.n == 0 ? ordered_json(nullptr) : rounded(s.mean);
}

}  // namespace

std::string_view tournament_method_text() noexcept {
  return "Ranking by mean discounted utility over every negotiation a competitor played, on "
         "either side, with a 95% Student-t confidence interval. Adjacent ranks are compared by "
         "a two-sided paired t-test on matched cells (opponent, scenario, side): each cell's "
         "value is the competitor's mean utility there, and only cells both competitors played "
         "are paired. The p-values of the adjacent comparisons are adjusted by Holm's step-down "
         "method; a difference is significant when its adjusted p-value is at most 0.05.";
}

std::string tournament_summary_text(const TournamentPlan& plan, const Shard& shard,
                                    const TournamentResults& results, bool complete) {
  ordered_json json;
  json["format"] = "treatysim-tournament-summary";
  json["version"] = 1;
  json["complete"] = complete;
  json["tournament"] = plan.name;
  if (plan.rank_by != RankBy::kUtility) json["rank_by"] = std::string(rank_by_name(plan.rank_by));
  json["mode"] = std::string(tournament_mode_name(plan.mode));
  ordered_json labels = ordered_json::array();
  for (const Competitor& c : plan.competitors) labels.push_back(c.label);
  json["competitors"] = labels;
  json["negotiations"] = {{"done", results.negotiations},
                          {"total", shard.size(plan.negotiation_count())}};
  json["shard"] =
      shard.whole() ? ordered_json(nullptr)
                    : ordered_json(std::to_string(shard.index) + "/" + std::to_string(shard.count));
  ordered_json means = ordered_json::array();
  ordered_json counts = ordered_json::array();
  for (std::size_t a = 0; a < plan.competitors.size(); ++a) {
    ordered_json mean_row = ordered_json::array();
    ordered_json count_row = ordered_json::array();
    for (std::size_t b = 0; b < plan.competitors.size(); ++b) {
      const auto& cell = results.payoff_matrix[a][b];
      mean_row.push_back(cell ? rounded(*cell) : ordered_json(nullptr));
      count_row.push_back(results.payoff_count[a][b]);
    }
    means.push_back(std::move(mean_row));
    counts.push_back(std::move(count_row));
  }
  json["payoff_matrix"] = {
      {"competitors", labels}, {"mean_utility", std::move(means)}, {"count", std::move(counts)}};
  ordered_json ranking = ordered_json::array();
  for (std::size_t r = 0; r < results.ranking.size(); ++r) {
    const RankingEntry& e = results.ranking[r];
    ordered_json entry;
    entry["rank"] = r + 1;
    entry["competitor"] = plan.competitors[e.competitor].label;
    entry["strategy"] = plan.competitors[e.competitor].spec.to_string();
    entry["n"] = e.utility.n;
    entry["mean_utility"] = mean_or_null(e.utility);
    entry["sd"] = rounded(e.utility.sd);
    entry["ci_low"] = e.utility.n == 0 ? ordered_json(nullptr) : rounded(e.utility.ci_low);
    entry["ci_high"] = e.utility.n == 0 ? ordered_json(nullptr) : rounded(e.utility.ci_high);
    if (plan.reports(TournamentMetric::kAgreement))
      entry["agreement_rate"] = mean_or_null(e.agreement);
    if (plan.reports(TournamentMetric::kOffers)) entry["mean_offers"] = mean_or_null(e.offers);
    if (plan.reports(TournamentMetric::kSocialWelfare))
      entry["mean_social_welfare"] = mean_or_null(e.social_welfare);
    if (plan.reports(TournamentMetric::kDistanceToPareto))
      entry["mean_distance_to_pareto"] = mean_or_null(e.distance_to_pareto);
    if (plan.reports(TournamentMetric::kDistanceToNash))
      entry["mean_distance_to_nash"] = mean_or_null(e.distance_to_nash);
    if (plan.reports(TournamentMetric::kAdvantage) || plan.rank_by == RankBy::kAdvantage) {
      entry["mean_advantage"] = mean_or_null(e.advantage);
      entry["advantage_ci_low"] =
          e.advantage.n == 0 ? ordered_json(nullptr) : rounded(e.advantage.ci_low);
      entry["advantage_ci_high"] =
          e.advantage.n == 0 ? ordered_json(nullptr) : rounded(e.advantage.ci_high);
    }
    const std::array<std::pair<TournamentMetric, const SampleSummary*>, 5> models{
        {{TournamentMetric::kModelPearson, &e.model_pearson},
         {TournamentMetric::kModelKendall, &e.model_kendall},
         {TournamentMetric::kModelError, &e.model_error},
         {TournamentMetric::kModelPareto, &e.model_pareto},
         {TournamentMetric::kModelReservationError, &e.model_reservation_error}}};
    for (const auto& [metric, summary] : models) {
      if (!plan.reports(metric)) continue;
      const std::string name(tournament_metric_name(metric));
      entry["mean_" + name] = mean_or_null(*summary);
      entry[name + "_n"] = summary->n;
    }
    ranking.push_back(std::move(entry));
  }
  json["ranking"] = std::move(ranking);
  ordered_json tests = ordered_json::array();
  for (const AdjacentTest& t : results.adjacent) {
    ordered_json entry;
    entry["higher"] = plan.competitors[t.higher].label;
    entry["lower"] = plan.competitors[t.lower].label;
    if (t.test) {
      entry["n"] = t.test->n;
      entry["mean_difference"] = rounded(t.test->mean_difference);
      entry["t"] = std::isfinite(t.test->t) ? rounded(t.test->t) : ordered_json(nullptr);
      entry["degrees_of_freedom"] = t.test->degrees_of_freedom;
      entry["p_value"] = rounded(t.test->p_value);
      entry["holm_p_value"] = rounded(t.holm_p_value);
      entry["significant"] = t.significant;
    } else {
      entry["n"] = 0;
      entry["p_value"] = nullptr;
      entry["holm_p_value"] = nullptr;
      entry["significant"] = false;
    }
    tests.push_back(std::move(entry));
  }
  json["adjacent_tests"] = std::move(tests);
  json["method"] = std::string(tournament_method_text()) +
                   (plan.rank_by == RankBy::kAdvantage
                        ? " Here the ranking and the paired tests use the mean advantage (the "
                          "ANL score: discounted utility minus the competitor's own reservation "
                          "value in that negotiation) instead of the utility."
                        : "");
  ordered_json plan_json = tournament_plan_to_json(plan);
  plan_json["fingerprint"] = plan.fingerprint();
  json["plan"] = std::move(plan_json);
  return json.dump(2) + "\n";
}

}  // namespace treatysim
