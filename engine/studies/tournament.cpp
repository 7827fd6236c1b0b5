// tournament.cpp — the list of negotiations, shards, and playing one entry of the list.
#include "engine/studies/tournament.hpp"

#include <charconv>

#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/match.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim {

std::string_view tournament_mode_name(TournamentMode mode) noexcept {
  return mode == TournamentMode::kLifecycle ? "lifecycle" : "negotiation";
}

namespace {
constexpr std::array<TournamentMetric, 11> kAllMetrics{TournamentMetric::kAgreement,
                                                       TournamentMetric::kOffers,
                                                       TournamentMetric::kSocialWelfare,
                                                       TournamentMetric::kDistanceToPareto,
                                                       TournamentMetric::kDistanceToNash,
                                                       TournamentMetric::kAdvantage,
                                                       TournamentMetric::kModelPearson,
                                                       TournamentMetric::kModelKendall,
                                                       TournamentMetric::kModelError,
                                                       TournamentMetric::kModelPareto,
                                                       TournamentMetric::kModelReservationError};
}  // namespace

bool is_model_metric(TournamentMetric metric) noexcept {
  return metric == TournamentMetric::kModelPearson || metric == TournamentMetric::kModelKendall ||
         metric == TournamentMetric::kModelError || metric == TournamentMetric::kModelPareto ||
         metric == TournamentMetric::kModelReservationError;
}

std::string tournament_metric_names() {
  std::string text;
  for (std::size_t k = 0; k < kAllMetrics.size(); ++k) {
    text += (k == 0                        ? "\""
             : k + 1 == kAllMetrics.size() ? "\" or \""
                                           : "\", \"") +
            std::string(tournament_metric_name(kAllMetrics[k]));
  }
  return text + "\"";
}

std::string_view rank_by_name(RankBy rank_by) noexcept {
  return rank_by == RankBy::kAdvantage ? "advantage" : "utility";
}

std::string_view tournament_metric_name(TournamentMetric metric) noexcept {
  switch (metric) {
    case TournamentMetric::kAgreement:
      return "agreement";
    case TournamentMetric::kOffers:
      return "offers";
    case TournamentMetric::kSocialWelfare:
      return "social_welfare";
    case TournamentMetric::kDistanceToPareto:
      return "distance_to_pareto";
    case TournamentMetric::kDistanceToNash:
      return "distance_to_nash";
    case TournamentMetric::kAdvantage:
      return "advantage";
    case TournamentMetric::kModelPearson:
      return "model_pearson";
    case TournamentMetric::kModelKendall:
      return "model_kendall";
    case TournamentMetric::kModelError:
      return "model_mae";
    case TournamentMetric::kModelPareto:
      return "model_pareto";
    case TournamentMetric::kModelReservationError:
      return "model_reservation_error";
  }
  return "";
}

std::optional<TournamentMetric> parse_tournament_metric(std::string_view name) {
  for (const TournamentMetric m : kAllMetrics) {
    if (tournament_metric_name(m) == name) return m;
  }
  return std::nullopt;
}

// [SECTION] Shards ---------------------------------------------------------------------------------

std::uint64_t Shard::size(std::uint64_t total) const noexcept {
  return total / count + ((total % count) > (index - 1) ? 1 : 0);
}

Shard parse_shard(const std::string& text, const std::string& option) {
  const auto fail = [&]() -> Shard {
    throw UserError(option + ": expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got \"" + text + "\"");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return fail();
  Shard shard;
  const char* begin = text.data();
  const char* middle = begin + slash;
  const char* end = begin + text.size();
  const auto first = std::from_chars(begin, middle, shard.index);
  const auto second = std::from_chars(middle + 1, end, shard.count);
  if (first.ec != std::errc{} || first.ptr != middle || second.ec != std::errc{} ||
      second.ptr != end || shard.index < 1 || shard.index > shard.count ||
      shard.count > 1'000'000) {
    return fail();
  }
  return shard;
}

// [SECTION] The plan ---------------------------------------------------------------------------------

std::vector<Pairing> TournamentPlan::pairings() const {
  std::vector<Pairing> list;
  const std::size_t n = competitors.size();
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b && !self_play) continue;
      if (!role_swap && b < a) continue;
      list.push_back(Pairing{a, b});
    }
  }
  return list;
}

std::uint64_t TournamentPlan::negotiation_count() const {
  return static_cast<std::uint64_t>(scenarios.size()) * pairings().size() *
         static_cast<std::uint64_t>(repetitions);
}

NegotiationSlot TournamentPlan::slot(std::uint64_t k) const {
  // Pairings are enumerated arithmetically, so that slot() costs no allocation: with N
  // competitors the list above is a simple filter of the N×N grid.
  const std::uint64_t repetitions_u = static_cast<std::uint64_t>(repetitions);
  const std::uint64_t n = competitors.size();
  std::uint64_t pairing_count = 0;
  if (role_swap) {
    pairing_count = self_play ? n * n : n * (n - 1);
  } else {
    pairing_count = self_play ? n * (n + 1) / 2 : n * (n - 1) / 2;
  }
  TREATYSIM_CHECK(k < scenarios.size() * pairing_count * repetitions_u,
                  "negotiation index past the end of the tournament");
  NegotiationSlot s;
  s.index = k;
  s.repetition = static_cast<int>(k % repetitions_u);
  const std::uint64_t pair_index = (k / repetitions_u) % pairing_count;
  s.scenario = static_cast<std::size_t>(k / repetitions_u / pairing_count);
  // Walk the rows of the grid: row a holds the pairings (a, b) kept by the filter.
  std::uint64_t remaining = pair_index;
  for (std::uint64_t a = 0; a < n; ++a) {
    const std::uint64_t first_b = role_swap ? 0 : a;
    const std::uint64_t row = (n - first_b) - (self_play ? 0 : 1);
    if (remaining < row) {
      std::uint64_t b = first_b + remaining;
      if (!self_play && b >= a) ++b;
      s.competitors = {static_cast<std::size_t>(a), static_cast<std::size_t>(b)};
      break;
    }
    remaining -= row;
  }
  s.seed = derive_seed(seed, "tournament", k);
  return s;
}

bool TournamentPlan::reports(TournamentMetric metric) const {
  for (const TournamentMetric m : metrics) {
    if (m == metric) return true;
  }
  return false;
}

bool TournamentPlan::reports_models() const {
  for (const TournamentMetric m : metrics) {
    if (is_model_metric(m)) return true;
  }
  return false;
}

std::string TournamentPlan::fingerprint() const {
  nlohmann::ordered_json json = tournament_plan_to_json(*this);
  json.erase("fingerprint");
  const std::uint64_t hash = fnv1a64(json.dump());
  char text[17];
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) text[i] = kHex[(hash >> (60 - 4 * i)) & 0xFU];
  text[16] = '\0';
  return text;
}

// [SECTION] Playing ------------------------------------------------------------------------------

struct TournamentPlayer::Cache {
  std::size_t scenario = 0;
  Pairing competitors{};
  std::unique_ptr<MatchRunner> runner;
};

TournamentPlayer::TournamentPlayer(const TournamentDef& def, const AgentFactory& factory)
    : def_(def), factory_(factory), cache_(std::make_unique<Cache>()) {}

TournamentPlayer::~TournamentPlayer() = default;

namespace {

std::string_view end_name(NegotiationEnd end) {
  switch (end) {
    case NegotiationEnd::kAgreement:
      return "agreement";
    case NegotiationEnd::kWalkAway:
      return "walk_away";
    case NegotiationEnd::kDeadline:
      return "deadline";
    case NegotiationEnd::kRunning:
      break;
  }
  return "running";
}

// The scenario with the two competitors as the parties' negotiators (lifecycle mode).
Scenario with_negotiators(const Scenario& scenario, const TournamentPlan& plan,
                          const Pairing& pairing) {
  ScenarioDef def = scenario.def();
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    def.parties[p].agent = plan.competitors[pairing[p]].spec.to_string();
  }
  return Scenario::create(std::move(def));
}

}  // namespace

TournamentRow TournamentPlayer::play(std::uint64_t k) {
  const TournamentPlan& plan = def_.plan;
  TournamentRow row;
  row.slot = plan.slot(k);
  const Scenario& scenario = def_.scenarios[row.slot.scenario];
  if (plan.mode == TournamentMode::kLifecycle) {
    const Scenario played = with_negotiators(scenario, plan, row.slot.competitors);
    const LifecycleResult result = simulate_lifecycle(played, row.slot.seed, factory_, plan.years);
    row.end = std::string(treaty_state_name(result.final_state));
    for (const NegotiationRecord& n : result.negotiations) {
      row.offers += n.trace.result.offers;
      if (n.agreed && n.ratified[0] && n.ratified[1] && !n.superseded) row.agreement = true;
    }
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      row.utilities[p] = round_for_output(result.cumulative_discounted[p]);
    }
    row.social_welfare =
        round_for_output(result.cumulative_discounted[0] + result.cumulative_discounted[1]);
    return row;
  }
  Cache& cache = *cache_;
  if (!cache.runner || cache.scenario != row.slot.scenario ||
      cache.competitors != row.slot.competitors) {
    cache.runner.reset();
    std::array<const AccuracyBasis*, kPartyCount> bases{nullptr, nullptr};
    if (plan.reports_models()) {
      for (std::size_t p = 0; p < kPartyCount; ++p) {
        bases[p] = def_.accuracy_bases[row.slot.scenario][p].get();
      }
    }
    cache.runner = std::make_unique<MatchRunner>(
        scenario, *def_.analyses[row.slot.scenario], factory_,
        std::array<Spec, kPartyCount>{plan.competitors[row.slot.competitors[0]].spec,
                                      plan.competitors[row.slot.competitors[1]].spec},
        bases);
    cache.scenario = row.slot.scenario;
    cache.competitors = row.slot.competitors;
  }
  const MatchRecord record = cache.runner->play(row.slot.seed);
  row.end = std::string(end_name(record.end));
  row.agreement = record.agreement();
  row.offers = record.offers;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    row.utilities[p] = round_for_output(record.utilities[p]);
  }
  row.social_welfare = round_for_output(record.social_welfare);
  row.distance_to_pareto = round_for_output(record.distance_to_pareto);
  if (record.distance_to_nash) row.distance_to_nash = round_for_output(*record.distance_to_nash);
  row.reservations = std::array<double, kPartyCount>{round_for_output(record.reservations[0]),
                                                     round_for_output(record.reservations[1])};
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    if (!record.models[p]) continue;
    ModelAccuracy a = *record.models[p];
    const auto rounded = [](std::optional<double>& v) {
      if (v) v = round_for_output(*v);
    };
    rounded(a.pearson);
    rounded(a.kendall);
    rounded(a.reservation_error);
    a.mean_absolute_error = round_for_output(a.mean_absolute_error);
    a.pareto_share = round_for_output(a.pareto_share);
    a.estimated_reservation.reset();
    row.models[p] = a;
  }
  return row;
}

std::string TournamentPlayer::trace_text(std::uint64_t k) const {
  const TournamentPlan& plan = def_.plan;
  if (!plan.reports_models() || plan.mode != TournamentMode::kNegotiation) {
    return trace_to_text(trace(k));
  }
  const NegotiationSlot s = plan.slot(k);
  const Scenario& scenario = def_.scenarios[s.scenario];
  const TracedReport run = run_traced_with_models(
      scenario, {plan.competitors[s.competitors[0]].spec, plan.competitors[s.competitors[1]].spec},
      s.seed, factory_);
  nlohmann::ordered_json json = trace_to_json(run.trace);
  json["model_report"] = model_report_to_json(scenario, run.report);
  return json.dump(2) + "\n";
}

Trace TournamentPlayer::trace(std::uint64_t k) const {
  const TournamentPlan& plan = def_.plan;
  if (plan.mode != TournamentMode::kNegotiation) {
    throw UserError("traces are recorded for negotiation tournaments only");
  }
  const NegotiationSlot s = plan.slot(k);
  return run_traced(
      def_.scenarios[s.scenario],
      {plan.competitors[s.competitors[0]].spec, plan.competitors[s.competitors[1]].spec}, s.seed,
      factory_);
}

}  // namespace treatysim
