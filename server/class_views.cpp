// class_views.cpp — the JSON the pages read and the CSV the teacher downloads. Every number comes
// from the engine: utilities from the scenario's utility functions, the frontier and solutions
// from analyze_scenario, the distances from summarize_match (as tournaments compute them).
#include <algorithm>
#include <cmath>

#include "engine/analysis/negotiation_solutions.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/reservation.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/match.hpp"
#include "server/class_api.hpp"

namespace treatysim::server {

namespace {

using nlohmann::ordered_json;

constexpr double kMaxCloudOutcomes = 20000.0;
constexpr int kHistogramBins = 20;  // joint utility u₀ + u₁ over [0, 2], bins of 0.1

// Plot coordinates: 4 decimals are finer than any screen.
double plot(double value) {
  return std::round(value * 1e4) / 1e4;
}

ordered_json pair(const std::array<double, kPartyCount>& u) {
  return ordered_json::array({plot(u[0]), plot(u[1])});
}

// The result a negotiation stands for: the engine's result when it ended; for one the teacher
// stopped, no agreement (each side its reservation value in this negotiation: fixed, or drawn
// from its seed); nullopt while it runs.
std::optional<NegotiationResult> settled_result(const ClassNegotiation& n) {
  if (n.negotiation().done()) return n.negotiation().result();
  if (!n.stopped) return std::nullopt;
  NegotiationResult result = n.negotiation().result();
  result.offers = static_cast<int>(n.negotiation().offers().size());
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const double reservation = result.reservation_values[p];
    result.utilities[p] = reservation;
    result.discounted_utilities[p] = reservation;
  }
  return result;
}

std::string student_name(const ClassRoom& room, const std::optional<int>& id) {
  if (!id) return {};
  const Student* student = room.student(*id);
  return student != nullptr ? student->name : std::string();
}

ordered_json side_view(const ClassRoom& room, const ClassNegotiation& n, PartyIndex p) {
  ordered_json side;
  side["party"] = n.scenario.party(p).id;
  if (n.students[p]) {
    side["student"] = student_name(room, n.students[p]);
  } else {
    side["agent"] = n.specs[p];
  }
  return side;
}

// A party's preferences as its page shows them; `reservation` is its value in this negotiation
// (drawn from the negotiation's seed when the scenario draws it).
ordered_json values_view(const Scenario& scenario, PartyIndex party, double reservation) {
  const Preferences& preferences = scenario.party(party).preferences;
  const OutcomeSpace& space = scenario.space();
  ordered_json values = ordered_json::object();
  ordered_json weights = ordered_json::object();
  ordered_json worth = ordered_json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    ordered_json v = ordered_json::object();
    ordered_json w = ordered_json::object();
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      v[issue.options[o].id] = round_for_output(preferences.values[i][o]);
      w[issue.options[o].id] =
          round_for_output(scenario.utility(party).contribution(i, static_cast<int>(o)));
    }
    values[issue.id] = std::move(v);
    weights[issue.id] = round_for_output(preferences.weights[i]);
    worth[issue.id] = std::move(w);
  }
  const std::optional<ReservationDistribution>& drawn =
      scenario.def().parties[party].reservation_distribution;
  return {{"values", values},
          {"weights", weights},
          {"worth", worth},
          {"reservation", round_for_output(reservation)},
          {"reservation_drawn",
           drawn ? ordered_json(describe_reservation(*drawn)) : ordered_json(nullptr)},
          {"discount", round_for_output(preferences.discount)}};
}

std::string csv_field(std::string text, bool guard_formula) {
  // A spreadsheet would run a name starting with = + - @ as a formula: keep it text.
  if (guard_formula && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r')) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

ordered_json scenario_view(const ClassRoom& room) {
  const Scenario& scenario = room.scenario();
  ordered_json view;
  view["id"] = scenario.id();
  view["title"] = scenario.title();
  view["description"] = scenario.def().description;
  view["deadline"] = room.default_deadline();
  view["first_mover"] = scenario.party(scenario.protocol().first_mover).id;
  view["information"] =
      scenario.protocol().information == Information::kComplete ? "complete" : "private";
  ordered_json parties = ordered_json::array();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    parties.push_back({{"id", scenario.party(p).id}, {"name", scenario.party(p).name}});
  }
  view["parties"] = std::move(parties);
  ordered_json issues = ordered_json::array();
  for (const Issue& issue : scenario.space().issues()) {
    ordered_json options = ordered_json::array();
    for (const Option& option : issue.options) {
      options.push_back(
          {{"id", option.id}, {"label", option.label}, {"description", option.description}});
    }
    issues.push_back({{"id", issue.id},
                      {"label", issue.label},
                      {"description", issue.description},
                      {"options", std::move(options)}});
  }
  view["issues"] = std::move(issues);
  return view;
}

namespace {

// The outcome space for a plot: the parties with the reservation values `reservations` (a
// negotiation's, or the scenario's — the means of drawn values), the frontier, and the four
// bargaining solutions for that disagreement point (solution_for_reservations, as tournaments'
// distance_to_nash).
ordered_json analysis_json(const ClassRoom& room, bool with_outcomes,
                           const std::array<double, kPartyCount>& reservations) {
  const Scenario& scenario = room.scenario();
  const ScenarioAnalysis& analysis = room.analysis();
  ordered_json view;
  ordered_json parties = ordered_json::array();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const std::optional<ReservationDistribution>& drawn =
        scenario.def().parties[p].reservation_distribution;
    parties.push_back({{"id", scenario.party(p).id},
                       {"name", scenario.party(p).name},
                       {"reservation", round_for_output(reservations[p])},
                       {"reservation_drawn", drawn ? ordered_json(describe_reservation(*drawn))
                                                   : ordered_json(nullptr)}});
  }
  view["parties"] = std::move(parties);
  view["outcome_count"] = analysis.outcome_count;
  if (with_outcomes && scenario.space().enumerable() &&
      analysis.outcome_count <= kMaxCloudOutcomes) {
    ordered_json cloud = ordered_json::array();
    for (const OutcomePoint& point : enumerate_outcomes(scenario))
      cloud.push_back(pair(point.utilities));
    view["outcomes"] = std::move(cloud);
  }
  ordered_json frontier = ordered_json::array();
  for (const OutcomePoint& point : analysis.frontier.points)
    frontier.push_back(pair(point.utilities));
  view["frontier"] = std::move(frontier);
  ordered_json solutions = ordered_json::array();
  const BargainingSolution kinds[] = {
      BargainingSolution::kNash, BargainingSolution::kKalaiSmorodinsky,
      BargainingSolution::kEgalitarian, BargainingSolution::kUtilitarian};
  const char* names[] = {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"};
  const char* labels[] = {"Nash", "Kalai–Smorodinsky", "egalitarian", "utilitarian"};
  for (std::size_t k = 0; k < 4; ++k) {
    const std::optional<OutcomePoint> point =
        solution_for_reservations(analysis, reservations, kinds[k]);
    if (!point) continue;
    solutions.push_back({{"name", names[k]},
                         {"label", labels[k]},
                         {"utilities", pair(point->utilities)},
                         {"outcome", outcome_to_json(scenario, point->outcome)}});
  }
  view["solutions"] = std::move(solutions);
  return view;
}

}  // namespace

ordered_json analysis_view(const ClassRoom& room) {
  return analysis_json(room, true, room.analysis().disagreement);
}

ordered_json student_view(const ClassRoom& room, const Student& student, ViewCache* cache) {
  ordered_json view;
  view["student"] = student.id;
  view["name"] = student.name;
  const ClassRound* round = room.current_round();
  view["round"] = round != nullptr ? ordered_json(round->id) : ordered_json(nullptr);
  const ClassNegotiation* n = room.current_negotiation(student.id);
  if (n == nullptr) {
    view["phase"] = "lobby";
    view["negotiation"] = nullptr;
    view["reveal"] = nullptr;
    return view;
  }
  view["phase"] = n->running() ? "negotiating" : "done";
  const Scenario& scenario = n->scenario;
  const PartyIndex me = *n->side_of(student.id);
  const PartyIndex them = other_party(me);
  const bool revealed = round->revealed;
  const bool complete = scenario.protocol().information == Information::kComplete;
  const Negotiation& engine = n->negotiation();

  ordered_json negotiation;
  negotiation["id"] = n->id;
  negotiation["round"] = n->round;
  negotiation["party"] = scenario.party(me).id;
  negotiation["party_name"] = scenario.party(me).name;
  ordered_json opponent;
  opponent["party"] = scenario.party(them).id;
  opponent["party_name"] = scenario.party(them).name;
  opponent["name"] = n->students[them] ? ordered_json(student_name(room, n->students[them]))
                                       : ordered_json(nullptr);
  opponent["agent"] = !n->students[them].has_value();
  if (!n->students[them] && (revealed || !n->running())) opponent["spec"] = n->specs[them];
  negotiation["opponent"] = std::move(opponent);
  negotiation["first_mover"] = scenario.party(scenario.protocol().first_mover).id;
  negotiation["deadline"] = scenario.protocol().deadline;
  const std::optional<PartyIndex> waiting = n->waiting_for();
  const bool my_turn = waiting == me;
  negotiation["your_turn"] = my_turn;
  negotiation["answering"] = my_turn && engine.awaiting_response();
  negotiation["last_offer"] =
      n->running() && engine.offer_index() + 1 >= scenario.protocol().deadline;
  negotiation["offer_index"] = engine.offer_index();
  negotiation["offers_left"] =
      scenario.protocol().deadline - static_cast<int>(engine.offers().size());
  const bool show_theirs = complete || revealed;
  ordered_json offers = ordered_json::array();
  for (std::size_t r = 0; r < engine.offers().size(); ++r) {
    const OfferRecord& offer = engine.offers()[r];
    ordered_json o;
    o["offer"] = static_cast<int>(r);
    o["party"] = scenario.party(offer.proposer).id;
    o["outcome"] = outcome_to_json(scenario, offer.outcome);
    o["utility"] = round_for_output(scenario.utility(me)(offer.outcome));
    if (show_theirs)
      o["opponent_utility"] = round_for_output(scenario.utility(them)(offer.outcome));
    offers.push_back(std::move(o));
  }
  negotiation["offers"] = std::move(offers);
  negotiation["end"] = n->end_name();
  // A party's values are the class scenario's (a round changes only the deadline); only the
  // reservation value is this negotiation's (drawn from its seed when the scenario draws it).
  ViewCache local;
  ViewCache& lasting = cache != nullptr ? *cache : local;
  const std::array<double, kPartyCount>& reservations = engine.result().reservation_values;
  const auto party_values = [&](PartyIndex party) -> const ordered_json& {
    std::optional<ordered_json>& slot = lasting.party_values[party];
    if (!slot) {
      slot = values_view(room.scenario(), party,
                         room.scenario().party(party).preferences.reservation_value);
      (*slot)["best_outcome"] =
          outcome_to_json(room.scenario(), room.scenario().utility(party).best_outcome());
    }
    return *slot;
  };
  for (const auto& [key, value] : party_values(me).items()) negotiation[key] = value;
  negotiation["reservation"] = round_for_output(reservations[me]);
  if (show_theirs) {
    for (const auto& [key, value] : party_values(them).items()) {
      if (key != "best_outcome") negotiation["opponent_" + key] = value;
    }
    negotiation["opponent_reservation"] = round_for_output(reservations[them]);
  }
  const std::optional<NegotiationResult> result = settled_result(*n);
  if (result) {
    ordered_json r;
    r["agreement"] = result->end == NegotiationEnd::kAgreement;
    r["outcome"] =
        result->agreement ? outcome_to_json(scenario, *result->agreement) : ordered_json(nullptr);
    r["offers"] = result->offers;
    r["utility"] = round_for_output(result->utilities[me]);
    r["discounted_utility"] = round_for_output(result->discounted_utilities[me]);
    if (show_theirs) {
      r["opponent_utility"] = round_for_output(result->utilities[them]);
      r["opponent_discounted_utility"] = round_for_output(result->discounted_utilities[them]);
    }
    negotiation["result"] = std::move(r);
  } else {
    negotiation["result"] = nullptr;
  }
  view["negotiation"] = std::move(negotiation);

  if (!revealed || !result) {
    view["reveal"] = nullptr;
    return view;
  }
  ordered_json reveal;
  // The student's own negotiation: its reservation values (drawn, when the scenario draws them)
  // and the solutions for them; at the scenario's own values the lasting analysis serves.
  if (result->reservation_values == room.analysis().disagreement) {
    if (!lasting.analysis) lasting.analysis = analysis_json(room, false, result->reservation_values);
    reveal["analysis"] = *lasting.analysis;
  } else {
    reveal["analysis"] = analysis_json(room, false, result->reservation_values);
  }
  reveal["your_party"] = me;
  reveal["your_point"] = pair(result->utilities);
  const OutcomeMetrics* metrics = nullptr;
  OutcomeMetrics deal_metrics;
  if (result->agreement) {
    deal_metrics = outcome_metrics(room.scenario(), room.analysis(), *result->agreement,
                                   result->agreement_offer_index);
    metrics = &deal_metrics;
  }
  reveal["pareto_optimal"] = metrics != nullptr && metrics->pareto_optimal;
  reveal["distance_to_pareto"] = metrics != nullptr
                                     ? ordered_json(round_for_output(metrics->distance_to_pareto))
                                     : ordered_json(nullptr);
  ordered_json deals = ordered_json::array();
  for (const int id : round->negotiations) {
    const ClassNegotiation& other = room.negotiation(id);
    const std::optional<NegotiationResult> r = settled_result(other);
    if (!r || !r->agreement) continue;
    deals.push_back({{"utilities", pair(r->utilities)}, {"yours", id == n->id}});
  }
  reveal["deals"] = std::move(deals);
  view["reveal"] = std::move(reveal);
  return view;
}

ordered_json teacher_view(const ClassRoom& room, const ClassAddresses& addresses) {
  const Scenario& scenario = room.scenario();
  ordered_json view;
  view["code"] = room.code();
  view["student_url"] = addresses.student_url;
  const bool drawn = has_drawn_reservations(scenario.def());
  view["scenario"] = {
      {"id", scenario.id()}, {"title", scenario.title()}, {"drawn_reservations", drawn}};
  view["default_deadline"] = room.default_deadline();
  ordered_json agents = ordered_json::array();
  for (const auto& [name, description] : room.agent_choices()) {
    agents.push_back({{"name", name}, {"description", description}});
  }
  view["agents"] = std::move(agents);
  ordered_json students = ordered_json::array();
  for (const Student& s : room.students()) {
    const ClassNegotiation* n = room.current_negotiation(s.id);
    const char* phase = n == nullptr ? "lobby" : (n->running() ? "negotiating" : "done");
    students.push_back({{"id", s.id}, {"name", s.name}, {"phase", phase}});
  }
  view["students"] = std::move(students);
  view["rounds"] = room.rounds().size();
  const ClassRound* round = room.current_round();
  if (round == nullptr) {
    view["round"] = nullptr;
  } else {
    ordered_json r;
    r["id"] = round->id;
    r["pairing"] = std::string(pairing_name(round->pairing));
    r["deadline"] = round->deadline;
    r["swap"] = round->swap;
    r["revealed"] = round->revealed;
    r["ended"] = round->ended;
    r["running"] = room.round_running();
    ordered_json list = ordered_json::array();
    for (const int id : round->negotiations) {
      const ClassNegotiation& n = room.negotiation(id);
      ordered_json item;
      item["id"] = id;
      item["a"] = side_view(room, n, 0);
      item["b"] = side_view(room, n, 1);
      item["offers"] = static_cast<int>(n.negotiation().offers().size());
      item["deadline"] = n.scenario.protocol().deadline;
      item["end"] = n.end_name();
      // Each side's reservation value in this negotiation (drawn from its seed, or fixed).
      item["reservations"] = pair(n.negotiation().result().reservation_values);
      const std::optional<PartyIndex> waiting = n.waiting_for();
      item["turn"] = waiting ? ordered_json(scenario.party(*waiting).id) : ordered_json(nullptr);
      const std::optional<NegotiationResult> result = settled_result(n);
      item["utilities"] = result ? pair(result->utilities) : ordered_json(nullptr);
      list.push_back(std::move(item));
    }
    r["negotiations"] = std::move(list);
    view["round"] = std::move(r);
  }

  // Every agreement of every round, and the distribution of joint utility in the latest round.
  ordered_json deals = ordered_json::array();
  std::vector<int> bins(kHistogramBins, 0);
  int settled_in_round = 0;
  struct Score {
    int negotiations = 0;
    double total = 0.0;
  };
  std::vector<Score> scores(room.students().size());
  for (const auto& negotiation : room.negotiations()) {
    const ClassNegotiation& n = *negotiation;
    const std::optional<NegotiationResult> result = settled_result(n);
    if (!result) continue;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (!n.students[p]) continue;
      Score& score = scores[static_cast<std::size_t>(*n.students[p] - 1)];
      ++score.negotiations;
      score.total += result->discounted_utilities[p];
    }
    if (result->agreement) {
      deals.push_back({{"id", n.id},
                       {"round", n.round},
                       {"utilities", pair(result->utilities)},
                       {"a", n.students[0] ? ordered_json(student_name(room, n.students[0]))
                                           : ordered_json(nullptr)},
                       {"b", n.students[1] ? ordered_json(student_name(room, n.students[1]))
                                           : ordered_json(nullptr)}});
    }
    if (round != nullptr && n.round == round->id) {
      ++settled_in_round;
      const double joint = result->utilities[0] + result->utilities[1];
      const int bin = std::clamp(static_cast<int>(std::floor(joint * kHistogramBins / 2.0)), 0,
                                 kHistogramBins - 1);
      ++bins[static_cast<std::size_t>(bin)];
    }
  }
  view["deals"] = std::move(deals);
  ordered_json histogram;
  histogram["round"] = round != nullptr ? ordered_json(round->id) : ordered_json(nullptr);
  histogram["settled"] = settled_in_round;
  ordered_json bin_list = ordered_json::array();
  for (int b = 0; b < kHistogramBins; ++b) {
    bin_list.push_back({{"from", plot(2.0 * b / kHistogramBins)},
                        {"to", plot(2.0 * (b + 1) / kHistogramBins)},
                        {"count", bins[static_cast<std::size_t>(b)]}});
  }
  histogram["bins"] = std::move(bin_list);
  const ScenarioAnalysis& analysis = room.analysis();
  if (analysis.utilitarian) {
    histogram["utilitarian"] =
        plot(analysis.utilitarian->utilities[0] + analysis.utilitarian->utilities[1]);
  }
  if (analysis.nash)
    histogram["nash"] = plot(analysis.nash->utilities[0] + analysis.nash->utilities[1]);
  // No deal: the joint reservation value; when it is drawn, its mean over the round's
  // negotiations (each has its own).
  double no_deal = analysis.disagreement[0] + analysis.disagreement[1];
  if (drawn && round != nullptr && !round->negotiations.empty()) {
    double sum = 0.0;
    for (const int id : round->negotiations) {
      const std::array<double, kPartyCount>& r =
          room.negotiation(id).negotiation().result().reservation_values;
      sum += r[0] + r[1];
    }
    no_deal = sum / static_cast<double>(round->negotiations.size());
  }
  histogram["no_deal"] = plot(no_deal);
  histogram["no_deal_mean"] = drawn;
  view["histogram"] = std::move(histogram);

  // The agents' own result on the same scenario and deadline, for comparison.
  const int deadline = round != nullptr ? round->deadline : room.default_deadline();
  const Trace& reference = room.reference(deadline);
  ordered_json ref;
  ref["deadline"] = deadline;
  ordered_json specs = ordered_json::object();
  for (PartyIndex p = 0; p < kPartyCount; ++p)
    specs[scenario.party(p).id] = reference.agent_specs[p];
  ref["agents"] = std::move(specs);
  ref["end"] = std::string(negotiation_end_name(reference.result.end));
  ref["offers"] = reference.result.offers;
  ref["utilities"] = pair(reference.result.utilities);
  ref["outcome"] = reference.result.agreement
                       ? outcome_to_json(scenario, *reference.result.agreement)
                       : ordered_json(nullptr);
  view["reference"] = std::move(ref);

  // Leaderboard: the sum of each student's payoffs (discounted utility, or the reservation value
  // without a deal) over the negotiations they finished.
  std::vector<std::size_t> order(scores.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a].total > scores[b].total; });
  ordered_json board = ordered_json::array();
  for (const std::size_t i : order) {
    if (scores[i].negotiations == 0) continue;
    const Student& s = room.students()[i];
    board.push_back({{"student", s.id},
                     {"name", s.name},
                     {"negotiations", scores[i].negotiations},
                     {"total", round_for_output(scores[i].total)},
                     {"mean", round_for_output(scores[i].total / scores[i].negotiations)}});
  }
  view["leaderboard"] = std::move(board);
  return view;
}

ordered_json results_view(const ClassRoom& room) {
  const Scenario& scenario = room.scenario();
  ordered_json rounds = ordered_json::array();
  for (const ClassRound& round : room.rounds()) {
    ordered_json list = ordered_json::array();
    for (const int id : round.negotiations) {
      const ClassNegotiation& n = room.negotiation(id);
      const std::optional<NegotiationResult> result = settled_result(n);
      ordered_json item;
      item["id"] = id;
      item["a"] = side_view(room, n, 0);
      item["b"] = side_view(room, n, 1);
      item["end"] = n.end_name();
      item["offers"] = static_cast<int>(n.negotiation().offers().size());
      item["outcome"] = result && result->agreement ? outcome_to_json(scenario, *result->agreement)
                                                    : ordered_json(nullptr);
      item["utilities"] =
          result ? party_values_to_json(scenario, result->utilities) : ordered_json(nullptr);
      item["discounted_utilities"] =
          result ? party_values_to_json(scenario, result->discounted_utilities)
                 : ordered_json(nullptr);
      item["trace"] = trace_to_json(room.trace(n));
      list.push_back(std::move(item));
    }
    rounds.push_back({{"round", round.id},
                      {"pairing", std::string(pairing_name(round.pairing))},
                      {"deadline", round.deadline},
                      {"swap", round.swap},
                      {"revealed", round.revealed},
                      {"negotiations", std::move(list)}});
  }
  return {{"scenario", {{"id", scenario.id()}, {"hash", scenario.content_hash()}}},
          {"seed", room.seed()},
          {"rounds", std::move(rounds)}};
}

std::string class_csv_header() {
  return "index,round,scenario,seed,competitor_a,party_a,student_a,competitor_b,party_b,student_b,"
         "end,agreement,offers,utility_a,utility_b,social_welfare,distance_to_pareto,"
         "distance_to_nash,reservation_a,reservation_b\n";
}

std::string class_csv(const ClassRoom& room) {
  const Scenario& scenario = room.scenario();
  std::string csv = class_csv_header();
  for (const auto& negotiation : room.negotiations()) {
    const ClassNegotiation& n = *negotiation;
    csv += std::to_string(n.id) + "," + std::to_string(n.round) + "," + scenario.id() + "," +
           std::to_string(n.seed);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      csv += "," + csv_field(n.specs[p], false) + "," + scenario.party(p).id + "," +
             csv_field(student_name(room, n.students[p]), true);
    }
    csv += "," + n.end_name();
    // Known from the start: fixed, or drawn from the negotiation's seed.
    const std::array<double, kPartyCount>& reservations =
        n.negotiation().result().reservation_values;
    const std::string reservation_columns = "," + format_number(round_for_output(reservations[0])) +
                                            "," + format_number(round_for_output(reservations[1]));
    const std::optional<NegotiationResult> result = settled_result(n);
    if (!result) {
      csv += ",0," + std::to_string(n.negotiation().offers().size()) + ",,,,," +
             reservation_columns + "\n";
      continue;
    }
    const MatchRecord record = summarize_match(scenario, room.analysis(), *result);
    csv += std::string(",") + (record.agreement() ? "1" : "0") + "," +
           std::to_string(record.offers) + "," +
           format_number(round_for_output(record.utilities[0])) + "," +
           format_number(round_for_output(record.utilities[1])) + "," +
           format_number(round_for_output(record.social_welfare)) + "," +
           format_number(round_for_output(record.distance_to_pareto)) + "," +
           (record.distance_to_nash ? format_number(round_for_output(*record.distance_to_nash))
                                    : std::string()) +
           reservation_columns + "\n";
  }
  return csv;
}

}  // namespace treatysim::server
