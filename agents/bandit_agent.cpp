#include "agents/bandit_agent.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <boost/random/uniform_01.hpp>

#include "engine/model/user_error.hpp"

namespace treatysim::agents {

std::vector<double> parse_arms(const std::string& text) {
  std::vector<double> arms;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    char* end = nullptr;
    const double value = std::strtod(item.c_str(), &end);
    const bool blank = item.find_first_not_of(' ') == std::string::npos;
    if (blank || end == item.c_str() ||
        std::string(end).find_first_not_of(' ') != std::string::npos || !std::isfinite(value) ||
        value < 0.0 || value > 100.0) {
      throw UserError(
          "bandit: parameter arms expects concession exponents in [0, 100] separated by commas, "
          "got \"" +
          text + "\" (bad entry \"" + item + "\")");
    }
    arms.push_back(value);
    start = comma + 1;
  }
  return arms;
}

BanditAgent::BanditAgent(BanditAlgorithm algorithm, std::vector<double> arms, double exploration,
                         double gamma)
    : algorithm_(algorithm), arms_(std::move(arms)), exploration_(exploration), gamma_(gamma) {
  for (const double e : arms_) {
    players_.push_back(std::make_unique<TimeDependentAgent>(ConcessionFamily::kPolynomial, e, 0.0));
  }
}

void BanditAgent::reset(const NegotiationContext& context) {
  plays_.assign(arms_.size(), 0);
  reward_sums_.assign(arms_.size(), 0.0);
  weights_.assign(arms_.size(), 1.0);
  begin(context);
}

void BanditAgent::continue_series(const NegotiationContext& context) {
  if (plays_.size() != arms_.size()) {
    reset(context);
    return;
  }
  begin(context);
}

std::vector<double> BanditAgent::exp3_probabilities() const {
  double total = 0.0;
  for (const double w : weights_) total += w;
  const auto k = static_cast<double>(arms_.size());
  std::vector<double> p(arms_.size());
  for (std::size_t i = 0; i < p.size(); ++i)
    p[i] = (1.0 - gamma_) * weights_[i] / total + gamma_ / k;
  return p;
}

void BanditAgent::begin(const NegotiationContext& context) {
  context_ = context;
  rng_.seed(context.seed);
  rewarded_ = false;
  if (algorithm_ == BanditAlgorithm::kUcb1) {
    int total = 0;
    for (const int n : plays_) total += n;
    arm_ = 0;
    double best = -1.0;
    for (std::size_t i = 0; i < arms_.size(); ++i) {
      if (plays_[i] == 0) {  // every arm once, in order
        arm_ = i;
        break;
      }
      const double mean = reward_sums_[i] / plays_[i];
      const double score =
          mean + exploration_ * std::sqrt(std::log(static_cast<double>(total)) / plays_[i]);
      if (score > best) {
        best = score;
        arm_ = i;
      }
    }
    arm_probability_ = 1.0;
  } else {
    const std::vector<double> p = exp3_probabilities();
    const double draw = boost::random::uniform_01<double>()(rng_);
    double cumulative = 0.0;
    arm_ = p.size() - 1;
    for (std::size_t i = 0; i < p.size(); ++i) {
      cumulative += p[i];
      if (draw < cumulative) {
        arm_ = i;
        break;
      }
    }
    arm_probability_ = p[arm_];
  }
  players_[arm_]->reset(context);
}

Outcome BanditAgent::propose(const NegotiationState& state) {
  return players_[arm_]->propose(state);
}

Response BanditAgent::respond(const NegotiationState& state, const Outcome& offer) {
  return players_[arm_]->respond(state, offer);
}

void BanditAgent::observe(const Event& event) {
  if (rewarded_) return;
  double reward = 0.0;
  switch (event.kind) {
    case EventKind::kAccept:
      reward = std::pow(context_.own.discount(), event.offer_index) *
               (*context_.own.utility)(event.outcome);
      break;
    case EventKind::kWalkAway:
    case EventKind::kDeadline:
      reward = context_.own.reservation_value();
      break;
    case EventKind::kOffer:
    case EventKind::kReject:
      return;
  }
  rewarded_ = true;
  plays_[arm_] += 1;
  reward_sums_[arm_] += reward;
  if (algorithm_ == BanditAlgorithm::kExp3) {
    const auto k = static_cast<double>(arms_.size());
    weights_[arm_] *= std::exp(gamma_ * (reward / arm_probability_) / k);
    const double top = *std::max_element(weights_.begin(), weights_.end());
    for (double& w : weights_) w /= top;
  }
}

}  // namespace treatysim::agents
