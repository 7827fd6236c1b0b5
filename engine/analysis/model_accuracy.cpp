#include "engine/analysis/model_accuracy.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/random/uniform_int_distribution.hpp>

#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"

namespace treatysim {

using nlohmann::ordered_json;

namespace {

std::vector<std::size_t> frontier_positions(const std::vector<double>& own,
                                            const std::vector<double>& other) {
  std::vector<OutcomePoint> points(own.size());
  for (std::size_t k = 0; k < own.size(); ++k) {
    points[k].index = k;
    points[k].utilities = {own[k], other[k]};
  }
  std::vector<std::size_t> positions;
  for (const OutcomePoint& p : pareto_frontier(points)) positions.push_back(p.index);
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

// Merge sort of `v` counting the inversions (pairs i < j with v[i] > v[j]).
std::uint64_t count_inversions(std::vector<std::int64_t>& v, std::vector<std::int64_t>& scratch,
                               std::size_t begin, std::size_t end) {
  if (end - begin < 2) return 0;
  const std::size_t middle = begin + (end - begin) / 2;
  std::uint64_t swaps =
      count_inversions(v, scratch, begin, middle) + count_inversions(v, scratch, middle, end);
  std::size_t i = begin;
  std::size_t j = middle;
  std::size_t k = begin;
  while (i < middle && j < end) {
    if (v[j] < v[i]) {
      swaps += middle - i;
      scratch[k++] = v[j++];
    } else {
      scratch[k++] = v[i++];
    }
  }
  while (i < middle) scratch[k++] = v[i++];
  while (j < end) scratch[k++] = v[j++];
  std::copy(scratch.begin() + static_cast<std::ptrdiff_t>(begin),
            scratch.begin() + static_cast<std::ptrdiff_t>(end),
            v.begin() + static_cast<std::ptrdiff_t>(begin));
  return swaps;
}

// Σ t(t−1)/2 over runs of equal values of a sorted series.
template <typename Equal>
std::uint64_t tied_pairs(std::size_t n, Equal equal) {
  std::uint64_t total = 0;
  std::size_t run = 1;
  for (std::size_t k = 1; k <= n; ++k) {
    if (k < n && equal(k - 1, k)) {
      ++run;
      continue;
    }
    total += static_cast<std::uint64_t>(run) * (run - 1) / 2;
    run = 1;
  }
  return total;
}

ordered_json optional_json(const std::optional<double>& value) {
  return value ? ordered_json(round_for_output(*value)) : ordered_json(nullptr);
}

}  // namespace

// [SECTION] The measured outcomes -------------------------------------------------------------

AccuracyBasis::AccuracyBasis(const Scenario& scenario, PartyIndex modeller) : modeller_(modeller) {
  const OutcomeSpace& space = scenario.space();
  if (space.enumerable() && space.count() <= kMaxMeasuredOutcomes) {
    const std::uint64_t n = space.count();
    outcomes_.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) outcomes_.push_back(space.outcome_at(i));
  } else {
    sampled_ = true;
    Rng rng(derive_seed(0, "accuracy-sample", modelled()));
    outcomes_.reserve(kMaxMeasuredOutcomes);
    for (std::uint64_t k = 0; k < kMaxMeasuredOutcomes; ++k) {
      Outcome outcome(space.issue_count());
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const int options = static_cast<int>(space.issue(i).options.size());
        outcome.set(i, boost::random::uniform_int_distribution<int>(0, options - 1)(rng));
      }
      outcomes_.push_back(outcome);
    }
  }
  own_.reserve(outcomes_.size());
  truth_.reserve(outcomes_.size());
  for (const Outcome& o : outcomes_) {
    own_.push_back(scenario.utility(modeller_)(o));
    truth_.push_back(scenario.utility(modelled())(o));
  }
  frontier_ = frontier_positions(own_, truth_);
}

// [SECTION] The measures -----------------------------------------------------------------------

std::optional<double> pearson_correlation(const std::vector<double>& x,
                                          const std::vector<double>& y) {
  TREATYSIM_CHECK(x.size() == y.size(), "two series of equal length");
  const std::size_t n = x.size();
  if (n < 2) return std::nullopt;
  double mx = 0.0;
  double my = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    mx += x[k];
    my += y[k];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double dx = x[k] - mx;
    const double dy = y[k] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Variance below (1e-12)² per outcome is rounding noise around a constant series.
  const double floor = 1e-24 * static_cast<double>(n);
  if (sxx <= floor || syy <= floor) return std::nullopt;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::optional<double> kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  TREATYSIM_CHECK(x.size() == y.size(), "two series of equal length");
  const std::size_t n = x.size();
  if (n < 2) return std::nullopt;
  const auto grid = [](double v) { return static_cast<std::int64_t>(std::llround(v * 1e9)); };
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs(n);
  for (std::size_t k = 0; k < n; ++k) pairs[k] = {grid(x[k]), grid(y[k])};
  std::sort(pairs.begin(), pairs.end());
  const std::uint64_t total = static_cast<std::uint64_t>(n) * (n - 1) / 2;
  const std::uint64_t ties_x =
      tied_pairs(n, [&](std::size_t a, std::size_t b) { return pairs[a].first == pairs[b].first; });
  const std::uint64_t ties_xy =
      tied_pairs(n, [&](std::size_t a, std::size_t b) { return pairs[a] == pairs[b]; });
  std::vector<std::int64_t> ys(n);
  for (std::size_t k = 0; k < n; ++k) ys[k] = pairs[k].second;
  std::vector<std::int64_t> scratch(n);
  // Sorted by x (ties by y), the inversions of y are exactly the discordant pairs.
  const std::uint64_t discordant = count_inversions(ys, scratch, 0, n);
  const std::uint64_t ties_y =
      tied_pairs(n, [&](std::size_t a, std::size_t b) { return ys[a] == ys[b]; });
  if (ties_x == total || ties_y == total) return std::nullopt;
  // concordant − discordant = total − ties_x − ties_y + ties_xy − 2·discordant
  const double numerator = static_cast<double>(total) - static_cast<double>(ties_x) -
                           static_cast<double>(ties_y) + static_cast<double>(ties_xy) -
                           2.0 * static_cast<double>(discordant);
  const double denominator = std::sqrt(static_cast<double>(total - ties_x)) *
                             std::sqrt(static_cast<double>(total - ties_y));
  return std::clamp(numerator / denominator, -1.0, 1.0);
}

ModelAccuracy measure_accuracy(const AccuracyBasis& basis, const std::vector<double>& estimate,
                               std::optional<double> estimated_reservation,
                               double true_reservation) {
  const std::vector<double>& truth = basis.true_utilities();
  TREATYSIM_CHECK(estimate.size() == truth.size(), "one estimate per measured outcome");
  ModelAccuracy a;
  a.pearson = pearson_correlation(estimate, truth);
  a.kendall = kendall_tau_b(estimate, truth);
  double error = 0.0;
  for (std::size_t k = 0; k < truth.size(); ++k) error += std::fabs(estimate[k] - truth[k]);
  a.mean_absolute_error = truth.empty() ? 0.0 : error / static_cast<double>(truth.size());
  const std::vector<std::size_t> estimated = frontier_positions(basis.own_utilities(), estimate);
  const std::vector<std::size_t>& real = basis.true_frontier();
  std::vector<std::size_t> common;
  std::set_intersection(real.begin(), real.end(), estimated.begin(), estimated.end(),
                        std::back_inserter(common));
  a.pareto_share =
      real.empty() ? 1.0 : static_cast<double>(common.size()) / static_cast<double>(real.size());
  if (estimated_reservation) {
    a.estimated_reservation = *estimated_reservation;
    a.reservation_error = std::fabs(*estimated_reservation - true_reservation);
  }
  return a;
}

std::optional<ModelAccuracy> measure_agent(const AccuracyBasis& basis, const Agent& agent,
                                           double true_reservation) {
  std::vector<double> estimate;
  estimate.reserve(basis.outcomes().size());
  for (const Outcome& o : basis.outcomes()) {
    const std::optional<double> u = agent.estimated_utility(o);
    if (!u) return std::nullopt;
    estimate.push_back(*u);
  }
  return measure_accuracy(basis, estimate, agent.estimated_reservation(), true_reservation);
}

// [SECTION] Curves over a negotiation ------------------------------------------------------------

AccuracyRecorder::AccuracyRecorder(const std::array<const AccuracyBasis*, kPartyCount>& bases,
                                   const std::array<const Agent*, kPartyCount>& agents,
                                   const std::array<double, kPartyCount>& reservation_values)
    : bases_(bases), agents_(agents), reservations_(reservation_values) {
  report_.sampled = bases_[0]->sampled();
  report_.outcomes = bases_[0]->outcomes().size();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    report_.has_model[p] = agents_[p]->estimated_utility(bases_[p]->outcomes().front()).has_value();
  }
}

void AccuracyRecorder::on_event(const Event& event) {
  if (event.kind == EventKind::kOffer || event.kind == EventKind::kDeadline) return;
  const PartyIndex p = event.party;  // the responder, whose model has just seen the offer
  if (!report_.has_model[p]) return;
  const std::optional<ModelAccuracy> a =
      measure_agent(*bases_[p], *agents_[p], reservations_[other_party(p)]);
  if (a) report_.curves[p].push_back(AccuracyPoint{event.offer_index, *a});
}

ModelReport AccuracyRecorder::report() const {
  ModelReport report = report_;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (report.has_model[p]) {
      report.final_accuracy[p] =
          measure_agent(*bases_[p], *agents_[p], reservations_[other_party(p)]);
    }
  }
  return report;
}

namespace {

// Hands every event to several listeners, in order.
class Fanout final : public EventListener {
 public:
  explicit Fanout(std::vector<EventListener*> listeners) : listeners_(std::move(listeners)) {}
  void on_event(const Event& event) override {
    for (EventListener* l : listeners_) l->on_event(event);
  }

 private:
  std::vector<EventListener*> listeners_;
};

}  // namespace

TracedReport run_traced_with_models(const Scenario& scenario,
                                    const std::array<Spec, kPartyCount>& specs, std::uint64_t seed,
                                    const AgentFactory& factory) {
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  TracedReport out{Trace{scenario, seed, {}, {}, {}}, {}};
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    factory.check(specs[p], scenario, p);
    agents[p] = factory.create(specs[p]);
    out.trace.agent_specs[p] = specs[p].to_string();
  }
  const AccuracyBasis basis0(scenario, 0);
  const AccuracyBasis basis1(scenario, 1);
  TraceRecorder trace_recorder;
  // The agents are reset by the Negotiation's constructor, before any event: the recorder reads
  // them only from the first event on.
  std::unique_ptr<AccuracyRecorder> accuracy;
  struct Late final : EventListener {
    std::unique_ptr<AccuracyRecorder>* target = nullptr;
    void on_event(const Event& event) override { (*target)->on_event(event); }
  } late;
  late.target = &accuracy;
  Fanout fanout({&trace_recorder, &late});
  Negotiation negotiation(scenario, {agents[0].get(), agents[1].get()}, seed, &fanout);
  accuracy = std::make_unique<AccuracyRecorder>(
      std::array<const AccuracyBasis*, kPartyCount>{&basis0, &basis1},
      std::array<const Agent*, kPartyCount>{agents[0].get(), agents[1].get()},
      negotiation.result().reservation_values);
  out.trace.result = negotiation.run();
  out.trace.events = trace_recorder.events();
  out.report = accuracy->report();
  return out;
}

// [SECTION] JSON -----------------------------------------------------------------------------------

ordered_json model_accuracy_to_json(const ModelAccuracy& a) {
  ordered_json json;
  json["pearson"] = optional_json(a.pearson);
  json["kendall"] = optional_json(a.kendall);
  json["mae"] = round_for_output(a.mean_absolute_error);
  json["pareto"] = round_for_output(a.pareto_share);
  json["estimated_reservation"] = optional_json(a.estimated_reservation);
  json["reservation_error"] = optional_json(a.reservation_error);
  return json;
}

ordered_json model_report_to_json(const Scenario& scenario, const ModelReport& report) {
  ordered_json json;
  json["sampled"] = report.sampled;
  json["outcomes"] = report.outcomes;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (!report.has_model[p]) continue;
    ordered_json party;
    party["models"] = scenario.party(other_party(p)).id;
    party["final"] = report.final_accuracy[p] ? model_accuracy_to_json(*report.final_accuracy[p])
                                              : ordered_json(nullptr);
    ordered_json curve = ordered_json::array();
    for (const AccuracyPoint& point : report.curves[p]) {
      ordered_json entry;
      entry["offer"] = point.offer_index;
      const ordered_json measures = model_accuracy_to_json(point.accuracy);
      for (const auto& [key, value] : measures.items()) entry[key] = value;
      curve.push_back(std::move(entry));
    }
    party["curve"] = std::move(curve);
    json[scenario.party(p).id] = std::move(party);
  }
  return json;
}

}  // namespace treatysim
