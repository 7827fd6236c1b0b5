#include "engine/studies/evaluation.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

constexpr std::array<Metric, kMetricCount> kMetrics = {
    Metric::kUtility, Metric::kAgreementRate, Metric::kSocialWelfare, Metric::kDistanceToNash};

std::size_t slot(Metric metric) noexcept {
  return static_cast<std::size_t>(metric);
}

// One pairing: the candidate plays `role` of scenario `scenario` against opponent `opponent`.
struct Pairing {
  std::size_t scenario = 0;
  PartyIndex role = 0;
  std::size_t opponent = 0;
};

std::vector<Pairing> pairings(const EvaluationPlan& plan) {
  std::vector<Pairing> list;
  for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
    for (const PartyIndex role : plan.scenarios[s].roles) {
      for (std::size_t o = 0; o < plan.opponents.size(); ++o) list.push_back({s, role, o});
    }
  }
  return list;
}

// Splits "bidding.e" into its first name and the rest ("bidding", "e").
std::pair<std::string_view, std::string_view> split_path(std::string_view path) {
  const std::size_t dot = path.find('.');
  if (dot == std::string_view::npos) return {path, {}};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

}  // namespace

std::string_view metric_name(Metric metric) noexcept {
  switch (metric) {
    case Metric::kUtility:
      return "utility";
    case Metric::kAgreementRate:
      return "agreement_rate";
    case Metric::kSocialWelfare:
      return "social_welfare";
    case Metric::kDistanceToNash:
      return "distance_to_nash";
  }
  return "utility";
}

std::optional<Metric> parse_metric(std::string_view name) noexcept {
  for (const Metric metric : kMetrics) {
    if (metric_name(metric) == name) return metric;
  }
  return std::nullopt;
}

bool metric_higher_is_better(Metric metric) noexcept {
  return metric != Metric::kDistanceToNash;
}

std::string metric_names() {
  std::string list;
  for (const Metric metric : kMetrics) {
    list += (list.empty() ? "" : ", ") + std::string(metric_name(metric));
  }
  return list;
}

std::size_t EvaluationPlan::negotiation_count() const noexcept {
  std::size_t roles = 0;
  for (const EvaluationScenario& s : scenarios) roles += s.roles.size();
  return roles * opponents.size() * seeds.size();
}

SampleSummary Evaluation::summary(Metric metric) const {
  return summarize(values[slot(metric)]);
}

double Evaluation::mean(Metric metric) const {
  return summary(metric).mean;
}

void check_candidate(const EvaluationPlan& plan, const AgentFactory& factory,
                     const Spec& candidate) {
  for (const EvaluationScenario& s : plan.scenarios) {
    for (const PartyIndex role : s.roles) {
      try {
        factory.check(candidate, s.scenario, role);
      } catch (const UserError& e) {
        throw UserError(candidate.to_string() + " cannot play scenario \"" + s.scenario.id() +
                        "\", party \"" + s.scenario.party(role).id +
                        "\": " + e.message_with_location());
      }
    }
  }
}

void check_opponent(const EvaluationPlan& plan, const AgentFactory& factory, std::size_t index) {
  const Spec& opponent = plan.opponents[index];
  for (const EvaluationScenario& s : plan.scenarios) {
    for (const PartyIndex role : s.roles) {
      const PartyIndex other = other_party(role);
      try {
        factory.check(opponent, s.scenario, other);
      } catch (const UserError& e) {
        throw UserError(opponent.to_string() + " cannot play scenario \"" + s.scenario.id() +
                        "\", party \"" + s.scenario.party(other).id +
                        "\": " + e.message_with_location());
      }
    }
  }
}

Evaluation evaluate(const EvaluationPlan& plan, const AgentFactory& factory, const Spec& candidate,
                    const ParallelFor& parallel) {
  return evaluate(plan, factory, candidate, local_parallel_map(parallel));
}

std::size_t evaluation_pairing_count(const EvaluationPlan& plan) noexcept {
  std::size_t roles = 0;
  for (const EvaluationScenario& s : plan.scenarios) roles += s.roles.size();
  return roles * plan.opponents.size();
}

std::size_t evaluation_blocks_per_pairing(const EvaluationPlan& plan) noexcept {
  return (plan.seeds.size() + kSeedsPerBlock - 1) / kSeedsPerBlock;
}

std::size_t evaluation_item_count(const EvaluationPlan& plan) noexcept {
  return evaluation_pairing_count(plan) * evaluation_blocks_per_pairing(plan);
}

Evaluation evaluate(const EvaluationPlan& plan, const AgentFactory& factory, const Spec& candidate,
                    const ParallelMap& map) {
  const std::vector<Pairing> list = pairings(plan);
  const std::size_t seeds = plan.seeds.size();
  // Item b: block b, at most kSeedsPerBlock seeds of one pairing, each block with its own runner
  // (agents are reset before every negotiation, so a block plays what one runner over all seeds
  // would): threads and ranks share uneven pairings evenly, and a stop between blocks comes
  // quickly. Only what the metrics read travels: the candidate's utility, agreement, social
  // welfare and the distance to the Nash point (when there is one).
  const std::size_t blocks_per_pairing = evaluation_blocks_per_pairing(plan);
  const auto play_block = [&](std::size_t block) {
    const std::size_t k = block / blocks_per_pairing;
    const std::size_t first = (block % blocks_per_pairing) * kSeedsPerBlock;
    const std::size_t last = std::min(seeds, first + kSeedsPerBlock);
    const Pairing& p = list[k];
    const EvaluationScenario& s = plan.scenarios[p.scenario];
    std::array<Spec, kPartyCount> specs;
    specs[p.role] = candidate;
    specs[other_party(p.role)] = plan.opponents[p.opponent];
    MatchRunner runner(s.scenario, s.analysis, factory, specs);
    ByteWriter out;
    for (std::size_t i = first; i < last; ++i) {
      const MatchRecord r = runner.play(plan.seeds[i]);
      out.put<double>(r.utilities[p.role]);
      out.put<bool>(r.agreement());
      out.put<double>(r.social_welfare);
      out.put_optional(r.distance_to_nash);
    }
    return out.take();
  };
  Evaluation evaluation;
  for (auto& v : evaluation.values) v.reserve(list.size() * seeds);
  // Blocks arrive in index order: pairing by pairing, seeds in order — the plan's order.
  map(list.size() * blocks_per_pairing, play_block, [&](std::size_t block, std::string_view bytes) {
    const std::size_t first = (block % blocks_per_pairing) * kSeedsPerBlock;
    const std::size_t last = std::min(seeds, first + kSeedsPerBlock);
    ByteReader in(bytes);
    for (std::size_t i = first; i < last; ++i) {
      evaluation.values[slot(Metric::kUtility)].push_back(in.get<double>());
      evaluation.values[slot(Metric::kAgreementRate)].push_back(in.get<bool>() ? 1.0 : 0.0);
      evaluation.values[slot(Metric::kSocialWelfare)].push_back(in.get<double>());
      if (const std::optional<double> d = in.get_optional()) {
        evaluation.values[slot(Metric::kDistanceToNash)].push_back(*d);
      }
    }
    TREATYSIM_CHECK(in.at_end(), "evaluate: a block's bytes hold more than its records");
  });
  return evaluation;
}

std::vector<std::uint64_t> plan_seeds(std::uint64_t base, std::string_view purpose,
                                      std::size_t count) {
  std::vector<std::uint64_t> seeds(count);
  for (std::size_t i = 0; i < count; ++i) seeds[i] = derive_seed(base, purpose, i);
  return seeds;
}

Spec with_number(const Spec& spec, std::string_view path, double value) {
  const auto [head, rest] = split_path(path);
  Spec copy = spec;
  for (SpecParameter& p : copy.parameters) {
    if (p.name != head) continue;
    if (rest.empty()) {
      if (p.value.kind != SpecValue::Kind::kNumber) {
        throw UserError("parameter \"" + p.name + "\" of " + spec.to_string() + " is not a number");
      }
      p.value = SpecValue::of_number(value);
      return copy;
    }
    if (p.value.kind != SpecValue::Kind::kSpec) {
      throw UserError("parameter \"" + p.name + "\" of " + spec.to_string() +
                      " is not a nested spec, so it has no parameter \"" + std::string(rest) +
                      "\"");
    }
    p.value = SpecValue::of_spec(with_number(p.value.spec.front(), rest, value));
    return copy;
  }
  if (!rest.empty()) {
    throw UserError("write the nested spec of \"" + std::string(head) +
                    "\" in the strategy (e.g. " + spec.name + "(" + std::string(head) +
                    "=NAME)) to vary its parameter \"" + std::string(rest) + "\"");
  }
  copy.parameters.push_back({std::string(head), SpecValue::of_number(value)});
  return copy;
}

std::optional<double> written_number(const Spec& spec, std::string_view path) {
  const auto [head, rest] = split_path(path);
  const SpecValue* value = spec.find(head);
  if (value == nullptr) return std::nullopt;
  if (rest.empty()) {
    if (value->kind != SpecValue::Kind::kNumber) return std::nullopt;
    return value->number;
  }
  if (value->kind != SpecValue::Kind::kSpec) return std::nullopt;
  return written_number(value->spec.front(), rest);
}

}  // namespace treatysim
